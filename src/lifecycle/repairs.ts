//! Purpose: complete what a missed webhook left half done (docs/contract.md §1 invariants), the way the webhook would have.
import type { Config } from "./config.js";
import { moveTo } from "./move.js";
import { ownersOf } from "./people.js";
import { applyEffects } from "./plan.js";
import type { TrackedItem } from "./repo-snapshot.js";
import { groupOf, qaLabels, stateLabels, stateOf } from "./state.js";
import type { Effect } from "./types.js";

export interface Repair {
  effects: Effect[];
  /** What was wrong, for the log. */
  detail: string;
}

/** Of `candidates` on the issue, the one a person added last ("the label just added wins"); else the first. */
function lastAdded(item: TrackedItem, candidates: readonly string[]): string | undefined {
  const present = candidates.filter((label) => item.labels.includes(label));
  for (let i = item.timeline.length - 1; i >= 0; i--) {
    const fact = item.timeline[i]!;
    if (fact.kind === "labeled" && fact.label !== undefined && present.includes(fact.label)) return fact.label;
  }
  return present[0];
}

/**
 * Two state labels, a QA sub-label without `:release`, or a state whose owner is known but nobody is
 * assigned. Orphans (no state label, no group) are left alone: the bot does not guess an owner.
 */
export function repairOf(item: TrackedItem, config: Config): Repair | null {
  if (!item.open || item.isPullRequest || !stateOf(item.labels, config, item.type)) return null;
  const problems: string[] = [];
  let labels = [...item.labels];

  const qa = qaLabels(config).filter((label) => labels.includes(label));
  const keptQa = qa.length > 1 ? (lastAdded(item, qa) ?? qa[0]) : qa[0];
  if (qa.length > 1) {
    labels = labels.filter((label) => label === keptQa || !qa.includes(label));
    problems.push(`QA labels ${qa.join(" + ")}: ${keptQa} was added last`);
  }
  // A QA sub-label without `:release` stands for `:release` (adding one by hand adds `:release`).
  const release = config.labels.release;
  const standIn = keptQa && !labels.includes(release) ? keptQa : undefined;
  const states = stateLabels(config).filter((label) => labels.includes(label));
  const candidates = standIn ? [...states, standIn] : states;
  if (candidates.length > 1) {
    // Furthest first, so an edit older than the timeline we read resolves the way `stateOf` reads it.
    const winner = lastAdded(item, [...candidates].reverse()) ?? candidates[0]!;
    labels = labels.filter((label) => label === winner || !states.includes(label));
    if (winner === standIn) labels.push(release);
    problems.push(`state labels ${candidates.join(" + ")}: ${winner} was added last`);
  } else if (standIn) {
    labels.push(release);
    problems.push(`${standIn} without ${release}`);
  }

  const effects: Effect[] = [];
  const target = stateOf(labels, config, item.type);
  if (problems.length && target && target !== "orphan") {
    // A QA sub-label left next to another state label goes with `:release` (moveTo removes it).
    effects.push(...moveTo(item, { state: target }, config));
  }
  const after = applyEffects(item, effects);
  const state = stateOf(after.labels, config, after.type);
  if (state && state !== "orphan" && after.assignees.length === 0) {
    const owners = ownersOf(state, groupOf(after.labels, config), config);
    if (owners.length) {
      effects.push({ type: "add-assignees", issue: item.number, logins: owners });
      problems.push(`${state} without its owner`);
    }
  }
  return effects.length ? { effects, detail: problems.join("; ") } : null;
}
