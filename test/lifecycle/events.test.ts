//! Purpose: the non-command rows of docs/contract.md §2 (opened, reporter replies, merges, milestones, reopen) as tables.
import { describe, expect, it } from "vitest";
import { transition } from "../../src/lifecycle/transition.js";
import type { BugEvent, IssueSnapshot } from "../../src/lifecycle/types.js";
import { fleetConfig, issue, maintainer, NOW, reporter, stranger } from "../support/fixtures.js";
import { outcome, replayWrites, sorted, type Result } from "../support/outcome.js";

const config = fleetConfig();
const BUG = "bug";
const pr = { number: 40, url: "https://github.com/o/r/pull/40", author: "contributor" };
const saved = { labels: [BUG, ":reproduce", "~needs info", "P2"], assignees: ["qa-lead"] };
const say = (body: string, actor = reporter): BugEvent => ({ kind: "commented", comment: { id: 5, nodeId: "IC_5", body }, actor });

type Row = [name: string, before: IssueSnapshot, event: BugEvent, expected: Partial<Result>];

const rows: Row[] = [
  ["a bug opened by a community reporter: inbox + one acknowledgement",
    issue([BUG], [], { authorIsMaintainer: false }), { kind: "opened", actor: reporter },
    { state: "inbox", labels: [BUG, ":reproduce"], comments: ["acknowledge"] }],
  ["a bug opened from the template by a maintainer: no acknowledgement",
    issue([BUG, ":reproduce"], [], { authorIsMaintainer: true }), { kind: "opened", actor: maintainer },
    { state: "inbox", labels: [BUG, ":reproduce"], comments: [], other: [] }],
  ["a bug opened with a group (fast track) goes to the group's EM",
    issue([BUG, "#g-mdm"], [], { authorIsMaintainer: true }), { kind: "opened", actor: maintainer },
    { state: "reproduced", assignees: ["mdm-em"], comments: [] }],
  ["an issue opened without bug is ignored",
    issue(["question"]), { kind: "opened", actor: reporter },
    { state: null, labels: ["question"], comments: [] }],
  ["the reporter answers a request for details: label removed, QA told",
    issue([BUG, ":reproduce", "~needs info"]), say("It happens on 4.2"),
    { state: "inbox", labels: [BUG, ":reproduce"], comments: ["needs-info-answered:5"] }],
  ["someone else commenting does not stop the needs-info clock",
    issue([BUG, ":reproduce", "~needs info"]), say("me too", stranger),
    { labels: [BUG, ":reproduce", "~needs info"], comments: [] }],
  ["a merged PR moves a referenced bug in engineering to awaiting QA",
    issue([BUG, ":release", "#g-mdm"], ["dev"]), { kind: "fixed-by", pr },
    { state: "awaiting-qa", labels: [BUG, ":release", "#g-mdm", "~awaiting QA"], assignees: ["dev", "qa-lead"], comments: ["fixed:40"] }],
  ["a merged PR does not move a bug that is not in engineering",
    issue([BUG, "#g-mdm"], ["mdm-em"]), { kind: "fixed-by", pr },
    { state: "reproduced", comments: [] }],
  ["a closed milestone releases a ready bug: comment, then close as completed",
    issue([BUG, ":release", "~ready for release", "#g-mdm"]), { kind: "milestone-closed", milestone: { number: 3, title: "4.60.0" } },
    { state: null, comments: ["released:3"], other: ["close:completed"] }],
  ["a closed milestone leaves bugs still awaiting QA alone",
    issue([BUG, ":release", "~awaiting QA", "#g-mdm"]), { kind: "milestone-closed", milestone: { number: 3, title: "4.60.0" } },
    { state: "awaiting-qa", comments: [], other: [] }],
  ["/reopen by the reporter on a bot-closed issue restores labels and assignees, without ~needs info",
    issue([BUG], [], { open: false, restore: saved }), say("/reopen here are details"),
    { state: "inbox", labels: [BUG, ":reproduce", "P2"], assignees: ["qa-lead"], other: ["reopen", "react"] }],
  ["/reopen by the reporter on an issue a person closed is refused",
    issue([BUG], [], { open: false, restore: null, closedBy: "maint" }), say("/reopen"),
    { other: [], comments: ["reply:5"] }],
  ["/reopen by a stranger is refused",
    issue([BUG], [], { open: false, restore: saved }), say("/reopen", stranger),
    { other: [], comments: ["reply:5"] }],
  ["a person reopening a bot-closed issue gets its labels back",
    issue([BUG, "~needs info"], [], { open: true, restore: saved }), { kind: "reopened", actor: maintainer },
    { state: "inbox", labels: [BUG, ":reproduce", "P2"], assignees: ["qa-lead"] }],
  ["a person reopening an issue a person closed changes nothing",
    issue([BUG], [], { open: true, restore: null }), { kind: "reopened", actor: maintainer },
    { labels: [BUG], comments: [] }],
];

describe("events (docs/contract.md §2)", () => {
  it.each(rows)("%s", (_name, before, event, expected) => {
    const decision = transition(before, event, config, NOW);
    expect(outcome(before, decision)).toMatchObject(sorted(expected));
    expect(replayWrites(before, decision)).toEqual([]);
  });

  it("the acknowledgement can be turned off", () => {
    const quiet = fleetConfig({ inbox: { acknowledge: false } });
    const decision = transition(issue([BUG]), { kind: "opened", actor: reporter }, quiet, NOW);
    expect(decision.effects.some((e) => e.type === "comment")).toBe(false);
  });

  it("inbox.assignQa assigns QA on entry", () => {
    const assigning = fleetConfig({ inbox: { assignQa: true } });
    const before = issue([BUG]);
    const decision = transition(before, { kind: "opened", actor: reporter }, assigning, NOW);
    expect(outcome(before, decision).assignees).toEqual(["qa-lead"]);
  });

  it("the close comment saves labels and assignees so a reopen can restore them", () => {
    const before = issue([BUG, ":release", "~ready for release"], ["dev"]);
    const decision = transition(before, { kind: "milestone-closed", milestone: { number: 3, title: "4.60.0" } }, config, NOW);
    const comment = decision.effects.find((e) => e.type === "comment");
    expect(comment?.type === "comment" && comment.restore).toEqual({ labels: [BUG, ":release", "~ready for release"], assignees: ["dev"] });
    expect(decision.effects.at(-1)).toEqual({ type: "close", issue: 7, reason: "completed" });
  });
});
