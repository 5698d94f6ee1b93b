//! Purpose: every command row of docs/contract.md §2 as a table: issue before, comment, state and issue after.
import { describe, expect, it } from "vitest";
import { planWrites } from "../../src/lifecycle/plan.js";
import { transition } from "../../src/lifecycle/transition.js";
import type { Actor, IssueSnapshot } from "../../src/lifecycle/types.js";
import { fleetConfig, issue, maintainer, NOW } from "../support/fixtures.js";
import { outcome, replayWrites, sorted, type Result } from "../support/outcome.js";

const config = fleetConfig();
const BUG = "bug";

function comment(body: string, actor: Actor = maintainer) {
  return { kind: "commented" as const, comment: { id: 99, nodeId: "IC_99", body }, actor };
}

type Row = [name: string, before: IssueSnapshot, body: string, expected: Partial<Result>];

const rows: Row[] = [
  ["/reproduced with a group: inbox → reproduced, EM assigned, QA unassigned",
    issue([BUG, ":reproduce"], ["qa-lead"]), "/reproduced #g-mdm",
    { state: "reproduced", labels: ["#g-mdm", BUG], assignees: ["mdm-em"], comments: [], other: ["react"] }],
  ["/reproduced uses the group already on the issue",
    issue([BUG, ":reproduce", "#g-orchestration"]), "/reproduced",
    { state: "reproduced", labels: ["#g-orchestration", BUG], assignees: ["orch-em"] }],
  ["/reproduced group names are case-insensitive",
    issue([BUG, ":reproduce"]), "/REPRODUCED #G-MDM",
    { state: "reproduced", labels: ["#g-mdm", BUG], assignees: ["mdm-em"] }],
  ["/reproduced without any group refuses and lists the groups",
    issue([BUG, ":reproduce"]), "/reproduced",
    { state: "inbox", labels: [":reproduce", BUG], assignees: [], comments: ["reply:99"], other: [] }],
  ["/reproduced with an unknown group refuses",
    issue([BUG, ":reproduce"]), "/reproduced #g-nope",
    { state: "inbox", labels: [":reproduce", BUG], comments: ["reply:99"], other: [] }],
  ["/reproduced outside the inbox refuses",
    issue([BUG, ":release", "#g-mdm"], ["dev"]), "/reproduced",
    { state: "engineering", labels: [":release", "#g-mdm", BUG], comments: ["reply:99"], other: [] }],
  ["/product: any state → drafting with the group's PM, exclusivity removes :release and QA sub-labels",
    issue([BUG, ":release", "~awaiting QA", "#g-mdm"], ["dev"]), "/product",
    { state: "drafting", labels: [":product", "#g-mdm", BUG], assignees: ["dev", "mdm-pm"], other: ["react"] }],
  ["/product with a group that has no PM falls back to the head of product",
    issue([BUG, ":reproduce"]), "/product #g-nopm",
    { state: "drafting", labels: ["#g-nopm", ":product", BUG], assignees: ["product-head"] }],
  ["/engineering: drafting → reproduced, EM assigned",
    issue([BUG, ":product", "#g-mdm"], ["mdm-pm"]), "/engineering",
    { state: "reproduced", labels: ["#g-mdm", BUG], assignees: ["mdm-em", "mdm-pm"] }],
  ["/engineering with another group swaps the group and drops the old PM",
    issue([BUG, ":product", "#g-mdm"], ["mdm-pm"]), "/engineering #g-orchestration",
    { state: "reproduced", labels: ["#g-orchestration", BUG], assignees: ["orch-em"] }],
  ["/engineering outside drafting refuses",
    issue([BUG, ":reproduce"]), "/engineering #g-mdm",
    { state: "inbox", comments: ["reply:99"] }],
  ["/release: reproduced → engineering, the EM stays",
    issue([BUG, "#g-mdm"], ["mdm-em"]), "/release",
    { state: "engineering", labels: [":release", "#g-mdm", BUG], assignees: ["mdm-em"] }],
  ["/release assigns the EM when nobody is assigned",
    issue([BUG, "#g-mdm"]), "/release",
    { state: "engineering", assignees: ["mdm-em"] }],
  ["/backlog: engineering → reproduced",
    issue([BUG, ":release", "#g-mdm"], ["mdm-em"]), "/backlog",
    { state: "reproduced", labels: ["#g-mdm", BUG], assignees: ["mdm-em"] }],
  ["/critical: any open → engineering with ~critical bug, one comment and a notification",
    issue([BUG, ":reproduce", "#g-mdm"]), "/critical",
    { state: "engineering", labels: [":release", "#g-mdm", BUG, "~critical bug"], assignees: ["mdm-em"], comments: ["critical"], other: ["notify", "react"] }],
  ["/unreleased with a group → engineering, EM assigned if unassigned",
    issue([BUG, ":reproduce"]), "/unreleased #g-mdm",
    { state: "engineering", labels: [":release", "#g-mdm", BUG, "~unreleased bug"], assignees: ["mdm-em"] }],
  ["/unreleased keeps an existing assignee",
    issue([BUG, "#g-mdm"], ["dev"]), "/unreleased",
    { state: "engineering", labels: [":release", "#g-mdm", BUG, "~unreleased bug"], assignees: ["dev"] }],
  ["/fixed: engineering → awaiting QA, QA added",
    issue([BUG, ":release", "#g-mdm"], ["dev"]), "/fixed",
    { state: "awaiting-qa", labels: [":release", "#g-mdm", BUG, "~awaiting QA"], assignees: ["dev", "qa-lead"] }],
  ["/qa-passed: awaiting QA → ready for release",
    issue([BUG, ":release", "~awaiting QA", "#g-mdm"], ["dev", "qa-lead"]), "/qa-passed",
    { state: "ready-for-release", labels: [":release", "#g-mdm", BUG, "~ready for release"], assignees: ["dev", "qa-lead"] }],
  ["/qa-failed: awaiting QA → engineering, QA unassigned, notes quoted",
    issue([BUG, ":release", "~awaiting QA", "#g-mdm"], ["dev", "qa-lead"]), "/qa-failed still crashes\non login",
    { state: "engineering", labels: [":release", "#g-mdm", BUG], assignees: ["dev"], comments: ["qa-failed:99"] }],
  ["/qa-failed when QA was the only assignee gives the bug back to the EM",
    issue([BUG, ":release", "~awaiting QA", "#g-mdm"], ["qa-lead"]), "/qa-failed nope",
    { state: "engineering", assignees: ["mdm-em"] }],
  ["/qa-failed without notes refuses",
    issue([BUG, ":release", "~awaiting QA", "#g-mdm"], ["qa-lead"]), "/qa-failed",
    { state: "awaiting-qa", assignees: ["qa-lead"], comments: ["reply:99"], other: [] }],
  ["/needs-info: inbox + ~needs info, the reporter is asked",
    issue([BUG, ":reproduce"]), "/needs-info which version?",
    { state: "inbox", labels: [":reproduce", BUG, "~needs info"], comments: ["needs-info:99"] }],
  ["/needs-info outside the inbox refuses",
    issue([BUG, "#g-mdm"]), "/needs-info",
    { state: "reproduced", comments: ["reply:99"] }],
  ["/not-a-bug: leaves the lifecycle for product",
    issue([BUG, ":release", "~awaiting QA", "#g-mdm", "customer-acme"], ["dev"]), "/not-a-bug works as designed",
    { state: null, labels: [":product", "#g-mdm", "customer-acme"], assignees: ["dev", "mdm-pm"], comments: ["not-a-bug:99"] }],
  ["/group: swaps the group and reassigns the owner of the current state",
    issue([BUG, "#g-mdm"], ["mdm-em"]), "/group #g-orchestration",
    { state: "reproduced", labels: ["#g-orchestration", BUG], assignees: ["orch-em"] }],
  ["/group in drafting swaps the PM",
    issue([BUG, ":product", "#g-mdm"], ["mdm-pm"]), "/group #g-orchestration",
    { state: "drafting", labels: [":product", "#g-orchestration", BUG], assignees: ["orch-pm"] }],
  ["/group without a group refuses",
    issue([BUG, "#g-mdm"], ["mdm-em"]), "/group",
    { state: "reproduced", comments: ["reply:99"], other: [] }],
  ["/why answers with the state",
    issue([BUG, "#g-mdm"]), "/why",
    { state: "reproduced", comments: ["why:99"], other: ["react"] }],
  ["several commands run in order",
    issue([BUG, ":reproduce"]), "/reproduced #g-mdm\n/release\n/fixed",
    { state: "awaiting-qa", labels: [":release", "#g-mdm", BUG, "~awaiting QA"], assignees: ["mdm-em", "qa-lead"], other: ["react"] }],
  ["/release then /backlog in one comment: back where it started",
    issue([BUG, "#g-mdm"], ["mdm-em"]), "/release\n/backlog",
    { state: "reproduced", labels: ["#g-mdm", BUG], assignees: ["mdm-em"], other: ["react"] }],
  ["commands in code fences and quotes are not run",
    issue([BUG, ":reproduce"]), "```\n/reproduced #g-mdm\n```\n> /reproduced #g-mdm\nsee `/reproduced`",
    { state: "inbox", labels: [":reproduce", BUG], comments: [], other: [] }],
  ["unknown /words are ignored",
    issue([BUG, ":reproduce"]), "/assign me\n/lgtm",
    { state: "inbox", comments: [], other: [] }],
  ["commands on a non-bug issue refuse",
    issue(["question"]), "/release",
    { state: null, comments: ["reply:99"], other: [] }],
  ["commands on a closed bug refuse",
    issue([BUG, "#g-mdm"], [], { open: false }), "/release",
    { state: null, comments: ["reply:99"] }],
];

describe("commands (docs/contract.md §2)", () => {
  it.each(rows)("%s", (_name, before, body, expected) => {
    const decision = transition(before, comment(body), config, NOW);
    expect(outcome(before, decision)).toMatchObject(sorted(expected));
    expect(replayWrites(before, decision)).toEqual([]);
  });

  it("quotes the /qa-failed notes and mentions the remaining assignees", () => {
    const before = issue([BUG, ":release", "~awaiting QA", "#g-mdm"], ["dev", "qa-lead"]);
    const decision = transition(before, comment("/qa-failed still crashes\non login"), config, NOW);
    const body = decision.effects.find((e) => e.type === "comment")?.body ?? "";
    expect(body).toContain("> still crashes\n> on login");
    expect(body).toContain("@dev");
    expect(body).not.toContain("@qa-lead");
  });

  it("lists the valid groups when no group is known", () => {
    const decision = transition(issue([BUG, ":reproduce"]), comment("/reproduced"), config, NOW);
    const body = decision.effects.find((e) => e.type === "comment")?.body ?? "";
    expect(body).toContain("`#g-mdm`");
    expect(body).toContain("`#g-orchestration`");
  });

  it("uses defaultGroup when neither the command nor the issue names one", () => {
    const withDefault = fleetConfig({ defaultGroup: "#g-mdm" });
    const before = issue([BUG, ":reproduce"]);
    const decision = transition(before, comment("/reproduced"), withDefault, NOW);
    expect(outcome(before, decision)).toMatchObject(sorted({ state: "reproduced", labels: ["#g-mdm", BUG], assignees: ["mdm-em"] }));
  });

  it("/critical mentions the head of product and the group's EM, with the checklist", () => {
    const decision = transition(issue([BUG, "#g-mdm"]), comment("/critical"), config, NOW);
    const body = decision.effects.find((e) => e.type === "comment")?.body ?? "";
    expect(body).toContain("@product-head");
    expect(body).toContain("@mdm-em");
    expect(body).toContain("- [ ]");
  });

  it("writes the net change of several commands, not each one (removals run before additions on GitHub)", () => {
    const before = issue([BUG, "#g-mdm"], ["mdm-em"]);
    const decision = transition(before, comment("/release\n/backlog"), config, NOW);
    expect(planWrites(decision.effects, new Map([[before.number, before]])).map((e) => e.type)).toEqual(["react"]);
  });

  it("a repeated /critical neither comments nor notifies Slack again", () => {
    const already = issue([BUG, ":release", "#g-mdm", "~critical bug"], ["mdm-em"], { markers: ["critical"] });
    const decision = transition(already, comment("/critical"), config, NOW);
    const writes = planWrites(decision.effects, new Map([[already.number, already]]));
    expect(writes.map((effect) => effect.type)).toEqual(["react"]);
    const first = issue([BUG, "#g-mdm"]);
    const firstWrites = planWrites(transition(first, comment("/critical"), config, NOW).effects, new Map([[first.number, first]]));
    expect(firstWrites.map((effect) => effect.type)).toContain("notify");
    expect(firstWrites.map((effect) => effect.type)).toContain("comment");
  });

  it("/unreleased sets the earliest open milestone when configured", () => {
    const withMilestone = fleetConfig({ unreleased: { setMilestone: true } });
    const decision = transition(issue([BUG, "#g-mdm"]), comment("/unreleased"), withMilestone, NOW);
    expect(decision.effects).toContainEqual({ type: "set-milestone", issue: 7, milestone: "earliest-open" });
    const without = transition(issue([BUG, "#g-mdm"]), comment("/unreleased"), config, NOW);
    expect(without.effects.some((e) => e.type === "set-milestone")).toBe(false);
  });

  it("one reply collects every refusal of a comment", () => {
    const decision = transition(issue([BUG, ":reproduce"]), comment("/release\n/qa-passed"), config, NOW);
    const replies = decision.effects.filter((e) => e.type === "comment");
    expect(replies).toHaveLength(1);
    expect(replies[0]?.type === "comment" && replies[0].body.split("\n\n")).toHaveLength(2);
  });

  it("messages can be overridden by the config", () => {
    const custom = fleetConfig({ messages: { needsInfo: "Hey {reporter}, more please.{text}" } });
    const decision = transition(issue([BUG, ":reproduce"]), comment("/needs-info"), custom, NOW);
    const body = decision.effects.find((e) => e.type === "comment")?.body;
    expect(body).toBe("Hey reporter, more please.");
  });
});
