//! Purpose: the seam between the webhook adapter and the handlers: accept a delivery now, run it later, once.
import type { Delivery } from "./delivery.js";

export interface WorkQueue {
  /** Resolves once the delivery is stored (or known already); throws `QueueUnavailable` when it cannot be. */
  accept(delivery: Delivery): Promise<"accepted" | "duplicate">;
  close(): Promise<void>;
}

/** The queue's store is unreachable: the webhook is answered 503 so GitHub records a failed delivery. */
export class QueueUnavailable extends Error {
  /** Read by @octokit/webhooks' middleware as the HTTP status of the answer. */
  readonly status = 503;
  constructor(cause: unknown) {
    super(`the work queue is unreachable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "QueueUnavailable";
  }
}
