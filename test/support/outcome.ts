//! Purpose: summarise a decision as the issue it leaves behind, so tables compare results, not effect order.
import { applyEffects, planWrites } from "../../src/lifecycle/plan.js";
import type { Decision, IssueSnapshot } from "../../src/lifecycle/types.js";

export interface Result {
  state: Decision["state"];
  labels: string[];
  assignees: string[];
  comments: string[];
  other: string[];
}

export function outcome(before: IssueSnapshot, decision: Decision): Result {
  const after = applyEffects(before, decision.effects);
  return {
    state: decision.state,
    labels: [...after.labels].sort(),
    assignees: [...after.assignees].sort(),
    comments: decision.effects.flatMap((effect) => (effect.type === "comment" ? [effect.key] : [])),
    other: decision.effects.flatMap((effect) =>
      effect.type === "react" || effect.type === "close" || effect.type === "reopen" || effect.type === "set-milestone" || effect.type === "notify"
        ? [effect.type === "close" ? `close:${effect.reason}` : effect.type]
        : [],
    ),
  };
}

/** The property every decision must have: once applied, planning it again writes nothing. */
export function replayWrites(before: IssueSnapshot, decision: Decision) {
  const after = applyEffects(before, decision.effects);
  return planWrites(
    decision.effects.filter((effect) => effect.type !== "react" && effect.type !== "notify" && effect.type !== "set-milestone"),
    new Map([[after.number, after]]),
  );
}

/** Expected results are written in reading order; compare them sorted like `outcome`. */
export function sorted(expected: Partial<Result>): Partial<Result> {
  return {
    ...expected,
    ...(expected.labels && { labels: [...expected.labels].sort() }),
    ...(expected.assignees && { assignees: [...expected.assignees].sort() }),
  };
}
