//! Purpose: a bug is a bug by label or by type (docs/contract.md §1, docs/issue-types.md), as tables: what a bug is, what typing does, commands and timers on a bug by type.
import { describe, expect, it } from "vitest";
import { applyEffects, planWrites } from "../../src/lifecycle/plan.js";
import { planSweep } from "../../src/lifecycle/sweep-plan.js";
import { stateOf } from "../../src/lifecycle/state.js";
import { timersOf } from "../../src/lifecycle/timers.js";
import { transition } from "../../src/lifecycle/transition.js";
import type { BugEvent, IssueSnapshot } from "../../src/lifecycle/types.js";
import type { TrackedItem } from "../../src/lifecycle/repo-snapshot.js";
import { bot, DAY, fleetConfig, issue, maintainer, NOW } from "../support/fixtures.js";
import { outcome, replayWrites } from "../support/outcome.js";

const config = fleetConfig();
const noTypes = fleetConfig({ bugType: null });
const story = fleetConfig({ bugType: "Defect" });
const BUG = "bug";
const AT = "2026-11-18T16:00:00Z";

describe("what a bug is: the label or the type", () => {
  const rows: [name: string, labels: string[], type: string | null | undefined, cfg: typeof config, expected: ReturnType<typeof stateOf>][] = [
    ["label alone", [BUG, ":reproduce"], null, config, "inbox"],
    ["type alone", [":reproduce"], "Bug", config, "inbox"],
    ["type alone, no state label yet: an orphan", [], "Bug", config, "orphan"],
    ["both: one bug", [BUG, ":release"], "Bug", config, "engineering"],
    ["type names compare case-insensitively", [":product"], "bug", config, "drafting"],
    ["another type is not a bug", [":reproduce"], "Feature", config, null],
    ["another type with the label is a bug", [BUG, ":reproduce"], "Feature", config, "inbox"],
    ["type not read (undefined): labels decide", [":reproduce"], undefined, config, null],
    ["bugType: null turns types off", [":reproduce"], "Bug", noTypes, null],
    ["bugType: null keeps the label", [BUG, ":reproduce"], "Bug", noTypes, "inbox"],
    ["a configured type name", [":reproduce"], "Defect", story, "inbox"],
    ["the default name under another bugType is not a bug", [":reproduce"], "Bug", story, null],
  ];
  it.each(rows)("%s", (_name, labels, type, cfg, expected) => {
    expect(stateOf(labels, cfg, type)).toBe(expected);
  });
});

type Row = [name: string, after: IssueSnapshot, event: BugEvent, expected: { state: ReturnType<typeof stateOf>; labels: string[]; assignees?: string[]; comments?: string[] }];

const typed = (type: string): BugEvent => ({ kind: "typed", type, actor: maintainer, at: AT });
const untyped = (type: string): BugEvent => ({ kind: "untyped", type, actor: maintainer, at: AT });
const commented = (body: string): BugEvent => ({ kind: "commented", comment: { id: 99, nodeId: "IC_99", body }, actor: maintainer });

describe("issues.typed / untyped act as the bug label added / removed; commands on a bug by type", () => {
  const rows: Row[] = [
    ["typed Bug on a plain issue: the inbox, without the bug label",
      issue([], [], { type: "Bug" }), typed("Bug"), { state: "inbox", labels: [":reproduce"] }],
    ["typed Bug on a labelled bug in drafting: one bug, nothing to write",
      issue([BUG, ":product", "#g-mdm"], ["mdm-pm"], { type: "Bug" }), typed("Bug"), { state: "drafting", labels: [BUG, ":product", "#g-mdm"], assignees: ["mdm-pm"] }],
    ["typed Feature: leaves the lifecycle, nothing written",
      issue([":reproduce"], [], { type: "Feature" }), typed("Feature"), { state: null, labels: [":reproduce"] }],
    ["untyped Bug: leaves the lifecycle, nothing written",
      issue([":reproduce", "#g-mdm"], [], { type: null }), untyped("Bug"), { state: null, labels: [":reproduce", "#g-mdm"] }],
    ["typed Feature on a labelled bug: still a bug by label",
      issue([BUG, ":reproduce"], [], { type: "Feature" }), typed("Feature"), { state: "inbox", labels: [BUG, ":reproduce"] }],
    ["typed Bug with types off: ignored",
      issue([], [], { type: "Bug" }), typed("Bug"), { state: null, labels: [] }],
    ["opened with the Bug type: the inbox and the acknowledgement",
      issue([], [], { type: "Bug" }), { kind: "opened", actor: maintainer }, { state: "inbox", labels: [":reproduce"], comments: ["acknowledge"] }],
    ["/reproduced on a bug by type: reproduced, EM assigned, no bug label added",
      issue([":reproduce"], ["qa-lead"], { type: "Bug" }), commented("/reproduced #g-mdm"), { state: "reproduced", labels: ["#g-mdm"], assignees: ["mdm-em"] }],
    ["/not-a-bug on a bug by type: the type goes with the labels",
      issue([":reproduce"], [], { type: "Bug" }), commented("/not-a-bug"), { state: null, labels: [":product"], comments: ["not-a-bug:99"] }],
    ["/not-a-bug on a bug by both: label and type go",
      issue([BUG, ":reproduce"], [], { type: "Bug" }), commented("/not-a-bug"), { state: null, labels: [":product"], comments: ["not-a-bug:99"] }],
    ["/reproduced on a Feature-typed issue is refused: not a bug",
      issue([":reproduce"], [], { type: "Feature" }), commented("/reproduced #g-mdm"), { state: null, labels: [":reproduce"], comments: ["reply:99"] }],
  ];
  it.each(rows)("%s", (name, after, event, expected) => {
    const cfg = name.includes("types off") ? noTypes : config;
    const decision = transition(after, event, cfg, NOW);
    const result = outcome(after, decision);
    expect(result.state).toBe(expected.state);
    expect(result.labels).toEqual([...expected.labels].sort());
    if (expected.assignees) expect(result.assignees).toEqual([...expected.assignees].sort());
    expect(result.comments).toEqual(expected.comments ?? []);
    // The bot never adds the bug label to a bug by type.
    expect(decision.effects.some((e) => e.type === "add-labels" && e.labels.includes(BUG))).toBe(false);
    expect(replayWrites(after, decision)).toEqual([]);
  });

  it("/not-a-bug clears the type once: planned against an issue already untyped it writes nothing", () => {
    const before = issue([":reproduce"], [], { type: "Bug" });
    const decision = transition(before, commented("/not-a-bug"), config, NOW);
    expect(decision.effects).toContainEqual({ type: "remove-type", issue: 7 });
    expect(applyEffects(before, decision.effects).type).toBeNull();
    expect(planWrites([{ type: "remove-type", issue: 7 }], new Map([[7, { ...before, type: null }]]))).toEqual([]);
  });

  it("/not-a-bug leaves another type alone", () => {
    const decision = transition(issue([BUG, ":reproduce"], [], { type: "Feature" }), commented("/not-a-bug"), config, NOW);
    expect(decision.effects.map((e) => e.type)).not.toContain("remove-type");
  });

  it("a bot's typing is ignored, like a bot's label", () => {
    expect(transition(issue([], [], { type: "Bug" }), { kind: "typed", type: "Bug", actor: bot, at: AT }, config, NOW).effects).toEqual([]);
  });

  it("/why names a bug by type", () => {
    const decision = transition(issue([":reproduce"], [], { type: "Bug" }), commented("/why"), config, NOW);
    const body = decision.effects.find((e) => e.type === "comment")!;
    expect(body.type === "comment" && body.body).toContain("**Bug by type:** `Bug`");
    const plain = transition(issue([":reproduce"], [], { type: "Feature" }), commented("/why"), config, NOW);
    const answer = plain.effects.find((e) => e.type === "comment")!;
    expect(answer.type === "comment" && answer.body).toContain("not labeled `bug` nor typed `Bug`");
  });
});

describe("timers and the sweep see a bug by type", () => {
  const item = (type: string | null, labels: string[]): TrackedItem => ({
    ...issue(labels, [], { type }),
    createdAt: new Date(NOW.getTime() - 30 * DAY).toISOString(),
    closedAt: null,
    authorIsBot: false,
    timeline: [{ kind: "labeled", label: "~needs info", at: new Date(NOW.getTime() - 30 * DAY).toISOString(), actor: "qa-lead", actorIsBot: false }],
  });

  it.each([
    ["Bug", ["needs-info-reminder"]],
    ["Feature", []],
    [null, []],
  ] as const)("type %s with ~needs info for 30 days: %j", (type, rules) => {
    expect(planSweep(item(type, [":reproduce", "~needs info"]), config, NOW, new Set()).map((plan) => plan.rule)).toEqual(rules);
  });

  it("timersOf a bug by type", () => {
    const clocks = { needsInfoSince: new Date(NOW.getTime() - DAY).toISOString() };
    expect(timersOf(issue([":reproduce", "~needs info"], [], { type: "Bug", clocks }), config).map((t) => t.name)).toEqual(["needs-info-reminder", "needs-info-close"]);
    expect(timersOf(issue([":reproduce", "~needs info"], [], { type: null, clocks }), config)).toEqual([]);
  });
});
