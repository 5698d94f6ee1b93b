//! Purpose: a person's label edit is the same input as a command: complete it the way the command would (docs/contract.md §1–2).
import { criticalEffects, needsInfoEffects, unreleasedEffects } from "./commands.js";
import type { Config } from "./config.js";
import { moveTo } from "./move.js";
import { includesLogin } from "./people.js";
import { isBugType, isGroupLabel, qaLabels, stateOf } from "./state.js";
import type { BugEvent, Effect, IssueSnapshot } from "./types.js";

export interface Completion {
  effects: Effect[];
  rule: string;
}

/** `issue` is the snapshot after the edit, as the webhook payload shows it; `at` identifies the edit. */
export function onLabeled(issue: IssueSnapshot, label: string, actor: string, at: string, config: Config): Completion | null {
  const l = config.labels;
  const before: IssueSnapshot = { ...issue, labels: issue.labels.filter((name) => name !== label) };
  const state = stateOf(issue.labels, config, issue.type);
  if (!state) return null;

  if (label === l.critical) return { effects: criticalEffects(issue, config, actor), rule: `${label} added` };
  if (label === l.unreleased) return { effects: unreleasedEffects(issue, config, null), rule: `${label} added` };
  if (label === l.needsInfo) {
    return { effects: needsInfoEffects(issue, config, `needs-info:${at}`, ""), rule: `${label} added` };
  }
  if (label === l.reproduce) return { effects: moveTo(before, { state: "inbox" }, config), rule: `${label} added` };
  if (label === l.product) return { effects: moveTo(before, { state: "drafting" }, config), rule: `${label} added` };
  if (label === l.release || label === l.awaitingQa || label === l.readyForRelease) {
    // The label just added wins over the other QA sub-label, and a sub-label brings `:release`.
    const target = label === l.awaitingQa ? "awaiting-qa" : label === l.readyForRelease ? "ready-for-release" : state;
    if (target !== "engineering" && target !== "awaiting-qa" && target !== "ready-for-release") return null;
    return { effects: moveTo(before, { state: target }, config), rule: `${label} added` };
  }
  if (isGroupLabel(label, config)) {
    if (state === "inbox") return null; // half-done: QA picked a group, `:reproduce` is still on
    // The group just added wins over any other group label, like `/group`.
    const target = state === "orphan" ? "reproduced" : state;
    return { effects: moveTo(before, { state: target, group: label }, config), rule: `${label} added` };
  }
  if (label === l.bug) return bugMarked(issue, state, `${label} added`, config);
  return null;
}

/** An issue just became a bug (the `bug` label or the bug type added): an orphan enters the inbox. */
function bugMarked(issue: IssueSnapshot, state: NonNullable<ReturnType<typeof stateOf>>, rule: string, config: Config): Completion {
  const target = state === "orphan" ? "inbox" : state;
  return { effects: moveTo(issue, { state: target }, config), rule };
}

/**
 * docs/contract.md §1: `issues.typed` to the bug type is the `bug` label added; `untyped`, or typed to another
 * type, is the label removed (nothing to write: the issue has left the lifecycle, the board follows). `issue`
 * shows the type after the change. The bot never adds the `bug` label to a typed bug.
 */
export function onTyped(issue: IssueSnapshot, event: Extract<BugEvent, { kind: "typed" | "untyped" }>, config: Config): Completion | null {
  if (event.kind !== "typed" || !isBugType(event.type, config)) return null;
  const state = stateOf(issue.labels, config, issue.type ?? event.type);
  if (!state) return null;
  return bugMarked(issue, state, `type ${event.type} set`, config);
}

export function onUnlabeled(issue: IssueSnapshot, label: string, config: Config): Completion | null {
  const l = config.labels;
  if (!stateOf(issue.labels, config, issue.type)) return null;
  const effects: Effect[] = [];
  let after = issue;
  if (label === l.release) {
    const subs = qaLabels(config).filter((sub) => issue.labels.includes(sub));
    if (subs.length) effects.push({ type: "remove-labels", issue: issue.number, labels: subs });
    after = { ...issue, labels: issue.labels.filter((name) => !subs.includes(name)) };
  }
  if (label === l.release || label === l.reproduce || label === l.product) {
    const state = stateOf(after.labels, config, after.type);
    if (state && state !== "orphan") effects.push(...moveTo(after, { state }, config));
    return { effects, rule: `${label} removed` };
  }
  if (label === l.awaitingQa && stateOf(issue.labels, config, issue.type) === "engineering") {
    const qa = issue.assignees.filter((login) => includesLogin(config.people.qa, login));
    if (qa.length) effects.push({ type: "remove-assignees", issue: issue.number, logins: qa });
    return { effects, rule: `${label} removed: back in engineering` };
  }
  return null;
}
