//! Purpose: the sweep on a schedule inside the server: `SWEEP_SCHEDULE` (cron syntax, default hourly, `off`), never overlapping.
import { Cron } from "croner";
import type { Probot } from "probot";
import { runSweepOnce } from "./run-sweep.js";
import { appTargets } from "./targets.js";

export const DEFAULT_SWEEP_SCHEDULE = "0 * * * *";

export interface ScheduleDeps {
  now: () => Date;
  dryRun: boolean;
}

/**
 * Starts the schedule, or returns null when `SWEEP_SCHEDULE=off`. An invalid expression throws, so the
 * server refuses to start rather than silently never sweeping.
 */
export function startSweepSchedule(probot: Probot, env: NodeJS.ProcessEnv, deps: ScheduleDeps): Cron | null {
  const pattern = env.SWEEP_SCHEDULE?.trim() || DEFAULT_SWEEP_SCHEDULE;
  const log = probot.log;
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
        // A run still going when the next tick comes is not doubled (runSweepOnce guards the CLI path too).
        protect: (running) => log.warn({ startedAt: running.currentRun()?.toISOString() }, "sweep: previous run still going, tick skipped"),
        catch: (error) => log.error({ err: error }, "sweep run failed"),
      },
      async () => {
        await runSweepOnce({ targets: () => appTargets(probot), now: deps.now, dryRun: deps.dryRun, log });
      },
    );
  } catch (error) {
    throw new Error(`SWEEP_SCHEDULE=${JSON.stringify(pattern)} is not a cron expression (or "off"): ${error instanceof Error ? error.message : String(error)}`);
  }
  log.info({ schedule: pattern, next: job.nextRun()?.toISOString() }, "sweep scheduled");
  return job;
}
