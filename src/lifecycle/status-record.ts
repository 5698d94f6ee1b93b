//! Purpose: the transitions the bot made on an issue, as its status comment records them (a hidden JSON marker): the history `/undo` reads, kept on GitHub, never elsewhere.
import type { Entry, Fields, IssueSnapshot, StatusRecord } from "./types.js";

export type { Entry, Fields, StatusRecord };

/** Marker key of the status comment (`<!-- bug-lifecycle:status -->`): one per issue. */
export const STATUS_KEY = "status";

/** How many transitions the record keeps (the folded history shows them all; `/undo` reaches back 5). */
export const KEEP = 10;
export const UNDO_DEPTH = 5;

const HISTORY = /<!-- bug-lifecycle-history (\{.*?\}) -->/s;

/** The record in a status comment's body; null when it has none or a person damaged it (the sweep repairs it). */
export function recordIn(body: string): StatusRecord | null {
  const match = HISTORY.exec(body);
  if (!match?.[1]) return null;
  try {
    const value = JSON.parse(match[1]) as Partial<StatusRecord>;
    if (!Array.isArray(value.entries) || !value.entries.every(isEntry)) return null;
    return { entries: value.entries };
  } catch {
    return null;
  }
}

/** The hidden marker for the record; `<` and `>` escaped so a label name can never end the HTML comment. */
export function recordMarker(record: StatusRecord): string {
  const json = JSON.stringify({ entries: record.entries.slice(-KEEP) }).replace(/[<>]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return `<!-- bug-lifecycle-history ${json} -->`;
}

export function fieldsOf(issue: IssueSnapshot): Fields {
  return {
    labels: [...issue.labels],
    assignees: [...issue.assignees],
    open: issue.open,
    ...(issue.isDraft !== undefined && { draft: issue.isDraft }),
    milestone: issue.milestone?.number ?? null,
  };
}

/** Whether a transition changed anything `/undo` could restore. */
export function changed(before: Fields, after: Fields): boolean {
  const differs = (a: readonly string[], b: readonly string[]) => a.length !== b.length || a.some((x) => !b.includes(x));
  return differs(before.labels, after.labels) || differs(before.assignees.map(low), after.assignees.map(low)) || before.open !== after.open || Boolean(before.draft) !== Boolean(after.draft) || before.milestone !== after.milestone;
}

/** The record with `entry` appended (an undo marks the transition it reverted), the oldest dropped past `KEEP`. */
export function withEntry(record: StatusRecord | null | undefined, entry: Entry): StatusRecord {
  const entries = (record?.entries ?? []).map((e) => (entry.undoes !== undefined && e.at === entry.undoes && e.undoes === undefined ? { ...e, undone: true } : e));
  return { entries: [...entries, entry].slice(-KEEP) };
}

const low = (login: string) => login.toLowerCase();

function isFields(value: unknown): value is Fields {
  const v = value as Fields | null;
  return typeof v === "object" && v !== null && Array.isArray(v.labels) && Array.isArray(v.assignees) && typeof v.open === "boolean" && (v.milestone === null || typeof v.milestone === "number");
}

function isEntry(value: unknown): value is Entry {
  const v = value as Entry | null;
  return typeof v === "object" && v !== null && typeof v.at === "string" && typeof v.rule === "string" && isFields(v.before) && isFields(v.after);
}
