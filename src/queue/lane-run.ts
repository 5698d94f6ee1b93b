//! Purpose: one turn of an installation's lane on the replica that holds it: its queued jobs, oldest first, people's before the sweep's, per issue in order, then removed from Redis.
import { Job, type Queue } from "bullmq";
import type { Logger } from "probot";
import { createMemoryQueue } from "./memory-queue.js";
import { keyOf, type JobData, type WorkItem } from "./redis-job.js";
import type { RetryPolicy } from "./retry-policy.js";

export interface LaneTurn {
  /** The lane's jobs (BullMQ's `prioritized` set: priority, then arrival). */
  queue: Queue<JobData>;
  run: (item: WorkItem) => Promise<void>;
  log: Pick<Logger, "info" | "warn" | "error">;
  retry: RetryPolicy;
  /** Jobs of this lane in flight at once, each issue's one at a time (its pacing is the installation's anyway). */
  window: number;
  /** Whether to stop taking jobs: the replica is closing, or other lanes wait while this one had its share. */
  stop: () => Promise<boolean>;
  /** A job's work is over: remove it from the lane (a landed one keeps its de-dup record). */
  finish: (job: Job<JobData>, outcome: "done" | "failed") => Promise<void>;
  /** Receives the turn's wake-up: called when this replica queues a job into the lane while the turn runs. */
  onPoke?: (poke: (() => void) | undefined) => void;
}

/**
 * The sweep's work runs one job at a time per lane, so a person's command waits behind at most one sweep
 * write in the installation's pacing, never behind a whole tick's.
 */
const SWEEP_IN_FLIGHT = 1;

/**
 * A busy lane with room looks for jobs queued through other replicas this often (this replica's own wake it at
 * once: `poke`); a lane at rest has no turn, and costs nothing.
 */
const LOOK_AGAIN_MS = 500;

/**
 * Runs the lane's jobs until it is empty or `stop()` says so, and returns which. The jobs stay in Redis
 * until their work is over: if this replica dies, the lane's lease lapses and another replica runs them again
 * (the handlers are safe to run twice). Returns once every job it took is finished.
 */
export async function runLaneTurn(turn: LaneTurn): Promise<"empty" | "stopped"> {
  /** Taken and not yet removed: never taken twice by this turn. */
  const taken = new Map<string, Job<JobData>>();
  /** Finished, but Redis refused the removal: left for the lane's next turn, not run again in this one. */
  const stuck = new Set<string>();
  /** Read but not taken yet (a sweep job waiting for the sweep's one place). */
  const seen = new Map<string, Job<JobData>>();
  let wake: (() => void) | undefined;
  const local = createMemoryQueue({
    work: (delivery) => turn.run((delivery.payload as JobData).item),
    keyOf: (delivery) => keyOf((delivery.payload as JobData).item),
    log: turn.log,
    retry: turn.retry,
    // Ids are BullMQ job ids; this turn's own `taken` keeps them unique, so nothing is remembered past it.
    dedupeMs: 1,
    settled: (delivery, outcome) => {
      const job = taken.get(delivery.id);
      if (!job) return;
      void turn
        .finish(job, outcome)
        .catch((error: unknown) => {
          stuck.add(delivery.id);
          turn.log.warn({ job: delivery.id, err: error }, "lane: a finished job could not be removed; its lane runs it again (safely)");
        })
        .finally(() => {
          taken.delete(delivery.id);
          wake?.();
        });
    },
  });
  const sweeping = () => [...taken.values()].filter((job) => job.data.kind !== "delivery").length;

  turn.onPoke?.(() => wake?.());
  let result: "empty" | "stopped" = "empty";
  for (;;) {
    if (await turn.stop()) {
      result = "stopped";
      break;
    }
    const room = turn.window - taken.size;
    if (room > 0) {
      // Ids first (one ZRANGE); each job's payload is read once per turn, when it is first seen.
      const ids = await turn.queue.getRanges(["prioritized"], 0, taken.size + stuck.size + room - 1, true);
      let sweep = sweeping();
      for (const id of ids) {
        if (taken.size >= turn.window) break;
        if (taken.has(id) || stuck.has(id)) continue;
        const job = seen.get(id) ?? (await Job.fromId<JobData>(turn.queue, id));
        if (!job) continue; // removed meanwhile
        seen.set(id, job);
        if (job.data.kind !== "delivery" && sweep >= SWEEP_IN_FLIGHT) continue;
        if (job.data.kind !== "delivery") sweep++;
        seen.delete(id);
        taken.set(id, job);
        await local.accept({ id, name: job.data.kind, payload: job.data });
      }
    }
    if (taken.size === 0) break;
    // A job that arrives while this turn waits (on any replica) is looked for again shortly, while the turn has room.
    await new Promise<void>((resolve) => {
      wake = resolve;
      if (taken.size < turn.window) setTimeout(resolve, LOOK_AGAIN_MS);
    });
    wake = undefined;
  }
  // What this turn took finishes here, so the lane's next turn (maybe on another replica) never runs it beside us.
  turn.onPoke?.(undefined);
  while (taken.size) await new Promise<void>((resolve) => (wake = resolve));
  return result;
}
