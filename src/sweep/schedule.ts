//! Purpose: the sweep on a schedule inside the server: `SWEEP_SCHEDULE` (cron syntax, default hourly, `off`), never overlapping.
import { Cron } from "croner";
import type { Logger } from "probot";

export const DEFAULT_SWEEP_SCHEDULE = "0 * * * *";

/**
 * Starts the schedule, or returns null when `SWEEP_SCHEDULE=off`. An invalid expression throws, so the
 * server refuses to start rather than silently never sweeping. `sweep` is the runtime's guarded sweep.
 */
export function startSweepSchedule(schedule: string | undefined, log: Logger, sweep: () => Promise<unknown>): Cron | null {
  const pattern = schedule?.trim() || DEFAULT_SWEEP_SCHEDULE;
  if (pattern.toLowerCase() === "off") {
    log.info("sweep schedule off (SWEEP_SCHEDULE=off)");
    return null;
  }
  let job: Cron;
  try {
    job = new Cron(
      pattern,
      {
        name: "bug-lifecycle-sweep",
        // A run still going when the next tick comes is not doubled (the runtime's guard covers the CLI path too).
        protect: (running) => log.warn({ startedAt: running.currentRun()?.toISOString() }, "sweep: previous run still going, tick skipped"),
        catch: (error) => log.error({ err: error }, "sweep run failed"),
      },
      async () => {
        await sweep();
      },
    );
  } catch (error) {
    throw new Error(`SWEEP_SCHEDULE=${JSON.stringify(pattern)} is not a cron expression (or "off"): ${error instanceof Error ? error.message : String(error)}`);
  }
  log.info({ schedule: pattern, next: job.nextRun()?.toISOString() }, "sweep scheduled");
  return job;
}
