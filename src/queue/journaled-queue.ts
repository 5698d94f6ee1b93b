//! Purpose: the in-memory queue made durable across a crash: each delivery is journaled before `accept` answers, and what a killed process left is replayed at start.
import type { Logger } from "pino";
import type { Journal } from "./journal.js";
import type { QueuedDelivery, WorkQueue } from "./work-queue.js";

export interface DurableQueue extends WorkQueue {
  /** Accepts again what the journal holds from before this process (once; `accept` waits for it). */
  replay(): Promise<number>;
}

/**
 * Wraps `queue` (whose `settled` hook must call `journal.done`): `accept` resolves (and the server answers
 * 200) only once the delivery's file is on disk; a delivery the queue refuses leaves no file. `later` is not
 * journaled: a delayed job lost with the process costs lateness only (the sweep re-derives every timer).
 *
 * `replay()` runs once at start, before any new delivery is accepted (they wait for it), so an issue's
 * replayed commands keep their place ahead of newer ones. A replayed delivery runs again from the start:
 * the handlers are safe to run twice (they read the issue as it is and write only what differs).
 */
export function journaledQueue(queue: WorkQueue, journal: Journal, log: Pick<Logger, "info" | "warn" | "error">): DurableQueue {
  let replayed: Promise<number> | undefined;

  async function take(delivery: QueuedDelivery, name: string) {
    const result = await queue.accept(delivery);
    if (result === "accepted") journal.keep(delivery.id, name);
    else await journal.drop(name);
    return result;
  }

  const durable = {
    replay() {
      replayed ??= (async () => {
        let found: Awaited<ReturnType<Journal["unfinished"]>>;
        try {
          found = await journal.unfinished();
        } catch (error) {
          // Not readable now: new deliveries are still taken (and journaled); the files wait for the next start.
          log.error({ err: error, journal: journal.dir }, "journal: could not read the deliveries left by the last stop; they run at the next start");
          return 0;
        }
        for (const { name, delivery } of found) await take(delivery, name);
        if (found.length) {
          log.info({ journal: journal.dir, deliveries: found.map((f) => f.delivery.id) }, `journal: ${found.length} accepted deliveries not finished before the last stop run again now`);
        }
        return found.length;
      })();
      return replayed;
    },
    async accept(delivery: QueuedDelivery) {
      await durable.replay();
      // Written first: a failed write answers 500 and queues nothing (GitHub lists it as failed; the redelivery step recovers it).
      const name = await journal.write(delivery);
      return take(delivery, name);
    },
    later: (delivery: QueuedDelivery, runAt: number) => queue.later(delivery, runAt),
    idle: () => queue.idle(),
    async close(graceMs: number) {
      const report = await queue.close(graceMs);
      // Their files stay: the next start runs them (the queue's own line says the sweep would).
      if (report.unfinished.length) log.info({ journal: journal.dir, deliveries: report.unfinished.map((u) => u.id) }, `journal: ${report.unfinished.length} unfinished deliveries kept; they run again at the next start`);
      return report;
    },
    stats: () => queue.stats(),
  };
  return durable;
}
