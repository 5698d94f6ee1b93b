//! Purpose: the sweep takes the webhooks' per-issue exclusion: in one process around each due item's writes; for replicas by handing each due item to the issue's own job.
import { describe, expect, it, vi } from "vitest";
import { Exclusive } from "../../src/runtime/exclusive.js";
import type { DueItem } from "../../src/sweep/sweep-repo.js";
import { BOT, createSweepHarness, needsInfoBug, REPO } from "./sweep-harness.js";

const reminders = (h: ReturnType<typeof createSweepHarness>, number: number) => h.double.issue(REPO, number).comments.filter((c) => c.author === BOT);

describe("sweep: the per-issue exclusion", () => {
  it("one process: a due item's writes wait for the delivery holding the issue's exclusion", async () => {
    const h = createSweepHarness();
    const { number } = h.double.addIssue(REPO, needsInfoBug(15));
    const key = `${REPO}#${number}`;
    // Every task that asks for the issue's exclusion, and whether the delivery still held it when that task began.
    const began: boolean[] = [];
    let holding = true;
    const run = Exclusive.prototype.run;
    const asked = vi.spyOn(Exclusive.prototype, "run").mockImplementation(function (this: Exclusive, k, task) {
      return run.call(this, k, k === key ? () => (began.push(holding), task()) : task);
    });
    try {
      let release!: () => void;
      const held = h.runtime.exclusive(key, () => new Promise<void>((done) => (release = done)));
      const sweep = h.sweep();
      // The sweep asked for the issue's exclusion (the delivery's task, then the sweep's): it now waits behind the delivery.
      await vi.waitFor(() => expect(asked.mock.calls.filter(([k]) => k === key)).toHaveLength(2));
      expect(reminders(h, number)).toHaveLength(0);
      holding = false;
      release();
      await held;
      expect((await sweep).actions).toEqual({ "needs-info-reminder": 1 });
      expect(reminders(h, number)).toHaveLength(1);
      // The sweep's writes began only once the delivery had let go.
      expect(began).toEqual([true, false]);
    } finally {
      asked.mockRestore();
    }
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
