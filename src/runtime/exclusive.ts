//! Purpose: the per-issue exclusion: tasks with one key run one at a time, in arrival order, on one runtime.

export class Exclusive {
  private readonly queues = new Map<string, Promise<unknown>>();

  /**
   * Runs `task` after every earlier task with the same key has finished. Deliveries for one issue are
   * handled one at a time, so the second `/critical` of a burst reads the first one's comment (and
   * marker) before deciding, instead of both posting the checklist.
   */
  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(task);
    this.queues.set(key, current);
    try {
      return await current;
    } finally {
      if (this.queues.get(key) === current) this.queues.delete(key);
    }
  }
}
