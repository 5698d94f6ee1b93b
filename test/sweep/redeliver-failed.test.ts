//! Purpose: failed deliveries are redelivered once each, within GitHub's 3 days, and never one that succeeded.
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import type { Listening } from "@bug-lifecycle/github-double";
import { recoverFailedDeliveries } from "../../src/sweep/redeliver-failed.js";
import { REPO, TestOctokit, seeded } from "../double/fixture.js";
import { rsaKey } from "../support/fixtures.js";

const privateKey = rsaKey();
const DAY = 24 * 60 * 60_000;

let listening: Listening | undefined;
afterEach(async () => {
  await listening?.close();
  listening = undefined;
});

describe("recovering failed deliveries", () => {
  it.each([false, true])("redelivers each guid whose every attempt failed, once (dry run: %s)", async (dryRun) => {
    const double = seeded();
    // A fixed instant: the 3-day window is measured from `now`, never from the wall clock.
    const now = new Date("2026-11-20T18:00:00Z");
    const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
    const send = (body: string, status: number, daysAgo: number) =>
      double.hookRecord(double.payload("issue_comment.created", { repo: REPO, actor: "maint", number: 1, body }), status, { at: at(daysAgo) });
    const down = send("/why down", 0, 1);
    const errored = send("/why 500", 500, 0.5);
    send("/why ok", 200, 0.2);
    const retried = send("/why retried", 502, 2);
    double.hookRecord(retried.delivery, 200, { at: at(1.5) }); // a later attempt of the same guid succeeded
    const old = send("/why old", 0, 3.5);
    const clicked = send("/why clicked", 503, 1);
    double.store.hookLog.record(clicked.delivery, 503, { redelivery: true, at: at(0.9) }); // a person pressed Redeliver: it failed again
    listening = await double.listen();
    const app = new TestOctokit({ auth: { appId: 42, privateKey }, baseUrl: `${listening.url}/api/v3` }) as never;
    const log = pino({ level: "silent" });

    const summary = await recoverFailedDeliveries(app, { now: () => now, log, dryRun });
    expect(summary.failed).toBe(2);
    expect(summary.scanned).toBe(7); // the attempt older than 3 days ends the listing
    await double.store.hookLog.settled();
    const redeliveries = double.hookAttempts.filter((a) => a.redelivery && a.guid !== clicked.guid).map((a) => a.guid).sort();
    if (dryRun) {
      expect(summary.redelivered).toEqual([]);
      expect(redeliveries).toEqual([]);
      return;
    }
    expect(summary.redelivered.map((r) => r.guid).sort()).toEqual([down.guid, errored.guid].sort());
    expect(redeliveries).toEqual([down.guid, errored.guid].sort());
    expect(redeliveries).not.toContain(old.guid);

    // Once: the next run (this replica's or another's) finds the redelivery attempts and leaves them alone.
    const again = await recoverFailedDeliveries(app, { now: () => now, log });
    expect(again.redelivered).toEqual([]);
  });
});
