//! Purpose: handing the webhooks API writes cause to the double's listeners, and knowing when the work they started has settled.
import type { EmitterWebhookEvent } from "@octokit/webhooks";
import type { Delivery } from "./types.js";

/** Gets each webhook caused by an API write; a returned promise is awaited by `settled()`. */
export type WebhookListener = (name: string, payload: Record<string, unknown>, event: EmitterWebhookEvent) => void | Promise<unknown>;

export class WebhookListeners {
  private listeners: WebhookListener[] = [];
  private readonly pending = new Set<Promise<unknown>>();

  /** Returns the function that removes the listener. */
  add(listener: WebhookListener): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** Calls every listener with the delivery; a listener's failure is logged, never thrown at the API write. */
  deliver(delivery: Delivery): void {
    for (const listener of this.listeners) {
      try {
        const result = listener(delivery.name, delivery.payload, delivery as unknown as EmitterWebhookEvent);
        if (result instanceof Promise) {
          const tracked: Promise<unknown> = result
            .catch((error: unknown) => console.error("[github-double] webhook listener failed:", error))
            .finally(() => this.pending.delete(tracked));
          this.pending.add(tracked);
        }
      } catch (error) {
        console.error("[github-double] webhook listener failed:", error);
      }
    }
  }

  /**
   * Waits until listeners' promises settle, including those started by webhooks they caused in turn.
   * Throws after `maxRounds` rounds: a webhook loop (e.g. the bot reacting to its own events).
   */
  async settled(maxRounds: number): Promise<void> {
    for (let round = 0; this.pending.size > 0; round++) {
      if (round >= maxRounds) throw new Error(`webhooks still flowing after ${maxRounds} rounds: a loop?`);
      await Promise.allSettled([...this.pending]);
    }
  }
}
