//! Purpose: the work queue in the server process: its status route and its graceful stop on SIGTERM.
import type { IncomingMessage, ServerResponse } from "node:http";
import { resolve } from "node:path";
import { installationOf, orderingKey, type Delivery } from "../runtime/delivery.js";
import type { Runtime } from "../runtime/runtime.js";
import { openJournal } from "./journal.js";
import { journaledQueue } from "./journaled-queue.js";
import { createMemoryQueue } from "./memory-queue.js";
import { statsWithin } from "./readiness.js";
import { INSTALLATION_WINDOW, type WorkQueue } from "./work-queue.js";

/**
 * The one-process server's queue: in memory, journaled to `JOURNAL_DIR` (unless `off`) so what it accepted
 * survives a crash, and what the last process left is replayed now. Throws when the directory cannot be made.
 */
export function oneProcessQueue(runtime: Runtime): WorkQueue {
  const work = (delivery: Parameters<Runtime["handle"]>[0]) => runtime.handle(delivery);
  // Issues of one installation share its pacing: a window of them at a time, as a replica's lane runs them.
  const lanes = { keyOf: orderingKey, groupOf: (delivery: Delivery) => String(installationOf(delivery) ?? "none"), groupWindow: INSTALLATION_WINDOW };
  const dir = runtime.settings.journalDir;
  if (dir === null) return createMemoryQueue({ work, ...lanes, log: runtime.log });
  const journal = openJournal(resolve(dir), runtime.log);
  const memory = createMemoryQueue({ work, ...lanes, log: runtime.log, settled: (delivery) => void journal.done(delivery.id) });
  const queue = journaledQueue(memory, journal, runtime.log);
  void queue.replay();
  return queue;
}

export const QUEUE_STATUS_PATH = "/bug-lifecycle/queue";

/** `GET /bug-lifecycle/queue`: what the queue holds (waiting, running, retrying, done, failed), as JSON. */
export function queueStatusHandler(queue: WorkQueue) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== "GET" || req.url?.split("?")[0] !== QUEUE_STATUS_PATH) return false;
    // Redis away: the fleet's counts cannot be read; 503 at once rather than a request that hangs.
    void statsWithin(queue).then((stats) =>
      stats
        ? res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(stats))
        : res.writeHead(503, { "content-type": "application/json" }).end(JSON.stringify({ error: "the work queue's store (Redis) did not answer" })),
    );
    return true;
  };
}

/**
 * SIGTERM (a deploy, a scale-down): stop accepting (new deliveries get 500, which GitHub records as failed
 * and the redelivery step recovers), let accepted work finish within SHUTDOWN_GRACE_MS, log what did not,
 * and exit. A second SIGTERM exits at once.
 */
export function shutDownOnSigterm(queue: WorkQueue, runtime: Runtime, replica?: { close(): Promise<void> }, onStop?: () => void): void {
  process.once("SIGTERM", () => {
    process.once("SIGTERM", () => process.exit(1));
    onStop?.();
    const graceMs = runtime.settings.shutdownGraceMs;
    // The grace is a promise to the orchestrator (it SIGKILLs after its own): whatever hangs (a Redis that is
    // gone, a close that waits on it), the process is out by then. What was cut short: the journal replays it
    // (one process), or its lease lapses and another replica runs it.
    setTimeout(() => {
      runtime.log.warn({ graceMs }, "SIGTERM: the grace period is over; exiting with work unfinished");
      process.exit(1);
    }, graceMs).unref();
    // A replica stops its fleet schedule and config broadcast at once; its queue drains below.
    void replica?.close().catch(() => undefined);
    // Room within the grace for closing connections and the last log lines after the drain.
    const drainMs = Math.max(0, graceMs - Math.min(1_000, Math.floor(graceMs / 4)));
    void statsWithin(queue)
      .then((stats) => runtime.log.info({ graceMs, ...(stats ?? { stats: "unreadable: Redis did not answer" }) }, "SIGTERM: finishing accepted deliveries"))
      .then(() => queue.close(drainMs))
      .then(async (report) => {
        await runtime.close();
        process.exit(report.unfinished.length ? 1 : 0);
      })
      .catch(() => process.exit(1));
  });
}
