//! Purpose: the work queue's seam: accept a delivery fast, run it later in per-issue order (in memory now; Redis/BullMQ for replicas).

/**
 * Jobs of one installation in flight at once (one process and each replica's lane alike): enough that reads
 * overlap while writes wait for the installation's pacing, few enough that a backlog of 1,000 issues starts
 * landing at once instead of after every issue's first paced request.
 */
export const INSTALLATION_WINDOW = 10;

/** What the queue carries: the runtime's `Delivery` shape (id, event name, payload as GitHub sent it). */
export interface QueuedDelivery {
  id: string;
  name: string;
  payload: unknown;
}

/**
 * `accepted`: the queue owns the delivery now (answer 200). `duplicate`: this id was accepted before
 * (answer 200, do nothing). `closed`: shutting down (answer 503, so GitHub records a failed delivery and
 * the redelivery step recovers it).
 */
export type AcceptResult = "accepted" | "duplicate" | "closed";

/** What `close` could not finish within its grace period, by delivery: the next sweep repairs those. */
export interface CloseReport {
  finished: number;
  unfinished: { id: string; name: string; key: string | null; state: "running" | "waiting" | "retrying"; attempts: number }[];
}

/**
 * Every implementation keeps the same promises, so a Redis-backed one (BullMQ: job id = delivery id,
 * one group per ordering key, `attempts` + backoff) can replace the in-memory one behind the adapter:
 * - `accept` de-duplicates by delivery id and returns once the delivery is durable in the queue (for memory:
 *   at once), never after the work;
 * - deliveries with the same ordering key run one at a time in acceptance order; other keys run concurrently;
 * - a job failing on a transient GitHub error is retried with backoff (`retry-policy.ts`), then logged as failed;
 * - `close(graceMs)` stops accepting, lets running work finish within the grace period and reports the rest.
 */
export interface WorkQueue {
  accept(delivery: QueuedDelivery): Promise<AcceptResult>;
  /**
   * A delayed job: `delivery` is accepted at `runAt` (ms since the epoch), then runs like any other, in its
   * key's order. De-duplicated by id. Timers of minutes (the critical escalation) use it; the sweep
   * re-derives every timer from the timeline anyway, so a delayed job lost with a process costs only lateness.
   * Never counted by `idle()` (a shutdown must not wait an hour).
   */
  later(delivery: QueuedDelivery, runAt: number): Promise<AcceptResult>;
  /** Resolves when nothing is waiting, running or retrying (tests, benchmarks, a drained shutdown). */
  idle(): Promise<void>;
  close(graceMs: number): Promise<CloseReport>;
  /** Counts for logs and the queue's status route (the shared queue reads the fleet's from Redis). */
  stats(): Promise<QueueStats>;
}

export interface QueueStats {
  waiting: number;
  running: number;
  retrying: number;
  done: number;
  failed: number;
  /** Delayed jobs not due yet (`later`). */
  delayed: number;
}

/** The work a queue runs for each delivery: the runtime's `handle`. Throws when it should be retried. */
export type RunQueued = (delivery: QueuedDelivery) => Promise<void>;

/** Time for the queue: real timers in production, a fake clock in unit tests. */
export interface QueueClock {
  now(): number;
  /** Resolves after `ms`, or early (without error) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: QueueClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        resolve();
      }
      signal?.addEventListener("abort", done, { once: true });
    }),
};

/** The shared queue's store (Redis) is unreachable: the webhook is answered 503 so GitHub records a failed delivery. */
export class QueueUnavailable extends Error {
  /** Read by @octokit/webhooks' middleware as the HTTP status of the answer. */
  readonly status = 503;
  constructor(cause: unknown) {
    super(`the work queue is unreachable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "QueueUnavailable";
  }
}
