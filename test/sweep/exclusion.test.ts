//! Purpose: the sweep takes the webhooks' per-issue exclusion: in one process around each due item's writes; for replicas by handing each due item to the issue's own job.
import { describe, expect, it } from "vitest";
import type { DueItem } from "../../src/sweep/sweep-repo.js";
import { BOT, createSweepHarness, needsInfoBug, REPO } from "./sweep-harness.js";

const reminders = (h: ReturnType<typeof createSweepHarness>, number: number) => h.double.issue(REPO, number).comments.filter((c) => c.author === BOT);

describe("sweep: the per-issue exclusion", () => {
  it("one process: a due item's writes wait for the delivery holding the issue's exclusion", async () => {
    const h = createSweepHarness();
    const { number } = h.double.addIssue(REPO, needsInfoBug(15));
    let release!: () => void;
    const held = h.runtime.exclusive(`${REPO}#${number}`, () => new Promise<void>((done) => (release = done)));
    const sweep = h.sweep();
    await new Promise((done) => setTimeout(done, 300));
    expect(reminders(h, number)).toHaveLength(0);
    release();
    await held;
    expect((await sweep).actions).toEqual({ "needs-info-reminder": 1 });
    expect(reminders(h, number)).toHaveLength(1);
  });

  it("replicas: the repository's sweep only reads and hands the due item off; its job re-checks and writes once", async () => {
    const h = createSweepHarness();
    const { number } = h.double.addIssue(REPO, needsInfoBug(15));
    h.double.addIssue(REPO, needsInfoBug(2));
    const handed: DueItem[] = [];
    const summary = await h.sweep({ handOff: async (_repo, installationId, item) => void handed.push({ ...item, ...(installationId === 1 ? {} : { nodeId: "wrong installation" }) }) });
    expect(summary.handedOff).toBe(1);
    expect(summary.actions).toEqual({});
    expect(h.requests().filter((r) => r.write)).toHaveLength(0);
    expect(handed.map((item) => item.number)).toEqual([number]);

    const job = { ...handed[0]!, installationId: 1, owner: "acme", name: "app", runId: "tick-test" };
    expect(await h.runtime.sweepIssue(job)).toMatchObject({ actions: { "needs-info-reminder": 1 }, rechecked: 0, errors: 0 });
    expect(reminders(h, number)).toHaveLength(1);
    // A job run twice (its replica died after the write) re-checks and writes nothing.
    expect(await h.runtime.sweepIssue(job)).toMatchObject({ actions: {}, rechecked: 1 });
    expect(reminders(h, number)).toHaveLength(1);
  });
});
