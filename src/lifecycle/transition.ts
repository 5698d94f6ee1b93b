//! Purpose: the state machine's entry point: (issue, event, config, now) → next state and effects, executing nothing.
import { authorize } from "./authorize.js";
import { commandSpecs, noteOf, quote } from "./commands.js";
import type { Config } from "./config.js";
import { onCardMoved } from "./board/card-move.js";
import { onLabeled, onTyped, onUnlabeled } from "./label-edits.js";
import { answerKey } from "./markers.js";
import { moveTo } from "./move.js";
import { acknowledgementDue, commentKeyOf, intakeOf, isReporterReply } from "./intake.js";
import type { Command } from "./parse-commands.js";
import { mention } from "./people.js";
import { applyEffects } from "./plan.js";
import { restoreEffects } from "./reopen.js";
import { tag } from "./rules.js";
import { fitList } from "./fit.js";
import { didYouMean, extrasOf, helpText } from "./help.js";
import { missingOwner } from "./repo-groups.js";
import { say } from "./say.js";
import { bugMarks, stateOf } from "./state.js";
import type { Actor, BugEvent, CommentRef, Decision, Effect, IssueSnapshot, PullRequestRef, UndoMark } from "./types.js";

export function transition(issue: IssueSnapshot, event: BugEvent, config: Config, now: Date): Decision {
  const { effects, rule, undo } = decide(issue, event, config, now);
  const after = applyEffects(issue, effects);
  return { state: after.open ? stateOf(after.labels, config, after.type) : null, effects, rule, ...(undo && { undo }) };
}

function decide(issue: IssueSnapshot, event: BugEvent, config: Config, now: Date): { effects: Effect[]; rule: string; undo?: UndoMark } {
  const none = (rule: string) => ({ effects: [], rule });
  // The shell's filter is this same gate (intake.ts): whatever it drops, the core would have dropped too.
  const intake = intakeOf(issue, event, config);
  if (!intake.matters) return none(intake.rule);
  if (issue.isPullRequest && event.kind !== "commented") return none("ignored: pull request");
  if (event.kind === "closed-by-merge") return reopenForQa(issue, event.pr, config);
  const state = stateOf(issue.labels, config, issue.type);

  switch (event.kind) {
    case "opened": {
      if (!state || !issue.open) return none("ignored: not a bug");
      const effects = moveTo(issue, { state: state === "orphan" ? "inbox" : state }, config);
      if (acknowledgementDue(issue, config) && !issue.authorIsMaintainer) {
        const body = say(config, "acknowledge", { reporter: issue.author, slaBusinessDays: config.inbox.slaBusinessDays });
        effects.push({ type: "comment", issue: issue.number, key: "acknowledge", body, rule: "acknowledge" });
      }
      return { effects, rule: "bug opened: inbox" };
    }
    case "labeled":
      if (!issue.open) return none("ignored: closed");
      return onLabeled(issue, event.label, event.actor.login, event.at, config) ?? none(`ignored: ${event.label} added`);
    case "unlabeled":
      if (!issue.open) return none("ignored: closed");
      return onUnlabeled(issue, event.label, config) ?? none(`ignored: ${event.label} removed`);
    case "typed":
    case "untyped":
      if (!issue.open) return none("ignored: closed");
      return onTyped(issue, event, config) ?? none(`ignored: type ${event.type} ${event.kind === "typed" ? "set" : "removed"}`);
    case "commented":
      return onComment(issue, event.comment, event.actor, intake.commands, config, now);
    case "reopened":
      if (!issue.restore) return none("reopened by a person: nothing saved to restore");
      return { effects: restoreEffects(issue, config, false), rule: "reopened: restored what the bot's close saved" };
    case "closed":
      return none("closed by a person: stays closed");
    case "milestone-closed": {
      if (state !== "ready-for-release" || !issue.open) return none("ignored: not ready for release");
      const body = say(config, "released", { milestone: event.milestone.title });
      const restore = { labels: [...issue.labels], assignees: [...issue.assignees] };
      return {
        effects: [
          { type: "comment", issue: issue.number, key: `released:${event.milestone.number}`, body, restore },
          { type: "close", issue: issue.number, reason: "completed" },
        ],
        rule: `released in ${event.milestone.title}`,
      };
    }
    case "card-moved":
      return onCardMoved(issue, event, config, now);
    case "fixed-by": {
      if (state !== "engineering" || !issue.open) return none(`ignored: referenced by #${event.pr.number} in ${state}`);
      const effects = moveTo(issue, { state: "awaiting-qa" }, config);
      const qa = config.people.qa.length ? mention(config.people.qa) : "QA,";
      // Both paths of a closing keyword (this webhook first, or GitHub's close first) share one comment.
      const closing = event.closing && config.pullRequests.reopenClosedByMerge;
      const body = say(config, closing ? "fixedByMerge" : "fixed", { pr: event.pr.url, qa });
      effects.push({ type: "comment", issue: issue.number, key: `fixed:${event.pr.number}`, body });
      return { effects: tag("mergeToQa", effects), rule: `fixed by #${event.pr.number}: awaiting QA` };
    }
  }
}

function onComment(
  issue: IssueSnapshot,
  comment: CommentRef,
  actor: Actor,
  commands: readonly Command[],
  config: Config,
  now: Date,
): { effects: Effect[]; rule: string; undo?: UndoMark } {
  const effects: Effect[] = [];
  const rules: string[] = [];
  let undo: UndoMark | undefined;
  const refusals: string[] = [];
  let current = issue;
  // An edit's replies are its own: the original comment's markers must not swallow them.
  const commentKey = commentKeyOf(comment);

  for (const command of commands) {
    const outcome = runCommand(current, command, actor, config, now, commentKey);
    if (!outcome.ok) {
      // The person's note goes with the refusal, so the reply reads as an answer to what they wrote.
      const note = command.name === "qa-failed" ? "" : noteOf(command, config);
      refusals.push(note ? `${outcome.reason}\n${quote(note)}` : outcome.reason);
      continue;
    }
    effects.push(...outcome.effects);
    rules.push(outcome.rule);
    if (outcome.undo) undo = outcome.undo;
    current = applyEffects(current, outcome.effects);
  }

  // The reporter answered a request for details: the clock stops and QA hears about it.
  if (isReporterReply(issue, comment, actor) && current.labels.includes(config.labels.needsInfo) && current.open) {
    effects.push({ type: "remove-labels", issue: issue.number, labels: [config.labels.needsInfo] });
    const qa = config.people.qa.length ? mention(config.people.qa) : "QA:";
    effects.push({ type: "comment", issue: issue.number, key: answerKey("needs-info-answered", commentKey), body: say(config, "needsInfoAnswered", { qa }) });
    rules.push("the reporter answered");
  }
  if (rules.length && commands.length > refusals.length) {
    effects.push({ type: "react", issue: issue.number, commentId: comment.id, commentNodeId: comment.nodeId, content: "+1" });
  }
  // `/help` and "did you mean" go in the same one reply as the refusals.
  const extras = extrasOf(issue, comment);
  const owner = rules.length ? missingOwner(issue, current, config) : null;
  const notes = [...(owner ? [owner] : []), ...(extras.help ? [helpText(issue, actor, config)] : []), ...didYouMean(extras.nearMisses, issue, actor, config)];
  if (refusals.length || notes.length) {
    effects.push({ type: "comment", issue: issue.number, key: answerKey("reply", commentKey), body: fitList([...refusals, ...notes], "\n\n") });
    if (refusals.length) rules.push(`refused ${refusals.length} command(s)`);
    if (extras.help) rules.push("/help");
    if (notes.length > (extras.help ? 1 : 0) + (owner ? 1 : 0)) rules.push("did you mean");
    if (owner) rules.push("nobody to assign");
  }
  return { effects, rule: rules.join("; ") || "no command", ...(undo && { undo }) };
}

type Outcome = { ok: true; effects: Effect[]; rule: string; undo?: UndoMark } | { ok: false; reason: string };

function runCommand(issue: IssueSnapshot, command: Command, actor: Actor, config: Config, now: Date, commentKey: string): Outcome {
  const auth = authorize(command.name, actor, issue, config);
  if (!auth.ok) {
    const reason = command.name === "reopen" ? say(config, "reopenNotAllowed") : say(config, "notAllowed", { command: command.name, who: auth.who });
    return { ok: false, reason };
  }
  const state = stateOf(issue.labels, config, issue.type);
  if (command.name === "reopen") return reopen(issue, actor, config);
  // `/why` explains any issue; `/undo` reverts a close or a pull request's draft too.
  if (command.name !== "why" && command.name !== "undo") {
    if (!issue.open) return { ok: false, reason: say(config, "closedIssue", { command: command.name }) };
    if (!state) return { ok: false, reason: say(config, "notABugIssue", { command: command.name, bug: bugMarks(config) }) };
  }
  const spec = commandSpecs[command.name];
  if (spec.from !== "any" && state && !spec.from.includes(state)) {
    const from = spec.from.map((name) => `\`${name}\``).join(" or ");
    return { ok: false, reason: say(config, "wrongState", { command: command.name, from, state }) };
  }
  return spec.run({ issue, command, actor, config, now, commentKey });
}

function reopen(issue: IssueSnapshot, actor: Actor, config: Config): Outcome {
  if (issue.open) return { ok: false, reason: say(config, "notClosed") };
  if (!issue.restore && !actor.isMaintainer) {
    return { ok: false, reason: say(config, "notClosedByBot", { closer: issue.closedBy ?? "someone" }) };
  }
  return { ok: true, effects: restoreEffects(issue, config, true), rule: "/reopen: restored what the bot's close saved" };
}



/**
 * GitHub closed a bug because a merged PR referenced it with a closing keyword: QA has not verified it, so it
 * is reopened into awaiting QA with one comment (the same one the merge's own webhook would post).
 */
function reopenForQa(issue: IssueSnapshot, pr: PullRequestRef, config: Config): { effects: Effect[]; rule: string } {
  if (!config.pullRequests.reopenClosedByMerge) return { effects: [], rule: "closed by a merge: pullRequests.reopenClosedByMerge is off" };
  if (issue.open) return { effects: [], rule: `closed by #${pr.number}: already open again` };
  if (!stateOf(issue.labels, config, issue.type)) return { effects: [], rule: `closed by #${pr.number}: not a bug` };
  const effects: Effect[] = [{ type: "reopen", issue: issue.number }];
  effects.push(...moveTo(applyEffects(issue, effects), { state: "awaiting-qa" }, config));
  const qa = config.people.qa.length ? mention(config.people.qa) : "QA,";
  effects.push({ type: "comment", issue: issue.number, key: `fixed:${pr.number}`, body: say(config, "fixedByMerge", { pr: pr.url, qa }) });
  return { effects: tag("reopenClosedByMerge", effects), rule: `closed by merging #${pr.number} with a closing keyword: reopened for QA` };
}
