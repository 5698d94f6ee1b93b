//! Purpose: which `/words` are near misses of a command (edit distance ≤ 2), as a table.
import { describe, expect, it } from "vitest";
import { nearestCommand } from "../../src/lifecycle/help.js";

describe("nearestCommand", () => {
  it.each([
    ["reproducd", "reproduced"],
    ["reproduce", "reproduced"],
    ["reprodcued", "reproduced"],
    ["qa-pased", "qa-passed"],
    ["qapassed", "qa-passed"],
    ["needsinfo", "needs-info"],
    ["whyy", "why"],
    ["notabug", "not-a-bug"],
    ["releas", "release"],
    ["help", null],
    ["hold", null],
    ["lgtm", null],
    ["retest", null],
    ["assign", null],
    ["cc", null],
    ["approve", null],
    ["reproduced", "reproduced"],
  ] as const)("/%s → %s", (word, expected) => {
    // An exact command never reaches it (the parser runs it); the table still shows distance 0 wins.
    expect(nearestCommand(word)).toBe(expected);
  });
});
