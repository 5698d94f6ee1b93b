//! Purpose: desired state, not blind commands: drop every effect that is already true, and play effects on a snapshot.
import { includesLogin, same } from "./people.js";
import type { Effect, IssueSnapshot } from "./types.js";

/**
 * The effects that still change something on `issues` (by number). Applying the result and
 * planning again yields nothing, which is what makes a replayed webhook free.
 * Labels and assignees are written as the net difference between the issue now and the issue once
 * every effect is played: `/release` then `/backlog` in one comment writes nothing, where replaying
 * both (removals run before additions in one mutation document) would leave `:release` on.
 * Comments are dropped when their marker is known to be there; unknown markers keep the comment.
 */
export function planWrites(effects: readonly Effect[], issues: ReadonlyMap<number, IssueSnapshot>): Effect[] {
  const state = new Map(issues);
  const others: Effect[] = [];
  const unknown: Effect[] = [];
  for (const effect of effects) {
    const snapshot = state.get(effect.issue);
    if (!snapshot) {
      unknown.push(effect);
      continue;
    }
    if (!isListEffect(effect)) {
      const needed = stillNeeded(effect, snapshot);
      if (needed) others.push(needed);
    }
    state.set(effect.issue, applyEffects(snapshot, [effect]));
  }
  const deltas = [...issues.entries()].flatMap(([number, before]) => delta(number, before, state.get(number) ?? before));
  return [...deltas, ...coalesce(unknown), ...others];
}

function delta(issue: number, before: IssueSnapshot, after: IssueSnapshot): Effect[] {
  const effects: Effect[] = [];
  const removeLabels = before.labels.filter((label) => !after.labels.includes(label));
  const addLabels = after.labels.filter((label) => !before.labels.includes(label));
  const removeAssignees = before.assignees.filter((login) => !includesLogin(after.assignees, login));
  const addAssignees = after.assignees.filter((login) => !includesLogin(before.assignees, login));
  if (removeLabels.length) effects.push({ type: "remove-labels", issue, labels: removeLabels });
  if (addLabels.length) effects.push({ type: "add-labels", issue, labels: addLabels });
  if (removeAssignees.length) effects.push({ type: "remove-assignees", issue, logins: removeAssignees });
  if (addAssignees.length) effects.push({ type: "add-assignees", issue, logins: addAssignees });
  return effects;
}

type ListEffect = Extract<Effect, { type: "add-labels" | "remove-labels" | "add-assignees" | "remove-assignees" }>;

function isListEffect(effect: Effect): effect is ListEffect {
  return effect.type === "add-labels" || effect.type === "remove-labels" || effect.type === "add-assignees" || effect.type === "remove-assignees";
}

/** Issues we hold no snapshot of: one mutation per kind and issue all the same. */
function coalesce(writes: Effect[]): Effect[] {
  const merged: Effect[] = [];
  const lists = new Map<string, ListEffect>();
  for (const effect of writes) {
    if (!isListEffect(effect)) {
      merged.push(effect);
      continue;
    }
    const key = `${effect.type}#${effect.issue}`;
    const earlier = lists.get(key);
    if (!earlier) {
      const copy = { ...effect } as ListEffect;
      lists.set(key, copy);
      merged.push(copy);
    } else if (earlier.type === "add-labels" || earlier.type === "remove-labels") {
      earlier.labels = [...new Set([...earlier.labels, ...(effect as typeof earlier).labels])];
    } else {
      earlier.logins = [...new Set([...earlier.logins, ...(effect as typeof earlier).logins])];
    }
  }
  return merged;
}

function stillNeeded(effect: Effect, snapshot: IssueSnapshot | undefined): Effect | null {
  if (!snapshot) return effect;
  switch (effect.type) {
    case "add-labels": {
      const labels = effect.labels.filter((label) => !snapshot.labels.includes(label));
      return labels.length ? { ...effect, labels } : null;
    }
    case "remove-labels": {
      const labels = effect.labels.filter((label) => snapshot.labels.includes(label));
      return labels.length ? { ...effect, labels } : null;
    }
    case "add-assignees": {
      const logins = effect.logins.filter((login) => !includesLogin(snapshot.assignees, login));
      return logins.length ? { ...effect, logins } : null;
    }
    case "remove-assignees": {
      const logins = effect.logins.filter((login) => includesLogin(snapshot.assignees, login));
      return logins.length ? { ...effect, logins } : null;
    }
    case "comment":
    case "notify":
      return snapshot.markers?.includes(effect.key) ? null : effect;
    case "close":
    case "close-pull-request":
      return snapshot.open ? effect : null;
    case "convert-to-draft":
      return snapshot.open && !snapshot.isDraft ? effect : null;
    case "reopen":
      return snapshot.open ? null : effect;
    case "mark-ready":
      return snapshot.open && snapshot.isDraft !== false ? effect : null;
    case "remove-milestone":
      return snapshot.milestone === null ? null : effect;
    case "repair-status":
      return effect;
    case "remove-type":
      return snapshot.type === null ? null : effect;
    case "react":
    case "set-milestone":
      return effect;
  }
}

/** The snapshot as it will be once `effects` are written: lets several commands in one comment chain. */
export function applyEffects(snapshot: IssueSnapshot, effects: readonly Effect[]): IssueSnapshot {
  let next = snapshot;
  for (const effect of effects) {
    if (effect.issue !== next.number) continue;
    switch (effect.type) {
      case "add-labels":
        next = { ...next, labels: [...next.labels, ...effect.labels.filter((l) => !next.labels.includes(l))] };
        break;
      case "remove-labels":
        next = { ...next, labels: next.labels.filter((label) => !effect.labels.includes(label)) };
        break;
      case "add-assignees":
        next = {
          ...next,
          assignees: [...next.assignees, ...effect.logins.filter((login) => !includesLogin(next.assignees, login))],
        };
        break;
      case "remove-assignees":
        next = { ...next, assignees: next.assignees.filter((login) => !effect.logins.some((l) => same(l, login))) };
        break;
      case "comment":
        next = { ...next, markers: [...(next.markers ?? []), effect.key] };
        break;
      case "close":
      case "close-pull-request":
        next = { ...next, open: false };
        break;
      case "convert-to-draft":
        next = { ...next, isDraft: true };
        break;
      case "reopen":
        next = { ...next, open: true };
        break;
      case "mark-ready":
        next = { ...next, isDraft: false };
        break;
      case "remove-milestone":
        next = { ...next, milestone: null };
        break;
      case "remove-type":
        next = { ...next, type: null };
        break;
      case "react":
      case "set-milestone":
      case "repair-status":
        break;
    }
  }
  return next;
}
