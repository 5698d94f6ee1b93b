//! Purpose: which issue events can matter and which facts their decision needs (docs/contract.md §2–3, §6): the handler asks here, `transition` applies the same gate, so no filter of the shell can block a rule of the core.
import { defaultConfig, type Config } from "./config.js";
import { newCommands, type Command } from "./parse-commands.js";
import { same } from "./people.js";
import { answerKey } from "./markers.js";
import { say } from "./say.js";
import { stateOf } from "./state.js";
import type { BugEvent, CommentRef, Decision, Effect, IssueSnapshot } from "./types.js";

/** Facts the payload lacks that the decision reads; the shell gathers exactly these, and nothing else. */
export interface Needs {
  /** The actor's maintainer status (the permission API): a command that only maintainers may run. */
  actorIsMaintainer: boolean;
  /** The issue author's maintainer status: whether an acknowledgement is due on a new bug. */
  authorIsMaintainer: boolean;
  /** What the bot saved when it closed the issue (in its comments): a reopen restores it. */
  history: boolean;
  /** The timeline's clocks: `/why` names the next timer. */
  clocks: boolean;
  /** Who closed it (GraphQL `ClosedEvent.closer`): a close by a merged PR's closing keyword is undone for QA. */
  closer: boolean;
  /** statusComment: false, `/undo`: the issue's timeline, whose bot events are the history it reverts. */
  undoTimeline?: boolean;
}

export type Gate = { matters: false; rule: string } | { matters: true; commands: Command[] };
export type Intake = { matters: false; rule: string } | { matters: true; commands: Command[]; needs: Needs };

/** The commands a comment runs: new comments all of theirs, edits only the lines they added; none on pull requests. */
export function commandsOf(issue: IssueSnapshot, comment: CommentRef): Command[] {
  const commands = newCommands(comment.body, comment.previousBody);
  // On pull requests only `/undo` runs (a stale PR's draft or close is the bot's transition too).
  return issue.isPullRequest ? commands.filter((command) => command.name === "undo") : commands;
}

/** The reporter answering a request for details: a new comment by the issue's author (docs/contract.md §2, `~needs info`). */
export function isReporterReply(issue: IssueSnapshot, comment: CommentRef, actor: { login: string }): boolean {
  return comment.previousBody === undefined && same(actor.login, issue.author);
}

/** The key that tells one comment's replies (or one edit's) from another's: an edit's replies are its own. */
export function commentKeyOf(comment: CommentRef): string {
  return comment.previousBody !== undefined ? `${comment.id}.${comment.editedAt ?? "edited"}` : String(comment.id);
}

/**
 * Before the config is read: whether the event can matter at all. Bots are ignored (no loops, docs/contract.md §3);
 * of comments only commands and the reporter's own new replies can matter; the rest is conversation.
 */
export function gateOf(issue: IssueSnapshot, event: BugEvent): Gate {
  if ("actor" in event && event.actor.isBot) return { matters: false, rule: "ignored: made by a bot" };
  if (event.kind !== "commented") return { matters: true, commands: [] };
  const commands = commandsOf(issue, event.comment);
  if (!commands.length && !isReporterReply(issue, event.comment, event.actor)) {
    return { matters: false, rule: "ignored: a comment without a command" };
  }
  return { matters: true, commands };
}

/** An acknowledgement is due on a new bug in the inbox, unless its author is a maintainer (docs/contract.md §2). */
export function acknowledgementDue(issue: IssueSnapshot, config: Config): boolean {
  const state = stateOf(issue.labels, config);
  return config.inbox.acknowledge && issue.open && !issue.isPullRequest && (state === "inbox" || state === "orphan");
}

/** Once the config is known: whether the event can still matter, and what the decision needs to read. */
export function intakeOf(issue: IssueSnapshot, event: BugEvent, config: Config): Intake {
  const gate = gateOf(issue, event);
  if (!gate.matters) return gate;
  const { commands } = gate;
  if (event.kind === "commented" && !commands.length && !issue.labels.includes(config.labels.needsInfo)) {
    return { matters: false, rule: "ignored: a reply, and no request for details open" };
  }
  if (event.kind === "closed" && (!config.pullRequests.reopenClosedByMerge || !stateOf(issue.labels, config))) {
    return { matters: false, rule: "closed by a person: stays closed" };
  }
  const needs: Needs = {
    actorIsMaintainer: commands.some((command) => command.name !== "why"),
    authorIsMaintainer: event.kind === "opened" && acknowledgementDue(issue, config),
    // `/undo` reads the fields as they are now and the status comment's record, or (statusComment: false) the
    // timeline, one GraphQL read that has the fields too.
    history: event.kind === "reopened" || commands.some((command) => command.name === "reopen" || (command.name === "undo" && config.statusComment)),
    clocks: commands.some((command) => command.name === "why"),
    closer: event.kind === "closed",
    ...(!config.statusComment && commands.some((command) => command.name === "undo") && { undoTimeline: true }),
  };
  return { matters: true, commands, needs };
}

/**
 * The repository's config is invalid (docs/contract.md §6): the bot takes no action there, and says so where a person
 * acted, i.e. as a reply to a command (once per comment, or per edit that added commands). Messages are the
 * defaults: the file that would override them is the broken one.
 */
export function onInvalidConfig(issue: IssueSnapshot, event: BugEvent, errors: readonly string[]): Decision {
  const rule = "invalid config: no lifecycle action in this repository";
  const gate = gateOf(issue, event);
  if (!gate.matters || event.kind !== "commented" || !gate.commands.length) return { state: null, effects: [], rule };
  const body = say(defaultConfig, "invalidConfig", { errors: errors.map((error) => `- \`${error}\``).join("\n") });
  const effects: Effect[] = [{ type: "comment", issue: issue.number, key: answerKey("invalid-config", commentKeyOf(event.comment)), body }];
  return { state: null, effects, rule: `${rule}; replied to the command` };
}

/**
 * A person's change the core answers with no effect (a close that stays closed, a reopen, a label edit no
 * rule answers) still moves the bug's card on the bugs board: the card shows the labels' state.
 */
export function boardFollows(issue: IssueSnapshot, event: BugEvent): boolean {
  const moves = event.kind === "closed" || event.kind === "reopened" || event.kind === "labeled" || event.kind === "unlabeled";
  return moves && !issue.isPullRequest && !("actor" in event && event.actor.isBot);
}
