//! Purpose: the sweep under the one failure policy: a write GitHub refuses fails that item only; the run goes on and the next run completes it, once.
import { describe, expect, it } from "vitest";
import { BOT, createSweepHarness, needsInfoBug, REPO } from "./sweep-harness.js";

describe("sweep: a failed write", () => {
  it("counts an error for its item, still writes the others, and the next run writes it once", async () => {
    const h = createSweepHarness();
    const numbers = [20, 15].map((days) => h.double.addIssue(REPO, needsInfoBug(days)).number);
    // The first reminder's document is refused (the oldest deadline goes first); the second goes through.
    h.double.fault({ graphqlField: "addComment", status: 502 });
    const reminders = () => numbers.map((n) => h.double.issue(REPO, n).comments.filter((c) => c.author === BOT).length);
    const first = await h.sweep();
    expect(first).toMatchObject({ actions: { "needs-info-reminder": 1 }, errors: 1 });
    expect(reminders()).toEqual([0, 1]);
    expect((await h.sweep())).toMatchObject({ actions: { "needs-info-reminder": 1 }, errors: 0 });
    expect(reminders()).toEqual([1, 1]);
    expect((await h.sweep())).toMatchObject({ actions: {}, errors: 0 });
    expect(reminders()).toEqual([1, 1]);
  });
});
