//! Purpose: `/undo` with `statusComment: false` as tables: the bot's transitions rebuilt from timeline events → what `/undo` restores, and what it refuses.
import { describe, expect, it } from "vitest";
import { historyFromTimeline, type HistoryItem } from "../../src/lifecycle/timeline-history.js";
import type { Effect, IssueSnapshot } from "../../src/lifecycle/types.js";
import { planUndo } from "../../src/lifecycle/undo.js";
import { fleetConfig, issue, NOW } from "../support/fixtures.js";

const config = fleetConfig();
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");

const label = (bot: boolean, minutes: number, kind: "labeled" | "unlabeled", name: string): HistoryItem => ({ kind, at: ago(minutes), bot, label: name });
const assign = (bot: boolean, minutes: number, kind: "assigned" | "unassigned", login: string): HistoryItem => ({ kind, at: ago(minutes), bot, login });
const state = (bot: boolean, minutes: number, kind: "closed" | "reopened" | "convert_to_draft" | "ready_for_review"): HistoryItem => ({ kind, at: ago(minutes), bot });
const said = (minutes: number, body: string, key: string, bot = false): HistoryItem => ({ kind: "comment", at: ago(minutes), bot, body, key });

/** `/reproduced #g-mdm` by qa-lead an hour ago: the bot's four events of one mutation. */
const reproduced = (m = 60): HistoryItem[] => [
  said(m, "/reproduced #g-mdm", "100"),
  label(true, m, "unlabeled", ":reproduce"),
  label(true, m, "labeled", "#g-mdm"),
  assign(true, m, "unassigned", "qa-lead"),
  assign(true, m, "assigned", "mdm-em"),
];
/** The bot's undo of `reproduced` at `m` minutes ago, answering the `/undo` comment `key`. */
const undone = (m: number, key: string): HistoryItem[] => [
  said(m, "/undo", key),
  label(true, m, "unlabeled", "#g-mdm"),
  label(true, m, "labeled", ":reproduce"),
  assign(true, m, "unassigned", "mdm-em"),
  assign(true, m, "assigned", "qa-lead"),
];
const ms = { number: 3, title: "4.60" };

type Row = [name: string, now: IssueSnapshot, items: HistoryItem[], expected: Effect[] | string, key?: string];
const rows: Row[] = [
  ["command: /reproduced #g-mdm is reverted whole", issue(["bug", "#g-mdm"], ["mdm-em"]), reproduced(),
    [{ type: "remove-labels", issue: 7, labels: ["#g-mdm"] }, { type: "add-labels", issue: 7, labels: [":reproduce"] }, { type: "remove-assignees", issue: 7, logins: ["mdm-em"] }, { type: "add-assignees", issue: 7, logins: ["qa-lead"] }]],
  ["a person's label edit completed by the bot: only the bot's assignment is reverted, even in the same second", issue(["bug", "#g-mdm", ":release"], ["mdm-em"]),
    [label(false, 30, "labeled", ":release"), assign(true, 30, "assigned", "mdm-em")],
    [{ type: "remove-assignees", issue: 7, logins: ["mdm-em"] }]],
  ["a person's events alone: nothing to undo", issue(["bug", ":release"]), [label(false, 30, "labeled", ":release"), assign(false, 30, "assigned", "maint")],
    "no transition on this issue"],
  ["timer: the needs-info close is reopened", issue(["bug", ":reproduce", "~needs info"], [], { open: false }), [state(true, 10, "closed")],
    [{ type: "reopen", issue: 7 }]],
  ["reopen: /reopen's restore is closed again", issue(["bug", ":reproduce"], ["qa-lead"]),
    [said(20, "/reopen", "120"), state(true, 20, "reopened"), label(true, 20, "labeled", "bug"), label(true, 20, "labeled", ":reproduce"), assign(true, 20, "assigned", "qa-lead")],
    [{ type: "close", issue: 7, reason: "not_planned" }, { type: "remove-labels", issue: 7, labels: ["bug", ":reproduce"] }, { type: "remove-assignees", issue: 7, logins: ["qa-lead"] }]],
  ["stale PR draft: marked ready", issue([], [], { isPullRequest: true, isDraft: true }), [state(true, 10, "convert_to_draft")],
    [{ type: "mark-ready", issue: 7 }]],
  ["stale PR close: reopened as a pull request", issue([], [], { isPullRequest: true, isDraft: true, open: false }), [state(true, 10, "closed")],
    [{ type: "reopen", issue: 7, pullRequest: true }]],
  ["/unreleased: the label and the milestone it set", issue(["bug", "#g-mdm", ":release"], [], { milestone: ms }),
    [label(true, 10, "labeled", ":release"), { kind: "milestoned", at: ago(10), bot: true, title: "4.60" }],
    [{ type: "remove-labels", issue: 7, labels: [":release"] }, { type: "remove-milestone", issue: 7 }]],
  ["a second /undo undoes the transition before (the first undo's writes are not a transition)", issue(["bug", "#g-mdm", ":reproduce"], ["qa-lead"]),
    [label(true, 120, "labeled", ":reproduce"), assign(true, 120, "assigned", "qa-lead"), ...reproduced(60), ...undone(50, "101")],
    [{ type: "remove-labels", issue: 7, labels: [":reproduce"] }, { type: "remove-assignees", issue: 7, logins: ["qa-lead"] }], "102"],
  ["the same /undo delivered again: already done, nothing written", issue(["bug", ":reproduce"], ["qa-lead"]),
    [...reproduced(60), ...undone(50, "101")], [], "101"],
  ["an /undo answered within the same second as the transition is still that transition's undo", issue(["bug", ":reproduce"], ["qa-lead"]),
    [...reproduced(60), ...undone(60, "101")], [], "101"],
  ["a bot write after a refused /undo that reverses nothing is a transition of its own", issue(["bug", "#g-mdm", "~needs info"], ["mdm-em"]),
    [...reproduced(60), said(40, "/undo", "101"), said(40, "nothing was undone", "900", true), label(true, 30, "labeled", "~needs info")],
    [{ type: "remove-labels", issue: 7, labels: ["~needs info"] }], "102"],
  ["older than undo.withinHours: refused", issue(["bug", "#g-mdm"], ["mdm-em"]), reproduced(25 * 60), "more than 24 hours ago"],
  ["a person unassigned the EM since: refused, saying so", issue(["bug", "#g-mdm"], []), [...reproduced(), assign(false, 30, "unassigned", "mdm-em")],
    "@mdm-em was unassigned by someone else"],
  ["a person changed a field the transition did not write: still undone", issue(["bug", "#g-mdm", "p1"], ["mdm-em"]), [...reproduced(), label(false, 30, "labeled", "p1")],
    [{ type: "remove-labels", issue: 7, labels: ["#g-mdm"] }, { type: "add-labels", issue: 7, labels: [":reproduce"] }, { type: "remove-assignees", issue: 7, logins: ["mdm-em"] }, { type: "add-assignees", issue: 7, logins: ["qa-lead"] }]],
  ["the milestone was changed by a person since: refused", issue(["bug", ":release"], [], { milestone: { number: 4, title: "4.61" } }),
    [label(true, 10, "labeled", ":release"), { kind: "milestoned", at: ago(10), bot: true, title: "4.60" }],
    "its milestone was changed"],
];

describe("/undo from the timeline (statusComment: false)", () => {
  it.each(rows)("%s", (_name, now, items, expected, key = "200") => {
    const plan = planUndo({ ...now, botTransitions: historyFromTimeline(items, now.milestone ?? null) }, config, NOW, key);
    if (typeof expected === "string") {
      expect(plan.ok, JSON.stringify(plan)).toBe(false);
      expect(!plan.ok && plan.reason).toContain(expected);
    } else {
      expect(plan.ok, JSON.stringify(plan)).toBe(true);
      expect(plan.ok && plan.effects).toEqual(expected);
    }
  });

  it("up to 5 back: after five transitions each undone, a sixth /undo refuses", () => {
    const items: HistoryItem[] = [];
    for (let i = 1; i <= 5; i++) items.push(label(true, 300 - i * 10, "labeled", `l${i}`));
    for (let i = 5; i >= 1; i--) items.push(said(200 - i, "/undo", `u${i}`), label(true, 200 - i, "unlabeled", `l${i}`));
    const entries = historyFromTimeline(items, null);
    expect(entries.filter((e) => e.undone)).toHaveLength(5);
    const plan = planUndo({ ...issue(["bug"]), botTransitions: entries }, config, NOW, "u0");
    expect(!plan.ok && plan.reason).toContain("reaches back 5 transitions");
  });

  it("events of one second are one transition; the next second is another", () => {
    const entries = historyFromTimeline([label(true, 10, "labeled", "a"), { kind: "labeled", at: ago(10).replace(/:00Z$/, ":01Z"), bot: true, label: "b" }], null);
    expect(entries.map((e) => e.after.labels)).toEqual([["a"], ["b"]]);
  });

  it("not read (the timeline read failed to find the issue): refused, nothing written", () => {
    const plan = planUndo(issue(["bug"]), config, NOW, "1");
    expect(!plan.ok && plan.reason).toContain("could not read this issue's timeline");
  });
});
