//! Purpose: the one way a bug changes state: label exclusivity plus the entry rules of the new state (docs/contract.md §1).
import type { Config } from "./config.js";
import { includesLogin, ownersOf } from "./people.js";
import { groupOf, groupsOf, stateOf } from "./state.js";
import type { BugState, Effect, IssueSnapshot } from "./types.js";

export interface Target {
  state: Exclude<BugState, "orphan">;
  /** Switch the bug to this group (swaps the group label and the owner). */
  group?: string | null;
}

/** Labels each state needs on and off; everything else on the issue is left alone. */
function stateLabelPlan(state: Target["state"], config: Config): { on: string[]; off: string[] } {
  const { reproduce, product, release, awaitingQa, readyForRelease } = config.labels;
  const all = [reproduce, product, release, awaitingQa, readyForRelease];
  const on: Record<Target["state"], string[]> = {
    inbox: [reproduce],
    reproduced: [],
    drafting: [product],
    engineering: [release],
    "awaiting-qa": [release, awaitingQa],
    "ready-for-release": [release, readyForRelease],
  };
  return { on: on[state], off: all.filter((label) => !on[state].includes(label)) };
}

/** Effects that put `snapshot` into `target`, written as the smallest delta (nothing if already there). */
export function moveTo(snapshot: IssueSnapshot, target: Target, config: Config): Effect[] {
  const issue = snapshot.number;
  const from = stateOf(snapshot.labels, config, snapshot.type);
  const oldGroup = groupOf(snapshot.labels, config);
  const newGroup = target.group ?? oldGroup;
  const plan = stateLabelPlan(target.state, config);

  const add = plan.on.filter((label) => !snapshot.labels.includes(label));
  const remove = plan.off.filter((label) => snapshot.labels.includes(label));
  if (target.group && !snapshot.labels.includes(target.group)) add.push(target.group);
  if (target.group) {
    remove.push(...groupsOf(snapshot.labels, config).filter((label) => label !== target.group));
  }

  const unassign: string[] = [];
  if (newGroup !== oldGroup && from && from !== "orphan") {
    // Reassign: the old group's owner of the state leaves, unless they also own it in the new group.
    const newOwners = ownersOf(target.state, newGroup, config);
    for (const owner of ownersOf(from, oldGroup, config)) {
      if (!includesLogin(newOwners, owner)) unassign.push(owner);
    }
  }
  if (target.state === "reproduced") unassign.push(...config.people.qa);
  const owners = ownersOf(target.state, newGroup, config);
  const stillAssigned = snapshot.assignees.filter((login) => !includesLogin(unassign, login) || includesLogin(owners, login));
  const removeAssignees = snapshot.assignees.filter((login) => !includesLogin(stillAssigned, login));

  // Engineering keeps whoever already works on the bug (docs/contract.md §1: "kept if someone is already assigned").
  const wanted = target.state === "engineering" && stillAssigned.length > 0 ? [] : owners;
  const addAssignees = unique(wanted.filter((login) => !includesLogin(stillAssigned, login)));

  const effects: Effect[] = [];
  if (remove.length) effects.push({ type: "remove-labels", issue, labels: unique(remove) });
  if (add.length) effects.push({ type: "add-labels", issue, labels: unique(add) });
  if (removeAssignees.length) effects.push({ type: "remove-assignees", issue, logins: removeAssignees });
  if (addAssignees.length) effects.push({ type: "add-assignees", issue, logins: addAssignees });
  return effects;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
