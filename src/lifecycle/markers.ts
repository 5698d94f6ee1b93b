//! Purpose: hidden tags in the bot's comments: one comment per reason, and what to restore after a close.
import type { Restore } from "./types.js";

const PREFIX = "bug-lifecycle:";
const MARKER = /<!-- bug-lifecycle:([\w.:#/-]+) -->/g;
const RESTORE = /<!-- bug-lifecycle-restore (\{.*?\}) -->/;

export function marker(key: string): string {
  return `<!-- ${PREFIX}${key} -->`;
}

export function withMarker(body: string, key: string, restore?: Restore): string {
  const saved = restore ? `\n<!-- bug-lifecycle-restore ${JSON.stringify(restore)} -->` : "";
  return `${body}\n\n${marker(key)}${saved}`;
}

export function markersIn(body: string): string[] {
  return [...body.matchAll(MARKER)].map((match) => match[1] ?? "");
}

/** The labels and assignees saved in a close comment, or null when the body has none or it is damaged. */
export function restoreIn(body: string): Restore | null {
  const match = RESTORE.exec(body);
  if (!match?.[1]) return null;
  try {
    const value = JSON.parse(match[1]) as Partial<Restore>;
    if (!Array.isArray(value.labels) || !Array.isArray(value.assignees)) return null;
    return { labels: value.labels.map(String), assignees: value.assignees.map(String) };
  } catch {
    return null;
  }
}

/** The marker of the checklist comment `/critical` posts: product's reaction to it confirms the bug. */
export const CHECKLIST_KEY = "critical";
