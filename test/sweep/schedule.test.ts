//! Purpose: the in-server schedule (SWEEP_SCHEDULE: cron, default hourly, `off`) and that runs never overlap.
import pino from "pino";
import { Probot } from "probot";
import { describe, expect, it } from "vitest";
import { runSweepOnce } from "../../src/sweep/run-sweep.js";
import { DEFAULT_SWEEP_SCHEDULE, startSweepSchedule } from "../../src/sweep/schedule.js";
import { privateKey } from "./sweep-harness.js";

const log = pino({ level: "silent" });
const probot = new Probot({ appId: 1, privateKey, log });
const deps = { now: () => new Date(), dryRun: false };

describe("sweep schedule", () => {
  it("is hourly by default", () => {
    const job = startSweepSchedule(probot, {}, deps);
    try {
      expect(DEFAULT_SWEEP_SCHEDULE).toBe("0 * * * *");
      expect(job?.nextRun()?.getUTCMinutes()).toBe(0);
    } finally {
      job?.stop();
    }
  });

  it("follows SWEEP_SCHEDULE", () => {
    const job = startSweepSchedule(probot, { SWEEP_SCHEDULE: "30 6 * * 1-5" }, deps);
    try {
      const next = job?.nextRun();
      expect(next?.getMinutes()).toBe(30);
      expect(next?.getHours()).toBe(6);
    } finally {
      job?.stop();
    }
  });

  it("SWEEP_SCHEDULE=off disables it", () => {
    expect(startSweepSchedule(probot, { SWEEP_SCHEDULE: "off" }, deps)).toBeNull();
  });

  it("an invalid expression stops the server from starting, with a reason", () => {
    expect(() => startSweepSchedule(probot, { SWEEP_SCHEDULE: "every hour" }, deps)).toThrow(/SWEEP_SCHEDULE="every hour" is not a cron expression/);
  });

  it("a run still going when the next one is due is not doubled", async () => {
    let release: () => void = () => {};
    const slow = new Promise<void>((resolve) => (release = resolve));
    const options = { targets: async () => (await slow, { targets: [], reads: 0 }), now: () => new Date(), dryRun: false, log };
    const first = runSweepOnce(options);
    expect(await runSweepOnce(options)).toBeNull();
    release();
    expect(await first).toMatchObject({ repos: 0, failed: [] });
    expect(await runSweepOnce(options)).not.toBeNull();
  });
});
