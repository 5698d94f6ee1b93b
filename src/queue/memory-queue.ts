//! Purpose: the embedded work queue: one process, no extra service; per-key lanes in order, retries with backoff, a graceful close.
import type { Logger } from "pino";
import { TtlCache } from "../github/ttl-cache.js";
import { DEFAULT_RETRY, nextDelay, type RetryPolicy } from "./retry-policy.js";
import { realClock, type AcceptResult, type CloseReport, type QueueClock, type QueuedDelivery, type RunQueued, type WorkQueue } from "./work-queue.js";

export interface MemoryQueueOptions {
  work: RunQueued;
  /** The serialisation key (`owner/name#number`, `owner/name`), or null for a delivery that needs no order. */
  keyOf: (delivery: QueuedDelivery) => string | null;
  log: Pick<Logger, "info" | "warn" | "error">;
  retry?: RetryPolicy;
  clock?: QueueClock;
  /** How long a delivery id is remembered (GitHub redelivers with the same id). */
  dedupeMs?: number;
  /**
   * The group a delivery's key belongs to (its installation), and how many of a group's keys run at once.
   * Without them every key runs at once. With them, a group with 1,000 issues queued runs `groupWindow` of
   * them while the others wait in arrival order: its writes start landing at once instead of after every
   * issue's first read went through the installation's pacing. Other groups are never held back by it.
   */
  groupOf?: (delivery: QueuedDelivery) => string | null;
  groupWindow?: number;
  /** Called when a delivery's work is over: done, or failed for good (logged). Not for work a close cut short. */
  settled?: (delivery: QueuedDelivery, outcome: "done" | "failed") => void;
}

interface Job {
  delivery: QueuedDelivery;
  key: string | null;
  attempts: number;
  state: "waiting" | "running" | "retrying";
}

export function createMemoryQueue(options: MemoryQueueOptions): WorkQueue {
  const retry = options.retry ?? DEFAULT_RETRY;
  const clock = options.clock ?? realClock;
  const seen = new TtlCache<string, true>(options.dedupeMs ?? 60 * 60_000, 100_000, () => clock.now());
  /** One lane per ordering key: its jobs in acceptance order, the head running. */
  const lanes = new Map<string, Job[]>();
  const jobs = new Set<Job>();
  const stopping = new AbortController();
  let closed = false;
  let done = 0;
  let failed = 0;
  let lone = 0;
  let idleWaiters: (() => void)[] = [];
  /** Per group: lanes running, and lanes waiting for room in arrival order. */
  const groups = new Map<string, { running: number; ready: string[] }>();
  const laneGroup = new Map<string, string>();
  /** Delayed jobs by id: in this process only (a restart loses them; the sweep re-derives their timers). */
  const delayed = new Set<string>();

  const settle = () => {
    if (jobs.size) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  async function run(job: Job): Promise<void> {
    for (;;) {
      if (stopping.signal.aborted) return; // close() reports it
      job.state = "running";
      job.attempts += 1;
      try {
        await options.work(job.delivery);
        done += 1;
        return finish(job, "done");
      } catch (error) {
        const delay = nextDelay(retry, job.attempts, error);
        const context = { delivery: job.delivery.id, event: job.delivery.name, key: job.key, attempts: job.attempts, err: error };
        if (delay === null) {
          failed += 1;
          // Accepted work is never dropped silently: this line is the record, the next sweep repairs the issue.
          options.log.error(context, "job failed; the next sweep repairs it");
          return finish(job, "failed");
        }
        options.log.warn({ ...context, retryInMs: delay }, "job failed; retrying");
        job.state = "retrying";
        await clock.sleep(delay, stopping.signal);
      }
    }
  }

  function finish(job: Job, outcome: "done" | "failed"): void {
    jobs.delete(job);
    options.settled?.(job.delivery, outcome);
    settle();
  }

  async function drainLane(key: string): Promise<void> {
    const lane = lanes.get(key);
    while (lane?.length) {
      const head = lane[0] as Job;
      await run(head);
      if (stopping.signal.aborted) return;
      lane.shift();
    }
    lanes.delete(key);
    const group = laneGroup.get(key);
    laneGroup.delete(key);
    if (group !== undefined) release(group);
  }

  /** Starts a new lane now, or when its group has room. */
  function startLane(key: string, group: string | null): void {
    if (group === null || !options.groupWindow) {
      // A macrotask later, so the caller's answer is written first: the work never runs inside `accept`.
      setImmediate(() => void drainLane(key));
      return;
    }
    laneGroup.set(key, group);
    let state = groups.get(group);
    if (!state) groups.set(group, (state = { running: 0, ready: [] }));
    if (state.running >= options.groupWindow) return void state.ready.push(key);
    state.running += 1;
    setImmediate(() => void drainLane(key));
  }

  function release(group: string): void {
    const state = groups.get(group);
    if (!state) return;
    const next = state.ready.shift();
    if (next !== undefined) return void setImmediate(() => void drainLane(next));
    state.running -= 1;
    if (state.running === 0) groups.delete(group);
  }

  return {
    async accept(delivery) {
      if (closed) return "closed" satisfies AcceptResult;
      if (seen.get(delivery.id)) return "duplicate";
      seen.set(delivery.id, true);
      const job: Job = { delivery, key: options.keyOf(delivery), attempts: 0, state: "waiting" };
      jobs.add(job);
      const laneKey = job.key ?? `\u0000lone:${lone++}`;
      const lane = lanes.get(laneKey);
      if (lane) lane.push(job);
      else {
        lanes.set(laneKey, [job]);
        startLane(laneKey, options.groupOf?.(delivery) ?? null);
      }
      return "accepted";
    },

    async later(delivery, runAt) {
      if (closed) return "closed";
      if (delayed.has(delivery.id) || seen.get(delivery.id)) return "duplicate";
      delayed.add(delivery.id);
      void clock.sleep(Math.max(0, runAt - clock.now()), stopping.signal).then(() => {
        delayed.delete(delivery.id);
        if (stopping.signal.aborted || closed) return;
        void this.accept(delivery);
      });
      return "accepted";
    },

    idle() {
      return jobs.size ? new Promise<void>((resolve) => idleWaiters.push(resolve)) : Promise.resolve();
    },

    async close(graceMs) {
      closed = true;
      const before = done + failed;
      const drained = await Promise.race([
        this.idle().then(() => true),
        clock.sleep(graceMs).then(() => false),
      ]);
      if (!drained || delayed.size) stopping.abort();
      if (delayed.size) options.log.info({ delayed: [...delayed] }, `shutdown: ${delayed.size} delayed jobs dropped; the sweep re-derives their timers`);
      const unfinished = [...jobs].map((job) => ({ id: job.delivery.id, name: job.delivery.name, key: job.key, state: job.state, attempts: job.attempts }));
      const report: CloseReport = { finished: done + failed - before, unfinished };
      if (unfinished.length) {
        // GitHub was answered 200 for these: they are not in its failed deliveries, so say which ones the sweep must repair.
        options.log.warn({ unfinished, graceMs }, `shutdown: ${unfinished.length} accepted deliveries not finished; the next sweep repairs them`);
      } else {
        options.log.info({ finished: report.finished }, "shutdown: every accepted delivery finished");
      }
      return report;
    },

    async stats() {
      let waiting = 0;
      let running = 0;
      let retrying = 0;
      for (const job of jobs) {
        if (job.state === "waiting") waiting += 1;
        else if (job.state === "running") running += 1;
        else retrying += 1;
      }
      return { waiting, running, retrying, done, failed, delayed: delayed.size };
    },
  };
}
