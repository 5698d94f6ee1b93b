//! Purpose: what `adopt --apply` says while it works: one line redrawn in place on a terminal, a line now and then in a log, and its closing summary.
import { describe, expect, it } from "vitest";
import { adoptProgress, describeRepairs } from "../../src/cli/adopt-progress.js";
import type { AdoptPreview } from "../../src/adopt/preview.js";

function capture(isTTY: boolean) {
  let text = "";
  return { io: { stdout: () => undefined, stderr: (t: string) => void (text += t), isTTY }, text: () => text };
}

describe("adoptProgress", () => {
  it("on a terminal: every item redraws one line; a wait says until when; the end closes the line", () => {
    const out = capture(true);
    const progress = adoptProgress(out.io, Date.now());
    progress.repair({ done: 1, total: 3, writes: 1 });
    progress.repair({ done: 2, total: 3, writes: 2, waitingUntil: Date.parse("2026-12-05T22:00:05Z") });
    progress.end();
    expect(out.text()).toBe("\r\x1b[Kadopt: 1/3 items (1 writes)\r\x1b[Kadopt: repaired 2/3 (2 writes); waiting for GitHub's content limit until 22:00:05 UTC\n");
  });

  it("elsewhere: a line every 25 items, the last one and every wait; nothing to close", () => {
    const out = capture(false);
    const progress = adoptProgress(out.io, Date.now());
    for (let done = 1; done <= 30; done++) progress.repair({ done, total: 30, writes: done });
    progress.end();
    expect(out.text()).toBe("adopt: 25/30 items (25 writes)\nadopt: 30/30 items (30 writes)\n");
  });
});

it("describeRepairs: what was done, what was left and for whom", () => {
  const preview = { repo: "acme/app", now: "", requests: 1, totals: { bugs: 2, pulls: 0, perState: {}, repairs: 1, sweep: { "inbox-sla": 2 }, attention: { "no-state": 1 } }, items: [{ number: 9, attention: [{ reason: "no-state", detail: "" }] }] } as unknown as AdoptPreview;
  expect(describeRepairs("acme/app", { repaired: [1, 2], unchanged: [3], failed: [4], left: [5, 6], writes: 3 }, preview, 12.34)).toBe(
    [
      "adopt --apply: acme/app: repaired 2 items in 3 writes, 12.3 s",
      "  already right when re-read: 1 (#3)",
      "  failed (see the log; run again to retry): 1 (#4)",
      "  left, stopped: 2 (run again to continue)",
      "  left for the first sweep: inbox-sla 2",
      "  left for a person: 1 (#9)",
    ].join("\n"),
  );
});
