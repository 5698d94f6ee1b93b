//! Purpose: which issue events can matter and which facts their decision needs (docs/contract.md §2–3, §6): the handler asks here, `transition` applies the same gate, so no filter of the shell can block a rule of the core.
import { defaultConfig, type Config } from "./config.js";
import { newCommands, type Command } from "./parse-commands.js";
import { same } from "./people.js";
import { answerKey } from "./markers.js";
import { say } from "./say.js";
import { groupOf, stateOf } from "./state.js";
import type { BugEvent, CommentRef, Decision, Effect, IssueSnapshot } from "./types.js";
import { extrasOf } from "./help.js";
import { GROUP_COMMANDS } from "./repo-groups.js";
import { groupArgument } from "./resolve-group.js";

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
  /** The repository's labels: a group command names no configured group, and a `#g-*` label may be one (`withRepoGroups`). */
  groupLabels: boolean;
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
  if (!commands.length && !asksTheBot(issue, event.comment) && !isReporterReply(issue, event.comment, event.actor)) {
    return { matters: false, rule: "ignored: a comment without a command" };
  }
  return { matters: true, commands };
}

/**
 * A group command whose group the config does not know: it names a `#g-*` label (maybe the repository's), or
 * it needs a group and the issue and `defaultGroup` give none (the reply lists the repository's groups).
 */
function mayNameRepoGroup(command: Command, issue: IssueSnapshot, config: Config): boolean {
  if (!GROUP_COMMANDS.has(command.name)) return false;
  const argument = groupArgument(command.text, config);
  if (argument.kind === "typo") return true;
  return argument.kind === "none" && command.name !== "product" && !groupOf(issue.labels, config) && !config.defaultGroup;
}

/** `/help`, or a near miss of a command name (docs/rules.md): answered, depending on who wrote it. */
function asksTheBot(issue: IssueSnapshot, comment: CommentRef): boolean {
  const extras = extrasOf(issue, comment);
  return extras.help || extras.nearMisses.length > 0;
}

/** An acknowledgement is due on a new bug in the inbox, unless its author is a maintainer (docs/contract.md §2). */
export function acknowledgementDue(issue: IssueSnapshot, config: Config): boolean {
  const state = stateOf(issue.labels, config, issue.type);
  return config.inbox.acknowledge && issue.open && !issue.isPullRequest && (state === "inbox" || state === "orphan");
}

/** Once the config is known: whether the event can still matter, and what the decision needs to read. */
export function intakeOf(issue: IssueSnapshot, event: BugEvent, config: Config): Intake {
  const gate = gateOf(issue, event);
  if (!gate.matters) return gate;
  const { commands } = gate;
  const asks = event.kind === "commented" && asksTheBot(issue, event.comment);
  if (event.kind === "commented" && !commands.length && !asks && !issue.labels.includes(config.labels.needsInfo)) {
    return { matters: false, rule: "ignored: a reply, and no request for details open" };
  }
  if (event.kind === "closed" && (!config.pullRequests.reopenClosedByMerge || !stateOf(issue.labels, config, issue.type))) {
    return { matters: false, rule: "closed by a person: stays closed" };
  }
  const needs: Needs = {
    actorIsMaintainer: asks || commands.some((command) => command.name !== "why"),
    authorIsMaintainer: event.kind === "opened" && acknowledgementDue(issue, config),
    // `/undo` reads the fields as they are now and the status comment's record, or (statusComment: false) the
    // timeline, one GraphQL read that has the fields too.
    history: event.kind === "reopened" || commands.some((command) => command.name === "reopen" || (command.name === "undo" && config.statusComment)),
    clocks: commands.some((command) => command.name === "why"),
    closer: event.kind === "closed",
    groupLabels: commands.some((command) => mayNameRepoGroup(command, issue, config)),
    ...(!config.statusComment && commands.some((command) => command.name === "undo") && { undoTimeline: true }),
  };
  return { matters: true, commands, needs };
}

/** At most this many of a config's errors in a reply, each cut to `MAX_ERROR_CHARS`: the file has them all. */
export const MAX_LISTED_ERRORS = 10;
export const MAX_ERROR_CHARS = 200;

/** A short list whatever the file (a 2 MB file's 499,667-character list was refused by GitHub). */
function listedErrors(errors: readonly string[]): string {
  const cut = (error: string) => (error.length > MAX_ERROR_CHARS ? `${error.slice(0, MAX_ERROR_CHARS - 1)}…` : error);
  const lines = errors.slice(0, MAX_LISTED_ERRORS).map((error) => `- \`${cut(error).replace(/`/g, "'")}\``);
  if (errors.length > MAX_LISTED_ERRORS) lines.push(`- … and ${errors.length - MAX_LISTED_ERRORS} more (\`bug-lifecycle check-config .github/bug-lifecycle.yml\` lists them all)`);
  return lines.join("\n");
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
  const body = say(defaultConfig, "invalidConfig", { errors: listedErrors(errors) });
  const effects: Effect[] = [{ type: "comment", issue: issue.number, key: answerKey("invalid-config", commentKeyOf(event.comment)), body }];
  return { state: null, effects, rule: `${rule}; replied to the command` };
}

/**
 * A person's change the core answers with no effect (a close that stays closed, a reopen, a label edit no
 * rule answers) still moves the bug's card on the bugs board: the card shows the labels' state.
 */
export function boardFollows(issue: IssueSnapshot, event: BugEvent): boolean {
  const moves = ["closed", "reopened", "labeled", "unlabeled", "typed", "untyped"].includes(event.kind);
  return moves && !issue.isPullRequest && !("actor" in event && event.actor.isBot);
}
