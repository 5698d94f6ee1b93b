//! Purpose: what each comment command does (docs/contract.md §2), as effects on one issue; refusals are reasons, not effects.
import type { CommandName, Config } from "./config.js";
import { answerKey } from "./markers.js";
import { moveTo, type Target } from "./move.js";
import type { Command } from "./parse-commands.js";
import { emOf, includesLogin, mention, pmOf } from "./people.js";
import { applyEffects } from "./plan.js";
import { groupArgument, resolveGroup } from "./resolve-group.js";
import { say } from "./say.js";
import { CHECKLIST_KEY } from "./markers.js";
import { groupOf, isBugType, qaLabels, stateOf } from "./state.js";
import { explain } from "./why.js";
import { planUndo } from "./undo.js";
import type { Actor, BugState, Effect, IssueSnapshot, UndoMark } from "./types.js";

export interface CommandInput {
  issue: IssueSnapshot;
  command: Command;
  actor: Actor;
  config: Config;
  now: Date;
  /** Names the command's comment in reply keys: its id, plus the edit for an edited comment. */
  commentKey: string;
}

export type Outcome = { ok: true; effects: Effect[]; rule: string; undo?: UndoMark } | { ok: false; reason: string };

interface Spec {
  /** States the command applies to; "any" means any open bug. */
  from: readonly BugState[] | "any";
  run: (input: CommandInput) => Outcome;
}

const done = (effects: Effect[], rule: string): Outcome => ({ ok: true, effects, rule });
const refuse = (reason: string): Outcome => ({ ok: false, reason });

/** Move with an optional group argument; `required` when the target state needs the group's EM. */
function moveWithGroup(input: CommandInput, target: Target["state"], required: boolean, rule: string): Outcome {
  const { issue, command, config } = input;
  const choice = resolveGroup(command.name, groupArgument(command.text, config), issue, config, required);
  if (!choice.ok) return refuse(choice.reason);
  const group = choice.group && choice.group !== groupOf(issue.labels, config) ? choice.group : null;
  return done(moveTo(issue, { state: target, group }, config), rule);
}

function withText(prefix: string, text: string): string {
  return text ? `${prefix}${text}` : "";
}

/** A person's note as a Markdown quote, every line. */
export function quote(text: string): string {
  return text.split("\n").map((line) => `> ${line}`.trimEnd()).join("\n");
}

/** Commands whose first word may be a group (docs/contract.md §2); for the others the whole text is the note. */
const TAKES_GROUP: ReadonlySet<CommandName> = new Set(["reproduced", "product", "engineering", "unreleased", "group"]);

/** What the person wrote after the command that is not its argument: quoted where the bot comments anyway. */
export function noteOf(command: Command, config: Config): string {
  return TAKES_GROUP.has(command.name) ? groupArgument(command.text, config).note : command.text;
}

export const commandSpecs: Record<CommandName, Spec> = {
  reproduced: {
    from: ["inbox", "orphan"],
    run: (input) => moveWithGroup(input, "reproduced", true, "/reproduced: QA reproduced the bug"),
  },
  product: {
    from: "any",
    run: (input) => moveWithGroup(input, "drafting", false, "/product: the bug needs product input"),
  },
  engineering: {
    from: ["drafting"],
    run: (input) => moveWithGroup(input, "reproduced", true, "/engineering: product handed the bug back"),
  },
  release: {
    from: ["reproduced"],
    run: ({ issue, config }) => done(moveTo(issue, { state: "engineering" }, config), "/release: scheduled into a release"),
  },
  backlog: {
    from: ["engineering"],
    run: ({ issue, config }) => done(moveTo(issue, { state: "reproduced" }, config), "/backlog: taken out of the release"),
  },
  critical: {
    from: "any",
    run: ({ issue, config, actor, command }) =>
      done(criticalEffects(issue, config, actor.login, command.text), "/critical: critical bug, fixed in the current release"),
  },
  unreleased: {
    from: "any",
    run: (input) => {
      const { issue, command, config } = input;
      const choice = resolveGroup(command.name, groupArgument(command.text, config), issue, config, true);
      if (!choice.ok) return refuse(choice.reason);
      return done(unreleasedEffects(issue, config, choice.group), "/unreleased: bug in unreleased code");
    },
  },
  fixed: {
    from: ["engineering"],
    run: ({ issue, config }) => done(moveTo(issue, { state: "awaiting-qa" }, config), "/fixed: waiting for QA"),
  },
  "qa-passed": {
    from: ["awaiting-qa"],
    run: ({ issue, config }) =>
      done(moveTo(issue, { state: "ready-for-release" }, config), "/qa-passed: QA verified the fix"),
  },
  "qa-failed": {
    from: ["awaiting-qa"],
    run: ({ issue, command, config, commentKey }) => {
      if (!command.text) return refuse(say(config, "needsText", { command: "qa-failed", what: "notes", example: "still fails when …" }));
      const unassignQa = issue.assignees.filter((login) => includesLogin(config.people.qa, login));
      const effects: Effect[] = unassignQa.length ? [{ type: "remove-assignees", issue: issue.number, logins: unassignQa }] : [];
      effects.push(...moveTo(applyEffects(issue, effects), { state: "engineering" }, config));
      const after = applyEffects(issue, effects);
      const notes = quote(command.text);
      const body = say(config, "qaFailed", { assignees: mention(after.assignees), notes });
      effects.push({ type: "comment", issue: issue.number, key: answerKey("qa-failed", commentKey), body });
      return done(effects, "/qa-failed: QA found remaining issues");
    },
  },
  "needs-info": {
    from: ["inbox"],
    run: ({ issue, command, config, commentKey }) =>
      done(needsInfoEffects(issue, config, answerKey("needs-info", commentKey), command.text), "/needs-info: waiting for the reporter"),
  },
  "not-a-bug": {
    from: "any",
    run: ({ issue, command, config, commentKey }) => {
      const l = config.labels;
      const remove = [l.bug, l.reproduce, l.release, ...qaLabels(config)].filter((label) => issue.labels.includes(label));
      const pm = pmOf(groupOf(issue.labels, config), config);
      const effects: Effect[] = [];
      if (remove.length) effects.push({ type: "remove-labels", issue: issue.number, labels: remove });
      // A bug by type leaves the lifecycle the same way: the type goes as the label does (docs/issue-types.md).
      if (isBugType(issue.type, config)) effects.push({ type: "remove-type", issue: issue.number });
      if (!issue.labels.includes(l.product)) effects.push({ type: "add-labels", issue: issue.number, labels: [l.product] });
      if (pm && !includesLogin(issue.assignees, pm)) effects.push({ type: "add-assignees", issue: issue.number, logins: [pm] });
      const body = say(config, "notABug", { owner: pm ? `@${pm}` : "", reason: withText("\n\n", command.text && quote(command.text)) });
      effects.push({ type: "comment", issue: issue.number, key: answerKey("not-a-bug", commentKey), body });
      return done(effects, "/not-a-bug: left the bug lifecycle for product");
    },
  },
  group: {
    from: "any",
    run: ({ issue, command, config }) => {
      const argument = groupArgument(command.text, config);
      if (argument.kind === "none") return refuse(say(config, "needsText", { command: "group", what: "a group", example: Object.keys(config.groups)[0] ?? "#g-name" }));
      const choice = resolveGroup("group", argument, issue, config, true);
      if (!choice.ok || !choice.group) return refuse(choice.ok ? "" : choice.reason);
      const state = stateOf(issue.labels, config, issue.type);
      const target: Target["state"] = !state || state === "orphan" ? "reproduced" : state;
      return done(moveTo(issue, { state: target, group: choice.group }, config), `/group: moved to ${choice.group}`);
    },
  },
  reopen: { from: "any", run: () => refuse("") /* handled by reopenEffects: it needs a closed issue */ },
  why: {
    from: "any",
    run: ({ issue, config, now, commentKey }) =>
      done([{ type: "comment", issue: issue.number, key: answerKey("why", commentKey), body: explain(issue, config, now) }], "/why"),
  },
  // Also on closed issues and pull requests (a close, a stale PR's draft): runCommand lets it through.
  undo: { from: "any", run: ({ issue, config, now, commentKey }) => planUndo(issue, config, now, commentKey) },
};

export function criticalEffects(issue: IssueSnapshot, config: Config, actor: string, note = ""): Effect[] {
  const effects = moveTo(issue, { state: "engineering" }, config);
  if (!issue.labels.includes(config.labels.critical)) {
    effects.push({ type: "add-labels", issue: issue.number, labels: [config.labels.critical] });
  }
  const people = [config.people.headOfProduct, emOf(groupOf(issue.labels, config), config)].filter(
    (login): login is string => Boolean(login),
  );
  const body = say(config, "critical", { actor, mentions: mention([...new Set(people)]), note: withText("\n\n", note && quote(note)) });
  const where = issue.url ?? `#${issue.number}`;
  // Before the comment: planning drops both once the comment's marker is on the issue, so a repeated
  // `/critical` neither comments nor pings Slack again.
  const text = `🚨 Critical bug raised by ${actor}: ${issue.title ?? ""} ${where}`.trim();
  effects.push({ type: "notify", issue: issue.number, key: "critical", channel: "slack", text });
  effects.push({ type: "comment", issue: issue.number, key: CHECKLIST_KEY, body });
  return effects;
}

export function unreleasedEffects(issue: IssueSnapshot, config: Config, group: string | null): Effect[] {
  const newGroup = group && group !== groupOf(issue.labels, config) ? group : null;
  const effects = moveTo(issue, { state: "engineering", group: newGroup }, config);
  if (!issue.labels.includes(config.labels.unreleased)) {
    effects.push({ type: "add-labels", issue: issue.number, labels: [config.labels.unreleased] });
  }
  if (config.unreleased.setMilestone && !issue.milestone) {
    effects.push({ type: "set-milestone", issue: issue.number, milestone: "earliest-open" });
  }
  return effects;
}

export function needsInfoEffects(issue: IssueSnapshot, config: Config, key: string, text: string): Effect[] {
  const effects: Effect[] = [];
  if (!issue.labels.includes(config.labels.needsInfo)) {
    effects.push({ type: "add-labels", issue: issue.number, labels: [config.labels.needsInfo] });
  }
  const body = say(config, "needsInfo", { reporter: issue.author, text: withText("\n\n", text && quote(text)) });
  effects.push({ type: "comment", issue: issue.number, key, body });
  return effects;
}
