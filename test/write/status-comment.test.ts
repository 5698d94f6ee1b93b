//! Purpose: the status comment and `/undo` through the app against the GitHub double: one comment kept current, folded history, one write per transition.
import { describe, expect, it } from "vitest";
import { createHarness, FLEET_CONFIG, seedBug } from "../support/app-harness.js";

const STATUS = "<!-- bug-lifecycle:status -->";
const ON = `${FLEET_CONFIG}\nstatusComment: true\n`;

describe("status comment", () => {
  it("/reproduced creates it in the same write; /undo reverts and records the undo", async () => {
    const h = await createHarness({ config: ON });
    const number = seedBug(h, ["bug", ":reproduce"], ["qa-lead"]);
    const first = await h.act("issue_comment.created", { actor: "qa-lead", number, body: "/reproduced #g-mdm" });
    expect(first.writes).toBe(1);
    let statuses = h.issue(number).comments.filter((c) => c.body.includes(STATUS));
    expect(statuses).toHaveLength(1);
    const undo = await h.act("issue_comment.created", { actor: "maint", number, body: "/undo" });
    expect(undo.writes).toBe(1);
    const issue = h.issue(number);
    expect(issue.labels.sort()).toEqual([":reproduce", "bug"]);
    expect(issue.assignees).toEqual(["qa-lead"]);
    statuses = issue.comments.filter((c) => c.body.includes(STATUS));
    expect(statuses).toHaveLength(1);
  });
});
