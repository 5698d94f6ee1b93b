//! Purpose: hand-made label edits reach the same result as the commands (docs/contract.md §1–2), as a table.
import { describe, expect, it } from "vitest";
import { transition } from "../../src/lifecycle/transition.js";
import type { IssueSnapshot } from "../../src/lifecycle/types.js";
import { bot, fleetConfig, issue, maintainer, NOW } from "../support/fixtures.js";
import { outcome, replayWrites, sorted, type Result } from "../support/outcome.js";

const config = fleetConfig();
const BUG = "bug";
const AT = "2026-11-18T16:00:00Z";

/** `after` is the issue as the webhook shows it: the edit already made. */
type Row = [name: string, after: IssueSnapshot, edit: "labeled" | "unlabeled", label: string, expected: Partial<Result>];

const rows: Row[] = [
  ["adding :product removes :reproduce and assigns the PM (label just added wins)",
    issue([BUG, ":reproduce", ":product", "#g-mdm"]), "labeled", ":product",
    { state: "drafting", labels: [BUG, ":product", "#g-mdm"], assignees: ["mdm-pm"] }],
  ["adding :release removes :product and assigns the EM",
    issue([BUG, ":product", ":release", "#g-mdm"]), "labeled", ":release",
    { state: "engineering", labels: [BUG, ":release", "#g-mdm"], assignees: ["mdm-em"] }],
  ["adding :reproduce removes :release and its QA sub-labels",
    issue([BUG, ":release", "~awaiting QA", ":reproduce"], ["qa-lead"]), "labeled", ":reproduce",
    { state: "inbox", labels: [BUG, ":reproduce"] }],
  ["adding ~awaiting QA adds :release and QA",
    issue([BUG, "#g-mdm", "~awaiting QA"], ["dev"]), "labeled", "~awaiting QA",
    { state: "awaiting-qa", labels: [BUG, "#g-mdm", ":release", "~awaiting QA"], assignees: ["dev", "qa-lead"] }],
  ["adding ~ready for release removes ~awaiting QA",
    issue([BUG, ":release", "~awaiting QA", "~ready for release"]), "labeled", "~ready for release",
    { state: "ready-for-release", labels: [BUG, ":release", "~ready for release"] }],
  ["removing :reproduce with a group on the issue completes /reproduced",
    issue([BUG, "#g-mdm"], ["qa-lead"]), "unlabeled", ":reproduce",
    { state: "reproduced", labels: [BUG, "#g-mdm"], assignees: ["mdm-em"] }],
  ["adding a group after :reproduce was removed completes /reproduced",
    issue([BUG, "#g-mdm"]), "labeled", "#g-mdm",
    { state: "reproduced", assignees: ["mdm-em"] }],
  ["adding a group while :reproduce is still on waits for the rest of the edit",
    issue([BUG, ":reproduce", "#g-mdm"]), "labeled", "#g-mdm",
    { state: "inbox", assignees: [], comments: [] }],
  ["adding a second group swaps groups like /group",
    issue([BUG, "#g-mdm", "#g-orchestration"], ["mdm-em"]), "labeled", "#g-orchestration",
    { state: "reproduced", labels: [BUG, "#g-orchestration"], assignees: ["orch-em"] }],
  ["removing :release removes the QA sub-labels: back to reproduced",
    issue([BUG, "~awaiting QA", "#g-mdm"], ["dev", "qa-lead"]), "unlabeled", ":release",
    { state: "reproduced", labels: [BUG, "#g-mdm"], assignees: ["dev", "mdm-em"] }],
  ["removing :product with a group: back to reproduced with the EM",
    issue([BUG, "#g-mdm"], ["mdm-pm"]), "unlabeled", ":product",
    { state: "reproduced", assignees: ["mdm-em", "mdm-pm"] }],
  ["removing ~awaiting QA: back in engineering, QA unassigned",
    issue([BUG, ":release", "#g-mdm"], ["dev", "qa-lead"]), "unlabeled", "~awaiting QA",
    { state: "engineering", assignees: ["dev"] }],
  ["adding ~critical bug works like /critical",
    issue([BUG, ":reproduce", "#g-mdm", "~critical bug"]), "labeled", "~critical bug",
    { state: "engineering", labels: [BUG, ":release", "#g-mdm", "~critical bug"], comments: ["critical"], other: ["notify"] }],
  ["adding ~unreleased bug works like /unreleased",
    issue([BUG, "#g-mdm", "~unreleased bug"]), "labeled", "~unreleased bug",
    { state: "engineering", labels: [BUG, ":release", "#g-mdm", "~unreleased bug"], assignees: ["mdm-em"] }],
  ["adding ~needs info asks the reporter like /needs-info",
    issue([BUG, ":reproduce", "~needs info"]), "labeled", "~needs info",
    { state: "inbox", comments: [`needs-info:${AT}`] }],
  ["adding bug to a plain issue puts it in the inbox",
    issue([BUG]), "labeled", BUG,
    { state: "inbox", labels: [BUG, ":reproduce"] }],
  ["a label the bot does not manage changes nothing",
    issue([BUG, ":reproduce", "customer-acme"]), "labeled", "customer-acme",
    { state: "inbox", labels: [BUG, ":reproduce", "customer-acme"], comments: [], other: [] }],
  ["removing a group label changes nothing (an orphan is reported, not fixed)",
    issue([BUG], ["mdm-em"]), "unlabeled", "#g-mdm",
    { state: "orphan", labels: [BUG], assignees: ["mdm-em"] }],
  ["edits on issues without bug are ignored",
    issue([":release", "#g-mdm"]), "labeled", ":release",
    { state: null, labels: [":release", "#g-mdm"], assignees: [] }],
];

describe("label edits (docs/contract.md §1)", () => {
  it.each(rows)("%s", (_name, after, edit, label, expected) => {
    const decision = transition(after, { kind: edit, label, actor: maintainer, at: AT }, config, NOW);
    expect(outcome(after, decision)).toMatchObject(sorted(expected));
    expect(replayWrites(after, decision)).toEqual([]);
  });

  it("ignores label edits made by bots, itself included", () => {
    const after = issue([BUG, ":product", ":reproduce"]);
    expect(transition(after, { kind: "labeled", label: ":product", actor: bot, at: AT }, config, NOW).effects).toEqual([]);
  });

  it("never removes a label it does not manage", () => {
    const after = issue([BUG, ":reproduce", ":product", "#g-mdm", "P1", "+tracked", "customer-x"]);
    const decision = transition(after, { kind: "labeled", label: ":product", actor: maintainer, at: AT }, config, NOW);
    const removed = decision.effects.flatMap((e) => (e.type === "remove-labels" ? e.labels : []));
    expect(removed).toEqual([":reproduce"]);
  });
});
