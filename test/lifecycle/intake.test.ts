//! Purpose: the rules the handlers used to repeat, now in the core (intake.ts): which events can matter, which facts a decision needs, the invalid-config reply.
import { describe, expect, it } from "vitest";
import type { Config } from "../../src/lifecycle/config.js";
import { gateOf, intakeOf, onInvalidConfig, type Needs } from "../../src/lifecycle/intake.js";
import { transition } from "../../src/lifecycle/transition.js";
import type { Actor, BugEvent, IssueSnapshot } from "../../src/lifecycle/types.js";
import { bot, fleetConfig, issue, maintainer, NOW, reporter, stranger } from "../support/fixtures.js";

const config = fleetConfig();
const noAck = fleetConfig({ inbox: { acknowledge: false } });
const noReopen = fleetConfig({ pullRequests: { reopenClosedByMerge: false } });
const BUG = "bug";
const comment = (body: string, actor: Actor = maintainer, previousBody?: string): BugEvent => ({
  kind: "commented",
  comment: { id: 5, nodeId: "IC_5", body, ...(previousBody !== undefined && { previousBody, editedAt: "2026-11-18T16:00:00Z" }) },
  actor,
});
const none: Needs = { actorIsMaintainer: false, authorIsMaintainer: false, history: false, clocks: false, closer: false, groupLabels: false };

type Row = [name: string, issue: IssueSnapshot, event: BugEvent, config: Config, expected: { rule: string } | Partial<Needs>];

const rows: Row[] = [
  ["a group command naming no configured group asks for the repository's labels", issue([BUG, ":reproduce"]), comment("/reproduced #g-new"), config, { groupLabels: true, actorIsMaintainer: true }],
  ["a group command naming a configured group does not", issue([BUG, ":reproduce"]), comment("/reproduced #g-mdm"), config, { groupLabels: false }],
  ["`/help` from anyone matters, and asks who they are", issue([BUG, ":reproduce"]), comment("/help", stranger), config, { actorIsMaintainer: true, groupLabels: false }],
  ["another bot's `/lgtm` is conversation", issue([BUG, ":reproduce"]), comment("/lgtm"), config, { rule: "ignored: a comment without a command" }],
  ["a bot's command is ignored (no loops)", issue([BUG, ":reproduce"]), comment("/reproduced", bot), config, { rule: "ignored: made by a bot" }],
  ["a bot's label edit is ignored", issue([BUG, ":reproduce"]), { kind: "labeled", label: ":release", actor: bot, at: "t" }, config, { rule: "ignored: made by a bot" }],
  ["a maintainer's conversation is ignored", issue([BUG, ":reproduce", "~needs info"]), comment("looks like #12"), config, { rule: "ignored: a comment without a command" }],
  ["a stranger's conversation is ignored, even under ~needs info", issue([BUG, ":reproduce", "~needs info"]), comment("me too", stranger), config, { rule: "ignored: a comment without a command" }],
  ["an unknown /word is no command", issue([BUG, ":reproduce"]), comment("/assign me"), config, { rule: "ignored: a comment without a command" }],
  ["a command in a fenced block is no command", issue([BUG, ":reproduce"]), comment("```\n/reproduced\n```"), config, { rule: "ignored: a comment without a command" }],
  ["the reporter's reply without a request for details open", issue([BUG, ":reproduce"]), comment("more details", reporter), config, { rule: "ignored: a reply, and no request for details open" }],
  ["the reporter's reply under ~needs info matters, and needs nothing read", issue([BUG, ":reproduce", "~needs info"]), comment("on 4.2", reporter), config, none],
  ["the reporter editing an old comment is no reply", issue([BUG, ":reproduce", "~needs info"]), comment("on 4.2!", reporter, "on 4.2"), config, { rule: "ignored: a comment without a command" }],
  ["an edit that adds no command is ignored", issue([BUG, ":reproduce"]), comment("/reproduced\nthanks", maintainer, "/reproduced"), config, { rule: "ignored: a comment without a command" }],
  // No group on the issue and no default: the reply lists the groups, the repository's labels among them.
  ["an edit that adds a command matters", issue([BUG, ":reproduce"]), comment("/reproduced", maintainer, "thanks"), config, { ...none, actorIsMaintainer: true, groupLabels: true }],
  ["a command on a pull request's conversation is no command", issue([BUG], [], { isPullRequest: true }), comment("/reproduced"), config, { rule: "ignored: a comment without a command" }],
  ["/why is anyone's: only the clocks are read", issue([BUG, ":reproduce"]), comment("/why", stranger), config, { ...none, clocks: true }],
  ["a maintainer-only command needs the actor's permission", issue([BUG, ":reproduce"]), comment("/reproduced #g-mdm"), config, { ...none, actorIsMaintainer: true }],
  ["/reopen needs the permission and what the bot saved", issue([BUG], [], { open: false }), comment("/reopen", reporter), config, { ...none, actorIsMaintainer: true, history: true }],
  ["a reopen needs what the bot saved", issue([BUG]), { kind: "reopened", actor: maintainer }, config, { ...none, history: true }],
  ["a new bug in the inbox: the author's status decides the acknowledgement", issue([BUG]), { kind: "opened", actor: reporter }, config, { ...none, authorIsMaintainer: true }],
  ["a new bug with acknowledgements off: nothing to read", issue([BUG]), { kind: "opened", actor: reporter }, noAck, none],
  ["a new bug opened straight into engineering: no acknowledgement", issue([BUG, ":release", "#g-mdm"]), { kind: "opened", actor: maintainer }, config, none],
  ["a new issue that is no bug: no acknowledgement", issue(["question"]), { kind: "opened", actor: reporter }, config, none],
  ["a closed bug: who closed it (a merged PR's keyword reopens it for QA)", issue([BUG, ":release"], [], { open: false }), { kind: "closed", actor: maintainer }, config, { ...none, closer: true }],
  ["a closed bug with reopenClosedByMerge off stays closed", issue([BUG, ":release"], [], { open: false }), { kind: "closed", actor: maintainer }, noReopen, { rule: "closed by a person: stays closed" }],
  ["a closed issue that is no bug stays closed", issue(["question"], [], { open: false }), { kind: "closed", actor: maintainer }, config, { rule: "closed by a person: stays closed" }],
];

describe("intakeOf: which events matter and what their decision reads", () => {
  it.each(rows)("%s", (_name, before, event, cfg, expected) => {
    const intake = intakeOf(before, event, cfg);
    if ("rule" in expected) expect(intake).toEqual({ matters: false, rule: expected.rule });
    else expect(intake).toMatchObject({ matters: true, needs: expected });
  });

  it("the gate before the config drops bots and conversation, and keeps the reporter's replies for the config to judge", () => {
    expect(gateOf(issue([BUG]), comment("/reproduced", bot))).toEqual({ matters: false, rule: "ignored: made by a bot" });
    expect(gateOf(issue([BUG]), comment("+1", stranger))).toEqual({ matters: false, rule: "ignored: a comment without a command" });
    expect(gateOf(issue([BUG]), comment("details", reporter))).toEqual({ matters: true, commands: [] });
    expect(gateOf(issue([BUG]), comment("/qa-passed\n/why"))).toMatchObject({ matters: true, commands: [{ name: "qa-passed" }, { name: "why" }] });
  });
});

/** A fact the intake does not ask for, set both ways: the decision must be the same. */
const variants: Record<keyof Needs, ((i: IssueSnapshot, e: BugEvent) => [IssueSnapshot, BugEvent])[]> = {
  actorIsMaintainer: [true, false].map((value) => (i: IssueSnapshot, e: BugEvent) => [i, "actor" in e ? ({ ...e, actor: { ...e.actor, isMaintainer: value } } as BugEvent) : e]),
  authorIsMaintainer: [true, false].map((value) => (i: IssueSnapshot, e: BugEvent) => [{ ...i, authorIsMaintainer: value }, e]),
  history: [
    (i, e) => [{ ...i, restore: { labels: [BUG, ":reproduce"], assignees: ["qa-lead"] }, closedBy: "bug-lifecycle[bot]" }, e],
    (i, e) => [{ ...i, restore: null, closedBy: "maint" }, e],
  ],
  clocks: [(i, e) => [{ ...i, clocks: { enteredState: "2026-11-01T00:00:00Z" } }, e], (i, e) => [{ ...i, clocks: undefined }, e]],
  closer: [(i, e) => [i, e]],
  // Not a fact of the issue: the shell adds the repository's group labels to the config (withRepoGroups).
  groupLabels: [(i, e) => [i, e]],
  undoTimeline: [
    (i, e) => [{ ...i, botTransitions: [{ at: "2026-11-18T16:00:00Z", rule: "+:reproduce", before: { labels: [], assignees: [], open: true, milestone: null }, after: { labels: [":reproduce"], assignees: [], open: true, milestone: null } }] }, e],
    (i, e) => [{ ...i, botTransitions: undefined }, e],
  ],
};

describe("a fact the intake does not ask for cannot change the decision (the shell gathers exactly what the core reads)", () => {
  it.each(rows)("%s", (_name, before, event, cfg) => {
    const intake = intakeOf(before, event, cfg);
    const needs = intake.matters ? intake.needs : none;
    for (const fact of Object.keys(variants) as (keyof Needs)[]) {
      if (needs[fact]) continue;
      const decisions = variants[fact].map((vary) => transition(...vary(before, event), cfg, NOW).effects);
      for (const effects of decisions) expect(effects, `${fact} changes the decision`).toEqual(decisions[0]);
    }
    if (!intake.matters) expect(transition(before, event, cfg, NOW).effects).toEqual([]);
  });

  it("and the facts it asks for do change some decision (the property is not vacuous)", () => {
    const opened = issue([BUG]);
    const ack = (authorIsMaintainer: boolean) => transition({ ...opened, authorIsMaintainer }, { kind: "opened", actor: reporter }, config, NOW).effects;
    expect(ack(false)).toContainEqual(expect.objectContaining({ type: "comment", key: "acknowledge" }));
    expect(ack(true)).not.toContainEqual(expect.objectContaining({ key: "acknowledge" }));
    const run = (isMaintainer: boolean) => transition(issue([BUG, ":reproduce"]), comment("/reproduced #g-mdm", { ...stranger, isMaintainer }), config, NOW).effects;
    expect(run(true)).not.toEqual(run(false));
  });
});

describe("onInvalidConfig: the error is shown where a person acted (docs/contract.md §6), nothing else is done", () => {
  const errors = ["labels.bug: Expected string, received number", "unknown key: label"];
  it.each<[string, IssueSnapshot, BugEvent, string | null]>([
    ["a command gets one reply, keyed by its comment", issue([BUG, ":reproduce"]), comment("/reproduced"), "invalid-config:5"],
    ["a stranger's /why too", issue([BUG, ":reproduce"]), comment("/why", stranger), "invalid-config:5"],
    ["an edit that adds a command: a reply of its own", issue([BUG, ":reproduce"]), comment("/reproduced", maintainer, "thanks"), "invalid-config:5.2026-11-18T16:00:00Z"],
    ["conversation: no reply", issue([BUG, ":reproduce"]), comment("thanks"), null],
    ["the reporter's reply: no reply", issue([BUG, ":reproduce", "~needs info"]), comment("details", reporter), null],
    ["a bot's command: no reply", issue([BUG, ":reproduce"]), comment("/reproduced", bot), null],
    ["a label edit: nowhere to answer", issue([BUG, ":reproduce"]), { kind: "labeled", label: ":release", actor: maintainer, at: "t" }, null],
    ["a new bug: nowhere to answer", issue([BUG]), { kind: "opened", actor: reporter }, null],
  ])("%s", (_name, before, event, key) => {
    const decision = onInvalidConfig(before, event, errors);
    if (!key) return expect(decision.effects).toEqual([]);
    expect(decision.effects).toEqual([{ type: "comment", issue: 7, key, body: expect.stringContaining("- `labels.bug: Expected string, received number`\n- `unknown key: label`") }]);
    expect(decision.effects[0]?.type === "comment" && decision.effects[0].body).toContain("`.github/bug-lifecycle.yml` is invalid");
  });
});

describe("onInvalidConfig's reply stays short whatever the file", () => {
  const body = (errors: string[]) => {
    const effect = onInvalidConfig(issue([BUG, ":reproduce"]), comment("/reproduced"), errors).effects[0];
    return effect?.type === "comment" ? effect.body : "";
  };
  it.each<[string, string[], string[], string[]]>([
    ["ten errors: all listed", Array.from({ length: 10 }, (_, i) => `e${i}`), ["- `e0`", "- `e9`"], ["more"]],
    ["5,000 errors: ten, and how many more", Array.from({ length: 5_000 }, (_, i) => `e${i}`), ["- `e9`", "- … and 4990 more"], ["- `e10`"]],
    ["one error of 100,000 characters: cut", ["x".repeat(100_000)], [`- \`${"x".repeat(199)}…\``], ["x".repeat(200)]],
  ])("%s", (_name, errors, present, absent) => {
    const text = body(errors);
    for (const part of present) expect(text).toContain(part);
    for (const part of absent) expect(text).not.toContain(part);
    expect(text.length).toBeLessThan(3_000);
  });
});

