//! Purpose: a lane's hand-over keeps GitHub's pacing: the next owner waits out the last owner's last second, and only then.
import { describe, expect, it } from "vitest";
import { paceRecord, paceWait } from "../../src/queue/lane-pace.js";

describe("the wait before a lane's turn", () => {
  const at = 1_700_000_000_000;
  it.each([
    ["no record (the lane was idle over 2 s, or never ran)", null, "b", at, 0],
    ["another replica's turn ended now", paceRecord("a", at), "b", at, 1_000],
    ["another replica's turn ended 300 ms ago", paceRecord("a", at), "b", at + 300, 700],
    ["another replica's turn ended a second ago", paceRecord("a", at), "b", at + 1_000, 0],
    ["this replica's own turn (its own limiter paces it)", paceRecord("b", at), "b", at, 0],
    ["a clock behind the last owner's never waits more than a second", paceRecord("a", at + 5_000), "b", at, 1_000],
    ["an unreadable record", "a soon", "b", at, 0],
  ])("%s", (_, record, me, now, wait) => expect(paceWait(record, me, now)).toBe(wait));
});
