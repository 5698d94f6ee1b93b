//! Purpose: the in-server schedule (SWEEP_SCHEDULE: cron, default hourly, `off`) and that runs never overlap.
import pino from "pino";
import { describe, expect, it } from "vitest";
import { createRuntime } from "../../src/runtime/runtime.js";
import { sweepOnce } from "../../src/sweep/run-sweep.js";
import { DEFAULT_SWEEP_SCHEDULE, startSweepSchedule } from "../../src/sweep/schedule.js";

const log = pino({ level: "silent" });
const sweep = async () => undefined;

describe("sweep schedule", () => {
  it("is hourly by default", () => {
    const job = startSweepSchedule(undefined, log, sweep);
    try {
      expect(DEFAULT_SWEEP_SCHEDULE).toBe("0 * * * *");
      expect(job?.nextRun()?.getUTCMinutes()).toBe(0);
    } finally {
      job?.stop();
    }
  });

  it("follows SWEEP_SCHEDULE", () => {
    const job = startSweepSchedule("30 6 * * 1-5", log, sweep);
    try {
      const next = job?.nextRun();
      expect(next?.getMinutes()).toBe(30);
      expect(next?.getHours()).toBe(6);
    } finally {
      job?.stop();
    }
  });

  it("SWEEP_SCHEDULE=off disables it", () => {
    expect(startSweepSchedule("off", log, sweep)).toBeNull();
  });

  it("an invalid expression stops the server from starting, with a reason", () => {
    expect(() => startSweepSchedule("every hour", log, sweep)).toThrow(/SWEEP_SCHEDULE="every hour" is not a cron expression/);
  });

  it("a run still going when the next one is due is not doubled", async () => {
    let release: () => void = () => {};
    const slow = new Promise<void>((resolve) => (release = resolve));
    const options = { targets: async () => (await slow, { targets: [], reads: 0 }), now: () => new Date("2026-11-20T18:00:00Z"), dryRun: false, log, port: createRuntime({ env: {} }) };
    const runSweepOnce = sweepOnce();
    const first = runSweepOnce(options);
    expect(await runSweepOnce(options)).toBeNull();
    release();
    expect(await first).toMatchObject({ repos: 0, failed: [] });
    expect(await runSweepOnce(options)).not.toBeNull();
  });
});
