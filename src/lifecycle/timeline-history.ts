//! Purpose: the bot's recent transitions rebuilt from the timeline (statusComment: false): the history `/undo` reads when there is no status comment, kept on GitHub, never elsewhere.
import { includesLogin, same } from "./people.js";
import type { Entry, Fields } from "./types.js";

/** One timeline item as the reader normalises it (oldest first); `bot`: the bot made it. */
export type HistoryItem =
  | { kind: "labeled" | "unlabeled"; at: string; bot: boolean; label: string }
  | { kind: "assigned" | "unassigned"; at: string; bot: boolean; login: string }
  | { kind: "closed" | "reopened" | "convert_to_draft" | "ready_for_review"; at: string; bot: boolean }
  | { kind: "milestoned" | "demilestoned"; at: string; bot: boolean; title: string }
  | { kind: "comment"; at: string; bot: boolean; body: string; key: string };

interface Group {
  at: string;
  items: HistoryItem[];
  /** The key of the person's `/undo` comment posted since the bot's previous transition, if any. */
  undoKey?: string;
}

const UNDO = /^\s*\/undo\b/m;

/**
 * The bot's transitions, oldest first, in the status record's shape (`Entry`), so `/undo` decides the same way
 * on either history. One transition is one GraphQL mutation document: its events carry one timestamp (GitHub's
 * times have seconds precision), so the bot's consecutive events of one second are one transition; a person's
 * act between them (a field event, a comment) starts a new one. A transition that follows a person's `/undo` comment and exactly
 * reverses the newest transition not yet undone is that undo (it marks its target undone and records the
 * comment's key), never a transition to undo next.
 *
 * `before`/`after` hold only what the transition changed (the timeline shows changes, not whole fields):
 * enough for `changesSince` and the revert, which look only at the fields a transition wrote. A milestone is
 * matched to `milestone` (the current one) by title; another title gets a number no milestone has.
 */
export function historyFromTimeline(items: readonly HistoryItem[], milestone: { number: number; title: string } | null): Entry[] {
  const groups: Group[] = [];
  let current: Group | null = null;
  let undoKey: string | undefined;
  for (const item of items) {
    // A person's act (a field event, a comment) ends the bot's transition: what follows answers it.
    if (!item.bot) {
      current = null;
      if (item.kind === "comment" && UNDO.test(item.body)) undoKey = item.key;
      continue;
    }
    if (item.kind === "comment") continue;
    if (current && second(current.at) === second(item.at)) {
      current.items.push(item);
      continue;
    }
    current = { at: item.at, items: [item], ...(undoKey !== undefined && { undoKey }) };
    undoKey = undefined;
    groups.push(current);
  }
  const entries: Entry[] = [];
  for (const group of groups) {
    const { before, after } = fieldsOf(group.items, milestone);
    const entry: Entry = { at: group.at, rule: summary(before, after), before, after };
    const target = group.undoKey !== undefined ? entries.filter((e) => e.undoes === undefined && !e.undone).at(-1) : undefined;
    if (target && reverses(entry, target)) {
      target.undone = true;
      entries.push({ ...entry, rule: `/undo: reverted "${target.rule}"`, undoes: target.at, ...(group.undoKey !== undefined && { key: group.undoKey }) });
    } else if (changedAny(before, after)) {
      entries.push(entry);
    }
  }
  return entries;
}

function second(at: string): string {
  return at.slice(0, 19);
}

/** What one transition's events changed: `before` holds what it removed, `after` what it added. */
function fieldsOf(items: readonly HistoryItem[], milestone: { number: number; title: string } | null): { before: Fields; after: Fields } {
  const before: Fields = { labels: [], assignees: [], open: true, milestone: null };
  const after: Fields = { labels: [], assignees: [], open: true, milestone: null };
  const number = (title: string) => (milestone && milestone.title === title ? milestone.number : -1);
  for (const item of items) {
    switch (item.kind) {
      case "labeled":
        toggle(before.labels, after.labels, item.label, (a, b) => a === b);
        break;
      case "unlabeled":
        toggle(after.labels, before.labels, item.label, (a, b) => a === b);
        break;
      case "assigned":
        toggle(before.assignees, after.assignees, item.login, same);
        break;
      case "unassigned":
        toggle(after.assignees, before.assignees, item.login, same);
        break;
      // A close and a reopen in one transition cancel out (no change: both open).
      case "closed": {
        const reopened = !before.open && after.open;
        before.open = true;
        after.open = reopened;
        break;
      }
      case "reopened": {
        const closed = before.open && !after.open;
        before.open = closed;
        after.open = true;
        break;
      }
      case "convert_to_draft":
        before.draft = false;
        after.draft = true;
        break;
      case "ready_for_review":
        before.draft = true;
        after.draft = false;
        break;
      case "milestoned":
        after.milestone = number(item.title);
        break;
      case "demilestoned":
        before.milestone = number(item.title);
        if (after.milestone === number(item.title)) after.milestone = null;
        break;
    }
  }
  return { before, after };
}

/** Adds `value` to `into`, unless it is in `from` (the same transition added and removed it: no change). */
function toggle(from: string[], into: string[], value: string, eq: (a: string, b: string) => boolean): void {
  const index = from.findIndex((x) => eq(x, value));
  if (index >= 0) from.splice(index, 1);
  else if (!into.some((x) => eq(x, value))) into.push(value);
}

/** `entry` puts back exactly what `target` changed. */
function reverses(entry: Entry, target: Entry): boolean {
  const sameSet = (a: readonly string[], b: readonly string[], eq: (x: string, y: string) => boolean) => a.length === b.length && a.every((x) => b.some((y) => eq(x, y)));
  const labels = (a: readonly string[], b: readonly string[]) => sameSet(a, b, (x, y) => x === y);
  const people = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => includesLogin(b, x));
  return (
    labels(entry.before.labels, target.after.labels) &&
    labels(entry.after.labels, target.before.labels) &&
    people(entry.before.assignees, target.after.assignees) &&
    people(entry.after.assignees, target.before.assignees) &&
    entry.before.open === target.after.open &&
    entry.after.open === target.before.open &&
    Boolean(entry.before.draft) === Boolean(target.after.draft) &&
    Boolean(entry.after.draft) === Boolean(target.before.draft) &&
    entry.before.milestone === target.after.milestone &&
    entry.after.milestone === target.before.milestone
  );
}

function changedAny(before: Fields, after: Fields): boolean {
  return summary(before, after) !== "";
}

/** The transition in a few words (the timeline names no rule): `+label`, `−label`, `assigned x`, `closed`… */
function summary(before: Fields, after: Fields): string {
  const parts = [
    ...after.labels.map((l) => `+${l}`),
    ...before.labels.map((l) => `−${l}`),
    ...after.assignees.map((a) => `assigned ${a}`),
    ...before.assignees.map((a) => `unassigned ${a}`),
  ];
  if (before.open !== after.open) parts.push(after.open ? "reopened" : "closed");
  if (Boolean(before.draft) !== Boolean(after.draft)) parts.push(after.draft ? "draft" : "ready for review");
  if (before.milestone !== after.milestone) parts.push(after.milestone === null ? "milestone removed" : "milestone set");
  return parts.join(", ");
}
