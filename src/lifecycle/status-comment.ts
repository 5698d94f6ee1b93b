//! Purpose: the status comment's text (docs/status-comment.md): what `/why` says, the folded history of the last transitions, and the hidden markers it keeps; and which comments fold into it.
import type { Config } from "./config.js";
import { ANSWER_KINDS, marker } from "./markers.js";
import { stateOf } from "./state.js";
import { recordIn, recordMarker, STATUS_KEY, type Entry, type StatusRecord } from "./status-record.js";
import { when } from "./undo.js";
import { explain } from "./why.js";
import type { Clocks, Effect, IssueSnapshot, Restore } from "./types.js";

/** Notes longer than this are cut in the history (the whole comment must stay far under GitHub's 65,536). */
const NOTE_LIMIT = 500;
const MENTION = /(^|[^\w`/])@[A-Za-z0-9][\w-]*/;
const ANSWER = new RegExp(`^(?:${ANSWER_KINDS.join("|")}):`);

/**
 * An informational transition comment: it mentions nobody and answers no one's comment, so it goes into the
 * status comment. A comment that mentions someone asks a person to act: an edit notifies nobody, so it stays new.
 */
export function folds(effect: Effect): effect is Extract<Effect, { type: "comment" }> {
  return effect.type === "comment" && effect.key !== STATUS_KEY && !ANSWER.test(effect.key) && !MENTION.test(effect.body);
}

export interface StatusText {
  /** The issue once the transition is written, with the record that includes it. */
  issue: IssueSnapshot & { status: StatusRecord };
  /** Markers of the comments folded into it (this transition's and earlier ones'), so each is posted once, ever. */
  keys: readonly string[];
  /** What a folded close saved, so `/reopen` restores it as from a close comment. */
  restore: Restore | null;
}

export function renderStatus(text: StatusText, config: Config, now: Date): string {
  const { issue } = text;
  const head = issue.isPullRequest ? pullRequestLine(issue) : explain(issue, config, now);
  const history = issue.status.entries.length ? ["", historyBlock(issue.status)] : [];
  const hidden = [
    marker(STATUS_KEY),
    ...[...new Set(text.keys)].filter((key) => key !== STATUS_KEY).map(marker),
    ...(text.restore ? [`<!-- bug-lifecycle-restore ${JSON.stringify(text.restore)} -->`] : []),
    recordMarker(issue.status),
  ];
  return [TITLE, "", head, ...history, "", ...hidden].join("\n");
}

const TITLE = "**Status** (kept current by the bot)";

/** The folded history, as rendered from the record: the same record always gives the same text. */
export function historyBlock(record: StatusRecord): string {
  const entries = [...record.entries].reverse();
  return [`<details><summary>History: the last ${entries.length} transition(s)</summary>`, "", ...entries.flatMap(historyLines), "", "</details>"].join("\n");
}

/**
 * Whether a status comment is as the bot wrote it, as far as the sweep can tell without the clocks: its
 * record parses, its title and its history are the record's. A person's edit of either is repaired.
 */
export function statusIntact(body: string): boolean {
  const record = recordIn(body);
  if (!record) return false;
  return body.startsWith(TITLE) && (!record.entries.length || body.includes(historyBlock(record)));
}

/** The clocks once the transition is written: a new state, `~needs info` or `~critical bug` starts now. */
export function clocksAfter(before: IssueSnapshot, after: IssueSnapshot, config: Config, now: Date): Clocks {
  const clocks: Clocks = { ...(before.clocks ?? {}) };
  const at = now.toISOString();
  if (stateOf(before.labels, config) !== stateOf(after.labels, config) || (!before.open && after.open)) clocks.enteredState = at;
  const added = (label: string) => after.labels.includes(label) && !before.labels.includes(label);
  if (added(config.labels.needsInfo)) clocks.needsInfoSince = at;
  if (!after.labels.includes(config.labels.needsInfo)) delete clocks.needsInfoSince;
  if (added(config.labels.critical)) clocks.criticalSince = at;
  return clocks;
}

function pullRequestLine(issue: IssueSnapshot): string {
  const state = !issue.open ? "closed" : issue.isDraft ? "open, a draft" : "open";
  return `**Pull request:** ${state}.`;
}

function historyLines(entry: Entry): string[] {
  const who = entry.by ?? "a rule";
  const flag = entry.undone ? " (undone)" : "";
  const lines = [`- ${when(new Date(entry.at))}: \`${entry.rule}\` (${who})${flag}: ${changes(entry) || "no field changed"}`];
  for (const note of entry.notes ?? []) lines.push(`  > ${note.slice(0, NOTE_LIMIT).replace(/\s*\n\s*/g, " ")}`);
  return lines;
}

function changes(entry: Entry): string {
  const { before, after } = entry;
  const parts = [
    ...after.labels.filter((l) => !before.labels.includes(l)).map((l) => `+\`${l}\``),
    ...before.labels.filter((l) => !after.labels.includes(l)).map((l) => `−\`${l}\``),
    // Logins without `@`: an edited comment notifies nobody, and a history line should not pretend to.
    ...after.assignees.filter((a) => !before.assignees.includes(a)).map((a) => `assigned ${a}`),
    ...before.assignees.filter((a) => !after.assignees.includes(a)).map((a) => `unassigned ${a}`),
  ];
  if (before.open !== after.open) parts.push(after.open ? "reopened" : "closed");
  if (Boolean(before.draft) !== Boolean(after.draft)) parts.push(after.draft ? "draft" : "ready for review");
  if (before.milestone !== after.milestone) parts.push(after.milestone === null ? "milestone removed" : "milestone set");
  return parts.join(", ");
}
