//! Purpose: hidden tags in the bot's comments: one comment per reason, and what to restore after a close.
import { BODY_BUDGET, fitBody } from "./fit.js";
import type { Restore } from "./types.js";

const PREFIX = "bug-lifecycle:";
const MARKER = /<!-- bug-lifecycle:([\w.:#/-]+) -->/g;
const RESTORE = /<!-- bug-lifecycle-restore (\{.*?\}) -->/;

export function marker(key: string): string {
  return `<!-- ${PREFIX}${key} -->`;
}

export function withMarker(body: string, key: string, restore?: Restore): string {
  const saved = restore ? `\n<!-- bug-lifecycle-restore ${JSON.stringify(restore)} -->` : "";
  // The markers are the bot's memory: the body gives way, never them, and the whole stays within GitHub's limit.
  return `${fitBody(body, BODY_BUDGET - saved.length)}\n\n${marker(key)}${saved}`;
}

/**
 * The marker kinds keyed by the comment they answer (`reply:<comment id>`, `why:<id>.<edit time>` for an edited
 * comment): finding one proves that comment's run happened (src/lifecycle/unanswered.ts). Every such key is
 * made by `answerKey`, so a new kind is recognised as soon as it is used.
 */
export const ANSWER_KINDS = ["reply", "why", "qa-failed", "needs-info", "not-a-bug", "needs-info-answered", "invalid-config"] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

/** The marker key of a comment that answers the comment `commentKey` names (its id, or `<id>.<edit>`). */
export function answerKey(kind: AnswerKind, commentKey: string | number): string {
  return `${kind}:${commentKey}`;
}

const ANSWER = new RegExp(`^(?:${ANSWER_KINDS.join("|")}):(\\d+)(?:\\.|$)`);

/** The ids of the comments that these markers (the bot's own) answer. */
export function answeredIds(markers: readonly string[]): Set<number> {
  const ids = new Set<number>();
  for (const key of markers) {
    const match = ANSWER.exec(key);
    if (match?.[1]) ids.add(Number(match[1]));
  }
  return ids;
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
