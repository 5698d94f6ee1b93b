//! Purpose: work on a linked pull request counts as the waited-on person's move (docs/contract.md §4), clock by clock, as tables: people only, never bots, never before the clock started.
import { describe, expect, it } from "vitest";
import { bugClocks } from "../../src/lifecycle/clocks.js";
import type { TimelineFact, TrackedItem } from "../../src/lifecycle/repo-snapshot.js";
import { planSweep } from "../../src/lifecycle/sweep-plan.js";
import { explain } from "../../src/lifecycle/why.js";
import { DAY, fleetConfig, issue, NOW } from "../support/fixtures.js";

const config = fleetConfig();
const at = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();
const linked = (actor: string, days: number, extra: Partial<TimelineFact> = {}): TimelineFact => ({ kind: "linked", at: at(days), actor, actorIsBot: false, pr: 12, linkedAct: "committed", ...extra });

function bug(labels: string[], assignees: string[], timeline: TimelineFact[], createdDays = 60): TrackedItem {
  return { ...issue(labels, assignees), author: "reporter", createdAt: at(createdDays), closedAt: null, authorIsBot: false, timeline: [...timeline].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)) };
}

describe("needs-info: the reporter's act on a linked PR answers the request", () => {
  const asked: TimelineFact = { kind: "labeled", label: "~needs info", at: at(30), actor: "qa-lead", actorIsBot: false };
  const rows: [name: string, extra: TimelineFact[], rules: string[]][] = [
    ["no act: the close is due (30 days)", [], ["needs-info-close"]],
    ["the reporter pushed to a linked PR after the request: answered, neither reminded nor closed", [linked("reporter", 3)], ["needs-info-answered"]],
    ["the reporter commented on a linked PR", [linked("reporter", 3, { linkedAct: "commented" })], ["needs-info-answered"]],
    ["the reporter opened the linked PR after the request", [linked("reporter", 3, { linkedAct: "opened" })], ["needs-info-answered"]],
    ["logins compare case-insensitively", [linked("Reporter", 3)], ["needs-info-answered"]],
    ["someone else pushed: still waiting on the reporter", [linked("dev-1", 3)], ["needs-info-close"]],
    ["a bot's act never counts", [linked("reporter", 3, { actorIsBot: true })], ["needs-info-close"]],
    ["an act before the request does not answer it", [linked("reporter", 31)], ["needs-info-close"]],
  ];
  it.each(rows)("%s", (_name, extra, rules) => {
    const item = bug(["bug", ":reproduce", "~needs info"], [], [asked, ...extra]);
    const reminded: TimelineFact = { kind: "commented", at: at(16), actor: "bug-lifecycle[bot]", actorIsBot: true, markers: [`needs-info-reminder:${at(30)}`] };
    item.timeline.push(reminded);
    item.timeline.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    expect(planSweep(item, config, NOW, new Set()).map((plan) => plan.rule)).toEqual(rules);
  });
});

describe("inbox SLA and six-week rule restart on the waited-on person's linked act", () => {
  const rows: [name: string, labels: string[], assignees: string[], facts: TimelineFact[], entered: string, named: boolean][] = [
    ["inbox: QA reviewed a linked PR yesterday → the business day restarts", ["bug", ":reproduce"], [], [linked("qa-lead", 1, { linkedAct: "reviewed" })], at(1), true],
    ["inbox: a stranger's act does not move QA's clock", ["bug", ":reproduce"], [], [linked("stranger", 1)], at(60), false],
    ["reproduced: the assignee pushed 3 days ago → six weeks from then", ["bug", "#g-mdm"], ["mdm-em"], [{ kind: "labeled", label: "#g-mdm", at: at(50), actor: "qa-lead", actorIsBot: false }, linked("mdm-em", 3)], at(3), true],
    ["reproduced: an act by someone not assigned does not count", ["bug", "#g-mdm"], ["mdm-em"], [{ kind: "labeled", label: "#g-mdm", at: at(50), actor: "qa-lead", actorIsBot: false }, linked("dev-1", 3)], at(50), false],
    ["reproduced: a bot's act never counts", ["bug", "#g-mdm"], ["mdm-em"], [{ kind: "labeled", label: "#g-mdm", at: at(50), actor: "qa-lead", actorIsBot: false }, linked("mdm-em", 3, { actorIsBot: true })], at(50), false],
    ["reproduced: an act older than the state changes nothing", ["bug", "#g-mdm"], ["mdm-em"], [linked("mdm-em", 55), { kind: "labeled", label: "#g-mdm", at: at(50), actor: "qa-lead", actorIsBot: false }], at(50), false],
  ];
  it.each(rows)("%s", (_name, labels, assignees, facts, entered, named) => {
    const item = bug(labels, assignees, facts);
    const clocks = bugClocks(item, labels, config);
    expect(clocks.enteredState).toBe(entered);
    expect(Boolean(clocks.linkedMove)).toBe(named);
  });

  it("the six-week rule is not due while the assignee works on a linked PR", () => {
    const item = bug(["bug", "#g-mdm"], ["mdm-em"], [{ kind: "labeled", label: "#g-mdm", at: at(50), actor: "qa-lead", actorIsBot: false }, linked("mdm-em", 3)]);
    expect(planSweep(item, config, NOW, new Set()).map((plan) => plan.rule)).toEqual([]);
    const idle = bug(["bug", "#g-mdm"], ["mdm-em"], [{ kind: "labeled", label: "#g-mdm", at: at(50), actor: "qa-lead", actorIsBot: false }]);
    expect(planSweep(idle, config, NOW, new Set()).map((plan) => plan.rule)).toEqual(["six-week-rule"]);
  });

  it("/why names the linked act that restarted the clock", () => {
    const item = bug(["bug", "#g-mdm"], ["mdm-em"], [{ kind: "labeled", label: "#g-mdm", at: at(50), actor: "qa-lead", actorIsBot: false }, linked("mdm-em", 3)]);
    const text = explain({ ...item, clocks: bugClocks(item, item.labels, config) }, config, NOW);
    expect(text).toContain(`**Clock restarted by a linked pull request:** @mdm-em pushed to #12 on ${at(3).slice(0, 16).replace("T", " ")} UTC.`);
  });
});
