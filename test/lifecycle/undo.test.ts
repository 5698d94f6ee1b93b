//! Purpose: `/undo` in the core as tables: what it restores after each kind of transition the bot makes, and what it refuses.
import { describe, expect, it } from "vitest";
import { criticalEffects } from "../../src/lifecycle/commands.js";
import { commandsOf } from "../../src/lifecycle/intake.js";
import { applyEffects } from "../../src/lifecycle/plan.js";
import { moveTo } from "../../src/lifecycle/move.js";
import { fieldsOf, recordIn, recordMarker, withEntry, type Entry } from "../../src/lifecycle/status-record.js";
import { transition } from "../../src/lifecycle/transition.js";
import { planUndo, undoLine } from "../../src/lifecycle/undo.js";
import type { Actor, BugEvent, Effect, IssueSnapshot } from "../../src/lifecycle/types.js";
import { explain } from "../../src/lifecycle/why.js";
import { daysAgo, fleetConfig, issue, maintainer, NOW } from "../support/fixtures.js";

const board = { project: "https://github.com/orgs/acme/projects/7", columns: { inbox: "Inbox", reproduced: "Reproduced", drafting: "Drafting", engineering: "In release", "awaiting-qa": "Awaiting QA", "ready-for-release": "Ready for release" } };
const config = fleetConfig({ statusComment: true, board } as never);
const AT = daysAgo(0, -3600); // an hour before NOW
const qa: Actor = { login: "qa-lead", isBot: false, isMaintainer: true };

/** The entry the status comment records for `effects` on `before`, and the issue after them. */
function recorded(before: IssueSnapshot, effects: readonly Effect[], rule = "rule", at = AT): { after: IssueSnapshot; entry: Entry } {
  const after = applyEffects(before, effects);
  return { after, entry: { at, rule, before: fieldsOf(before), after: fieldsOf(after) } };
}

function decided(before: IssueSnapshot, event: BugEvent): Effect[] {
  return transition(before, event, config, NOW).effects;
}

const pr = (extra: Partial<IssueSnapshot> = {}) => issue([], [], { isPullRequest: true, author: "contributor", isDraft: false, ...extra });

type Row = [kind: string, before: IssueSnapshot, effects: (before: IssueSnapshot) => Effect[], undo: Effect["type"][]];

const rows: Row[] = [
  ["command: /reproduced #g-mdm", issue(["bug", ":reproduce"], ["qa-lead"]),
    (b) => decided(b, { kind: "commented", comment: { id: 5, nodeId: "C5", body: "/reproduced #g-mdm" }, actor: qa }),
    ["remove-labels", "add-labels", "remove-assignees", "add-assignees"]],
  ["label edit completed by the bot: :release added by hand, the group's EM assigned", issue(["bug", "#g-mdm", ":release"]),
    (b) => decided(b, { kind: "labeled", label: ":release", actor: maintainer, at: AT }),
    ["remove-assignees"]],
  ["card move: dragged to Drafting", issue(["bug", "#g-mdm"], ["mdm-em"]),
    (b) => decided(b, { kind: "card-moved", to: "Drafting", actor: maintainer, at: AT }),
    ["remove-labels", "remove-assignees"]],
  ["timer: the six-week rule moves the bug to product", issue(["bug", "#g-mdm"], ["mdm-em"]),
    (b) => moveTo(b, { state: "drafting" }, config),
    ["remove-labels", "remove-assignees"]],
  ["merge → QA: GitHub's close by a closing keyword reopened into awaiting QA", issue(["bug", "#g-mdm", ":release"], ["mdm-em"], { open: false }),
    (b) => decided(b, { kind: "closed-by-merge", pr: { number: 9, url: "https://github.com/acme/app/pull/9", author: "dev-1" } }),
    ["close", "remove-labels", "remove-assignees"]],
  ["close: needs-info timer closed it", issue(["bug", ":reproduce", "~needs info"]),
    () => [{ type: "close", issue: 7, reason: "not_planned" }],
    ["reopen"]],
  ["reopen: /reopen restored what the bot's close saved", issue([], [], { open: false, restore: { labels: ["bug", ":reproduce"], assignees: ["qa-lead"] } }),
    (b) => decided(b, { kind: "commented", comment: { id: 6, nodeId: "C6", body: "/reopen" }, actor: maintainer }),
    ["close", "remove-labels", "remove-assignees"]],
  ["stale PR draft", pr(), () => [{ type: "convert-to-draft", issue: 7 }], ["mark-ready"]],
  ["stale PR close", pr({ isDraft: true }), () => [{ type: "close-pull-request", issue: 7 }], ["reopen"]],
  ["/unreleased set the earliest milestone", issue(["bug", "#g-mdm"], ["mdm-em"]),
    (b) => [...moveTo(b, { state: "engineering" }, config), { type: "set-milestone", issue: 7, milestone: "earliest-open" }],
    ["remove-labels", "remove-milestone"]],
  ["/critical: labels, and its comments stay", issue(["bug", "#g-mdm"], ["mdm-em"]),
    (b) => criticalEffects(b, config, "maint"),
    ["remove-labels"]],
];

describe("/undo restores what each kind of transition changed", () => {
  it.each(rows)("%s", (_kind, before, effectsOf, expected) => {
    const effects = effectsOf(before);
    let { after, entry } = recorded(before, effects);
    // set-milestone plays as nothing in the core (the id is GitHub's): the record has it from the read after.
    if (effects.some((e) => e.type === "set-milestone")) {
      after = { ...after, milestone: { number: 3, title: "4.60.0" } };
      entry = { ...entry, after: fieldsOf(after) };
    }
    const plan = planUndo({ ...after, status: { entries: [entry] } }, config, NOW, "99");
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.effects.map((e) => e.type).sort()).toEqual([...expected].sort());
    expect(plan.undo).toEqual({ at: AT, key: "99" });
    const restored = fieldsOf(applyEffects(after, plan.effects));
    expect({ ...restored, labels: [...restored.labels].sort(), assignees: [...restored.assignees].sort() })
      .toEqual({ ...entry.before, labels: [...entry.before.labels].sort(), assignees: [...entry.before.assignees].sort() });
  });

  it("a close of a pull request is undone with reopenPullRequest, an issue's with reopenIssue", () => {
    const { after, entry } = recorded(pr(), [{ type: "close-pull-request", issue: 7 }]);
    const plan = planUndo({ ...after, status: { entries: [entry] } }, config, NOW, "1");
    expect(plan.ok && plan.effects).toEqual([{ type: "reopen", issue: 7, pullRequest: true }]);
  });
});

describe("a second /undo undoes the one before, up to 5", () => {
  const start = issue(["bug", ":reproduce"], ["qa-lead"]);
  const first = recorded(start, moveTo(start, { state: "reproduced", group: "#g-mdm" }, config), "/reproduced", daysAgo(0, -7200));
  const second = recorded(first.after, moveTo(first.after, { state: "engineering" }, config), "/release", AT);

  it("the first /undo reverts /release, the second /reproduced", () => {
    let record = withEntry(withEntry(null, first.entry), second.entry);
    const one = planUndo({ ...second.after, status: record }, config, NOW, "a");
    if (!one.ok || !one.undo) throw new Error("refused");
    expect(one.rule).toBe('/undo: reverted "/release"');
    const mid = applyEffects(second.after, one.effects);
    record = withEntry(record, { at: NOW.toISOString(), rule: one.rule, before: fieldsOf(second.after), after: fieldsOf(mid), undoes: one.undo.at, key: "a" });
    const two = planUndo({ ...mid, status: record }, config, NOW, "b");
    if (!two.ok) throw new Error(two.reason);
    expect(two.rule).toBe('/undo: reverted "/reproduced"');
    expect(fieldsOf(applyEffects(mid, two.effects)).labels.sort()).toEqual([":reproduce", "bug"]);
  });

  it("the same /undo replayed (its key recorded) writes nothing", () => {
    const record = withEntry(withEntry(null, second.entry), { at: NOW.toISOString(), rule: "/undo", before: second.entry.after, after: second.entry.before, undoes: AT, key: "a" });
    expect(planUndo({ ...first.after, status: record }, config, NOW, "a")).toEqual({ ok: true, effects: [], rule: "/undo: already done" });
  });

  it("past 5 undone transitions it refuses", () => {
    let record = withEntry(null, { ...first.entry, undone: true });
    for (let i = 0; i < 5; i++) record = withEntry(record, { ...second.entry, at: daysAgo(0, -60 * (10 - i)), undone: true });
    const plan = planUndo({ ...start, status: { entries: [first.entry, ...record.entries.slice(1)] } }, config, NOW, "z");
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.reason).toContain("reaches back 5");
  });
});

describe("/undo refuses", () => {
  const before = issue(["bug", ":reproduce"], ["qa-lead"]);
  const { after, entry } = recorded(before, moveTo(before, { state: "reproduced", group: "#g-mdm" }, config), "/reproduced");
  const refusals: [name: string, now: IssueSnapshot, entries: Entry[], says: string][] = [
    ["a person removed a label the transition added", { ...after, labels: after.labels.filter((l) => l !== "#g-mdm") }, [entry], "`#g-mdm` was removed"],
    ["a person re-added a label the transition removed", { ...after, labels: [...after.labels, ":reproduce"] }, [entry], "`:reproduce` was added"],
    ["a person unassigned the EM", { ...after, assignees: [] }, [entry], "@mdm-em was unassigned"],
    ["a person reopened what the bot closed", before, [{ ...entry, before: fieldsOf(before), after: { ...fieldsOf(before), open: false } }], "it was reopened"],
    ["the transition is older than 24 hours", after, [{ ...entry, at: daysAgo(1, -60) }], "more than 24 hours ago"],
    ["nothing recorded", after, [], "no transition"],
  ];
  it.each(refusals)("%s", (_name, now, entries, says) => {
    const plan = planUndo({ ...now, status: { entries } }, config, NOW, "1");
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.reason).toContain(says);
    expect(!plan.ok && plan.reason).toContain("nothing was undone");
  });

  it("a person's change to a field the transition did not write does not block it", () => {
    const plan = planUndo({ ...after, labels: [...after.labels, "+customer-x"], status: { entries: [entry] } }, config, NOW, "1");
    expect(plan.ok).toBe(true);
  });

  it("statusComment off: the status record is not the history, the timeline's transitions are", () => {
    const plan = planUndo({ ...after, status: { entries: [entry] } }, fleetConfig(), NOW, "1");
    expect(!plan.ok && plan.reason).toContain("could not read this issue's timeline");
    expect(planUndo({ ...after, botTransitions: [entry] }, fleetConfig(), NOW, "1").ok).toBe(true);
    expect(planUndo({ ...after, botTransitions: [entry] }, config, NOW, "1").ok).toBe(false);
  });

  it("undo.withinHours narrows the window", () => {
    const narrow = fleetConfig({ statusComment: true, undo: { withinHours: 0.5 } } as never);
    expect(planUndo({ ...after, status: { entries: [entry] } }, narrow, NOW, "1").ok).toBe(false);
  });
});

describe("/why says whether the last transition can be undone", () => {
  const before = issue(["bug", ":reproduce"], ["qa-lead"]);
  const { after, entry } = recorded(before, moveTo(before, { state: "reproduced", group: "#g-mdm" }, config), "/reproduced");
  it.each<[string, IssueSnapshot, string]>([
    ["can", { ...after, status: { entries: [entry] } }, "`/undo` reverts the last transition"],
    ["cannot: changed since", { ...after, assignees: [], status: { entries: [entry] } }, "cannot be undone: @mdm-em was unassigned"],
    ["cannot: too old", { ...after, status: { entries: [{ ...entry, at: daysAgo(2) }] } }, "older than 24 hours"],
    ["nothing", { ...after, status: { entries: [] } }, "nothing to undo"],
  ])("%s", (_name, snapshot, says) => {
    expect(undoLine(snapshot, config, NOW)).toContain(says);
    expect(explain(snapshot, config, NOW)).toContain(says);
  });
  it("statusComment off: /why says nothing about undo", () => {
    expect(explain({ ...after, status: { entries: [entry] } }, fleetConfig(), NOW)).not.toContain("Undo");
  });
});

describe("the record survives its comment", () => {
  it("round-trips through the hidden marker, a label with `-->` in it included", () => {
    const entry: Entry = { at: AT, rule: "r", before: { labels: ["a-->b"], assignees: [], open: true, milestone: null }, after: { labels: [], assignees: [], open: true, milestone: null } };
    const body = `text\n${recordMarker({ entries: [entry] })}\n`;
    expect(body).not.toContain("a-->b");
    expect(recordIn(body)).toEqual({ entries: [entry] });
  });
  it("a damaged record reads as none", () => {
    expect(recordIn("<!-- bug-lifecycle-history {\"entries\":[{\"at\":1}]} -->")).toBeNull();
    expect(recordIn("edited by a person")).toBeNull();
  });
});

describe("/undo as a command", () => {
  const before = issue(["bug", ":reproduce"], ["qa-lead"]);
  const { after, entry } = recorded(before, moveTo(before, { state: "reproduced", group: "#g-mdm" }, config), "/reproduced");
  const undo = (actor: Actor, narrowed = config) =>
    transition({ ...after, status: { entries: [entry] } }, { kind: "commented", comment: { id: 42, nodeId: "C42", body: "/undo" }, actor }, narrowed, NOW);

  it("a maintainer's /undo reverts, with a 👍 and the undo mark for the status comment", () => {
    const decision = undo(maintainer);
    expect(decision.state).toBe("inbox");
    expect(decision.undo).toEqual({ at: AT, key: "42" });
    expect(decision.effects.map((e) => e.type)).toContain("react");
  });

  it("refused for a non-maintainer, and where `commands.undo` narrows it", () => {
    const stranger: Actor = { login: "someone", isBot: false, isMaintainer: false };
    expect(undo(stranger).effects).toEqual([expect.objectContaining({ type: "comment", key: "reply:42" })]);
    const narrowed = fleetConfig({ statusComment: true, commands: { undo: ["qa"] } } as never);
    const refused = undo(maintainer, narrowed);
    expect(refused.undo).toBeUndefined();
    expect(refused.effects).toEqual([expect.objectContaining({ type: "comment", body: "`/undo` can only be used by QA." })]);
    expect(undo(qa, narrowed).undo).toEqual({ at: AT, key: "42" });
  });

  it("runs on a closed issue and on a pull request, where no other command runs", () => {
    const closed = recorded(before, [{ type: "close", issue: 7, reason: "not_planned" }]);
    const reopened = transition({ ...closed.after, status: { entries: [closed.entry] } }, { kind: "commented", comment: { id: 43, nodeId: "C43", body: "/undo" }, actor: maintainer }, config, NOW);
    expect(reopened.effects.map((e) => e.type)).toEqual(["reopen", "react"]);
    expect(commandsOf(pr(), { id: 1, nodeId: "C1", body: "/undo\n/reproduced #g-mdm" }).map((c) => c.name)).toEqual(["undo"]);
  });
});
