//! Purpose: `/undo` (docs/contract.md §11): what reverting the bot's most recent transition writes, from the history its status comment keeps or (statusComment: false) its timeline shows; and why it refuses.
import type { Config } from "./config.js";
import { includesLogin, same } from "./people.js";
import { UNDO_DEPTH, type Entry, type Fields } from "./status-record.js";
import type { Effect, IssueSnapshot, UndoMark } from "./types.js";

export type UndoPlan =
  | { ok: true; effects: Effect[]; rule: string; undo?: UndoMark }
  | { ok: false; reason: string };

/** The transition a `/undo` would revert now: the newest not yet undone, within `UNDO_DEPTH`; null when none. */
export function undoTarget(entries: readonly Entry[]): { entry: Entry | null; depth: number } {
  const transitions = entries.filter((entry) => entry.undoes === undefined).reverse();
  const index = transitions.findIndex((entry) => !entry.undone);
  if (index < 0 || index >= UNDO_DEPTH) return { entry: null, depth: Math.max(index, transitions.length) };
  return { entry: transitions[index] ?? null, depth: index };
}

/**
 * Plans `/undo` on `issue` (read fresh: its fields now, and its status record or, with `statusComment: false`,
 * the bot's transitions rebuilt from its timeline). Refuses when no transition is recorded, the last one is
 * older than `undo.withinHours`, or a person changed a field it wrote since; the refusal says what changed,
 * and nothing is written but that reply.
 */
export function planUndo(issue: IssueSnapshot, config: Config, now: Date, key: string): UndoPlan {
  const entries = config.statusComment ? (issue.status?.entries ?? []) : issue.botTransitions;
  if (!entries) return { ok: false, reason: "`/undo` could not read this issue's timeline, so nothing was undone." };
  // A replayed `/undo` (a redelivery, a second machine): the history already holds it.
  if (entries.some((entry) => entry.key === key)) return { ok: true, effects: [], rule: "/undo: already done" };
  const { entry, depth } = undoTarget(entries);
  if (!entry) {
    return { ok: false, reason: depth >= UNDO_DEPTH ? `\`/undo\` reaches back ${UNDO_DEPTH} transitions, and those are undone already, so nothing was undone.` : "The bot has made no transition on this issue that `/undo` could revert, so nothing was undone." };
  }
  const age = now.getTime() - Date.parse(entry.at);
  if (age > config.undo.withinHours * 3_600_000) {
    return { ok: false, reason: `The bot's last transition here (${describe(entry)}) was made more than ${config.undo.withinHours} hours ago, so nothing was undone.` };
  }
  const current = fieldsNow(issue);
  const since = changesSince(entry, current);
  if (since.length) {
    return { ok: false, reason: `Since the bot's last transition here (${describe(entry)}), ${since.join(", ")} by someone else, so nothing was undone.` };
  }
  return { ok: true, effects: revert(issue, entry), rule: `/undo: reverted "${entry.rule}"`, undo: { at: entry.at, key } };
}

/** One line for `/why` and the status comment: what `/undo` would do now. */
export function undoLine(issue: IssueSnapshot, config: Config, now: Date): string | null {
  if (!config.statusComment || !issue.status) return null;
  const { entry } = undoTarget(issue.status.entries);
  if (!entry) return "**Undo:** nothing to undo.";
  const until = new Date(Date.parse(entry.at) + config.undo.withinHours * 3_600_000);
  if (until.getTime() < now.getTime()) return `**Undo:** the last transition (${describe(entry)}) is older than ${config.undo.withinHours} hours; it cannot be undone.`;
  const since = changesSince(entry, fieldsNow(issue));
  if (since.length) return `**Undo:** the last transition (${describe(entry)}) cannot be undone: ${since.join(", ")} since.`;
  return `**Undo:** \`/undo\` reverts the last transition (${describe(entry)}) until ${when(until)}.`;
}

export function when(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function describe(entry: Entry): string {
  return `\`${entry.rule}\` on ${when(new Date(entry.at))}`;
}

function fieldsNow(issue: IssueSnapshot): Fields {
  return { labels: [...issue.labels], assignees: [...issue.assignees], open: issue.open, ...(issue.isDraft !== undefined && { draft: issue.isDraft }), milestone: issue.milestone?.number ?? null };
}

/** What a person changed since `entry`, among the fields it wrote (other fields are theirs to change freely). */
export function changesSince(entry: Entry, now: Fields): string[] {
  const { before, after } = entry;
  const out: string[] = [];
  for (const label of touched(before.labels, after.labels, (a, b) => a === b)) {
    const had = after.labels.includes(label);
    if (had !== now.labels.includes(label)) out.push(`\`${label}\` was ${had ? "removed" : "added"}`);
  }
  for (const login of touched(before.assignees, after.assignees, same)) {
    const had = includesLogin(after.assignees, login);
    if (had !== includesLogin(now.assignees, login)) out.push(`@${login} was ${had ? "unassigned" : "assigned"}`);
  }
  if (before.open !== after.open && now.open !== after.open) out.push(`it was ${now.open ? "reopened" : "closed"}`);
  if (Boolean(before.draft) !== Boolean(after.draft) && now.draft !== undefined && now.draft !== Boolean(after.draft)) out.push(now.draft ? "it was made a draft" : "it was marked ready for review");
  if (before.milestone !== after.milestone && now.milestone !== after.milestone) out.push("its milestone was changed");
  return out;
}

/** The writes that put the fields `entry` changed back to what they were before it. */
function revert(issue: IssueSnapshot, entry: Entry): Effect[] {
  const { before, after } = entry;
  const n = issue.number;
  const effects: Effect[] = [];
  if (!before.open && after.open) effects.push(issue.isPullRequest ? { type: "close-pull-request", issue: n } : { type: "close", issue: n, reason: "not_planned" });
  if (before.open && !after.open) effects.push({ type: "reopen", issue: n, ...(issue.isPullRequest && { pullRequest: true }) });
  const addLabels = before.labels.filter((label) => !after.labels.includes(label));
  const removeLabels = after.labels.filter((label) => !before.labels.includes(label));
  if (removeLabels.length) effects.push({ type: "remove-labels", issue: n, labels: removeLabels });
  if (addLabels.length) effects.push({ type: "add-labels", issue: n, labels: addLabels });
  const addAssignees = before.assignees.filter((login) => !includesLogin(after.assignees, login));
  const removeAssignees = after.assignees.filter((login) => !includesLogin(before.assignees, login));
  if (removeAssignees.length) effects.push({ type: "remove-assignees", issue: n, logins: removeAssignees });
  if (addAssignees.length) effects.push({ type: "add-assignees", issue: n, logins: addAssignees });
  if (!before.draft && after.draft) effects.push({ type: "mark-ready", issue: n });
  if (before.milestone === null && after.milestone !== null) effects.push({ type: "remove-milestone", issue: n });
  return effects;
}

function touched(before: readonly string[], after: readonly string[], eq: (a: string, b: string) => boolean): string[] {
  return [...before.filter((x) => !after.some((y) => eq(x, y))), ...after.filter((x) => !before.some((y) => eq(x, y)))];
}
