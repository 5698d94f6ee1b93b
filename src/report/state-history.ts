//! Purpose: rebuild a bug's past states from its `labeled`/`unlabeled`/`closed`/`reopened` facts (labels are the only state).
import type { Config } from "../lifecycle/config.js";
import type { TimelineFact, TrackedItem } from "../lifecycle/repo-snapshot.js";
import { stateOf } from "../lifecycle/state.js";
import type { BugState } from "../lifecycle/types.js";

/** A stretch of time in one state; `state` null while the issue was closed or not a bug. */
export interface Segment {
  state: BugState | null;
  from: number;
  to: number;
}

const CHANGES = new Set<TimelineFact["kind"]>(["labeled", "unlabeled", "closed", "reopened"]);

/**
 * The item's states from creation to `now`, oldest first, equal neighbours merged. Built backwards from
 * today's labels, undoing each fact, so it stays right even when GitHub's creation-time `labeled`
 * events are missing: only what changed since is needed. Facts after `now` are ignored.
 */
export function stateSegments(item: TrackedItem, config: Config, now: Date): Segment[] {
  const created = Date.parse(item.createdAt);
  const end = now.getTime();
  const facts = item.timeline.filter((fact) => CHANGES.has(fact.kind));
  // A closed item read without its close event still stopped being open when GitHub says it closed.
  if (!item.open && item.closedAt && !facts.some((fact) => fact.kind === "closed")) {
    facts.push({ kind: "closed", at: item.closedAt, actor: null, actorIsBot: false });
  }
  const ordered = facts.map((fact) => ({ fact, at: Date.parse(fact.at) })).sort((a, b) => b.at - a.at);

  const labels = new Set(item.labels);
  let open = item.open;
  // Undo what happened after `now`, so a snapshot read later still answers for `now`.
  let index = 0;
  for (; index < ordered.length && (ordered[index]?.at ?? 0) > end; index++) ({ open } = undo(ordered[index]!.fact, labels, open));

  const backwards: Segment[] = [];
  let to = end;
  for (; index < ordered.length; index++) {
    const { fact, at } = ordered[index]!;
    const from = Math.max(at, created);
    if (from < to) backwards.push({ state: open ? stateOf([...labels], config, item.type) : null, from, to });
    to = Math.min(to, from);
    ({ open } = undo(fact, labels, open));
    if (at <= created) break;
  }
  if (created < to) backwards.push({ state: open ? stateOf([...labels], config, item.type) : null, from: created, to });
  return merge(backwards.reverse());
}

function undo(fact: TimelineFact, labels: Set<string>, open: boolean): { open: boolean } {
  if (fact.kind === "labeled" && fact.label) labels.delete(fact.label);
  if (fact.kind === "unlabeled" && fact.label) labels.add(fact.label);
  if (fact.kind === "closed") return { open: true };
  if (fact.kind === "reopened") return { open: false };
  return { open };
}

function merge(segments: Segment[]): Segment[] {
  const merged: Segment[] = [];
  for (const segment of segments) {
    const last = merged[merged.length - 1];
    if (last && last.state === segment.state && last.to === segment.from) last.to = segment.to;
    else merged.push({ ...segment });
  }
  return merged;
}

/** The state at instant `at` (null before creation, while closed, or when not a bug). */
export function stateAt(segments: readonly Segment[], at: number): BugState | null {
  const found = segments.find((segment) => segment.from <= at && at < segment.to);
  if (found) return found.state;
  const last = segments[segments.length - 1];
  return last && at === last.to ? last.state : null;
}

/** When the item first entered a state that `wanted` accepts, or null if it never did. */
export function firstReached(segments: readonly Segment[], wanted: (state: BugState | null) => boolean): number | null {
  return segments.find((segment) => wanted(segment.state))?.from ?? null;
}

/** When the current (last) state began: the clock of "how long has it been in this state". */
export function enteredCurrentState(segments: readonly Segment[]): number | null {
  return segments[segments.length - 1]?.from ?? null;
}
