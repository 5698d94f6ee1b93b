//! Purpose: what adopting the bot means for one open bug or PR (docs/first-day.md): its state, the repairs, the first sweep's writes and what is left for a person; pure.
import type { Config } from "./config.js";
import { emOf, ownersOf } from "./people.js";
import { applyEffects, planWrites } from "./plan.js";
import type { TrackedItem } from "./repo-snapshot.js";
import { groupOf, stateOf } from "./state.js";
import type { SweepPlan } from "./sweep-plan.js";
import type { BugState, Effect, IssueSnapshot } from "./types.js";

/** One decision: the rule, the clock it runs from (its deadline) and the writes it would make now. */
export interface AdoptDecision {
  rule: string;
  /** When it became due (ISO): the clock behind it. */
  clock: string;
  /** Why, in one line ("asked for details on …", "state labels … was added last"). */
  why: string;
  /** The writes still needed after everything decided before it (labels, assignees, comments with their text…). */
  writes: Effect[];
  /** `shadow`: the config's `rules:` has this rule decide and log only; nothing of it is written. */
  mode: "on" | "shadow";
}

export type AttentionReason = "no-state" | "no-owner" | "group-without-em";

/** Something no rule decides: a person has to. */
export interface Attention {
  reason: AttentionReason;
  detail: string;
}

export interface AdoptEntry {
  number: number;
  title: string;
  url: string;
  kind: "bug" | "pull-request";
  /** Bugs: the state its labels say now (the furthest when they conflict); null for pull requests. */
  state: BugState | null;
  labels: string[];
  assignees: string[];
  /** The bot's own repairs (a half-done state completed, an owner assigned): what `adopt --apply` makes. */
  repair: AdoptDecision | null;
  /** What the first sweep would then write, rule by rule (never made by `adopt`). */
  sweep: AdoptDecision[];
  attention: Attention[];
}

/**
 * `plans` are the sweep's own decisions for the item (src/sweep/sweep-item.ts `decideItem`): the repair
 * first, then the timers. Each plan's writes are planned against the item as the plans before it leave it.
 */
export function adoptionOf(item: TrackedItem, config: Config, plans: readonly SweepPlan[]): AdoptEntry {
  let current: IssueSnapshot = item;
  const decide = (plan: SweepPlan): AdoptDecision => {
    const writes = planWrites(plan.effects, new Map([[item.number, current]]));
    const mode = modeOfPlan(plan, config);
    // A shadowed decision writes nothing: the decisions after it see the item as it is.
    if (mode === "on") current = applyEffects(current, plan.effects);
    return { rule: plan.rule, clock: plan.deadline.toISOString(), why: plan.detail, writes, mode };
  };
  const repairPlan = plans.find((plan) => plan.rule === "repair");
  const repair = repairPlan ? decide(repairPlan) : null;
  const afterRepair = current;
  const sweep = plans.filter((plan) => plan !== repairPlan).map(decide).filter((decision) => decision.writes.length > 0);
  return {
    number: item.number,
    title: item.title ?? "",
    url: item.url ?? "",
    kind: item.isPullRequest ? "pull-request" : "bug",
    state: item.isPullRequest ? null : stateOf(item.labels, config, item.type),
    labels: [...item.labels],
    assignees: [...item.assignees],
    repair: repair && repair.writes.length ? repair : null,
    sweep,
    attention: item.isPullRequest ? [] : attentionOf(afterRepair, config),
  };
}

/**
 * The mode of the config rule behind a plan (`rules: {x: on|shadow|off}`, docs/rules.md): the sweep tags each
 * plan's effects with its rule and leaves out the plans of rules that are off, so only `shadow` is left to see.
 * Read through plain property access so this file stays valid on either side of the switch's merge.
 */
function modeOfPlan(plan: SweepPlan, config: Config): "on" | "shadow" {
  const rules = (config as { rules?: Record<string, string | undefined> }).rules;
  const rule = plan.effects.map((effect) => (effect as { rule?: string }).rule).find((name) => name !== undefined);
  return rule !== undefined && rules?.[rule] === "shadow" ? "shadow" : "on";
}

/** Where each state's owner is configured, for the sentence that says whom to configure. */
function ownerSetting(state: BugState, group: string | null): string {
  switch (state) {
    case "reproduced":
    case "engineering":
      return group ? `groups."${group}".em` : "a group label (nobody owns a bug without one)";
    case "drafting":
      return group ? `groups."${group}".pm or people.headOfProduct` : "people.headOfProduct";
    default:
      return "people.qa";
  }
}

/** Bugs no rule decides, after the repairs: no state, nobody to assign, a group without its EM. */
export function attentionOf(bug: IssueSnapshot, config: Config): Attention[] {
  const state = stateOf(bug.labels, config, bug.type);
  if (state === null) return [];
  if (state === "orphan") return [{ reason: "no-state", detail: "no state label and no group label: a person decides where it goes" }];
  const found: Attention[] = [];
  const group = groupOf(bug.labels, config);
  // Who owns inbox and ready-for-release is optional: nobody assigned there is normal.
  const ownerNeeded = state !== "ready-for-release" && !(state === "inbox" && !config.inbox.assignQa);
  if (ownerNeeded && bug.assignees.length === 0 && ownersOf(state, group, config).length === 0) {
    found.push({ reason: "no-owner", detail: `${state} and nobody assigned, and nobody to assign: configure ${ownerSetting(state, group)}` });
  }
  if (group && !emOf(group, config)) {
    const where = group in config.groups ? `groups."${group}" has no em` : `"${group}" is not in groups`;
    found.push({ reason: "group-without-em", detail: `group ${group} has no EM: ${where}` });
  }
  return found;
}

/** Everything `adopt` found, added up (the preview's summary and the apply's plan). */
export interface AdoptTotals {
  bugs: number;
  pulls: number;
  perState: Partial<Record<BugState, number>>;
  /** Items the repairs change (`adopt --apply` makes them). */
  repairs: number;
  /** The first sweep's decisions that it writes, by rule. */
  sweep: Record<string, number>;
  /** Decisions of rules in `shadow` (repairs included): logged, never written, by rule. */
  shadow: Record<string, number>;
  /** Items left for a person, by reason. */
  attention: Partial<Record<AttentionReason, number>>;
}

export function totalsOf(entries: readonly AdoptEntry[]): AdoptTotals {
  const totals: AdoptTotals = { bugs: 0, pulls: 0, perState: {}, repairs: 0, sweep: {}, shadow: {}, attention: {} };
  const count = (into: Record<string, number>, rule: string) => (into[rule] = (into[rule] ?? 0) + 1);
  for (const entry of entries) {
    if (entry.kind === "bug") totals.bugs++;
    else totals.pulls++;
    if (entry.state) totals.perState[entry.state] = (totals.perState[entry.state] ?? 0) + 1;
    if (entry.repair?.mode === "on") totals.repairs++;
    for (const decision of [...(entry.repair ? [entry.repair] : []), ...entry.sweep]) {
      if (decision.mode === "shadow") count(totals.shadow, decision.rule);
      else if (decision !== entry.repair) count(totals.sweep, decision.rule);
    }
    for (const { reason } of entry.attention) totals.attention[reason] = (totals.attention[reason] ?? 0) + 1;
  }
  return totals;
}
