//! Purpose: desired state, not blind commands: drop every effect that is already true, and play effects on a snapshot.
import { includesLogin, same } from "./people.js";
import type { Effect, IssueSnapshot } from "./types.js";

/**
 * The effects that still change something on `issues` (by number). Applying the result and
 * planning again yields nothing, which is what makes a replayed webhook free.
 * Comments are dropped when their marker is known to be there; unknown markers keep the comment.
 */
export function planWrites(effects: readonly Effect[], issues: ReadonlyMap<number, IssueSnapshot>): Effect[] {
  const state = new Map(issues);
  const writes: Effect[] = [];
  for (const effect of effects) {
    const needed = stillNeeded(effect, state.get(effect.issue));
    if (!needed) continue;
    writes.push(needed);
    const snapshot = state.get(needed.issue);
    if (snapshot) state.set(needed.issue, applyEffects(snapshot, [needed]));
  }
  return writes;
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
      case "react":
      case "set-milestone":
        break;
    }
  }
  return next;
}
