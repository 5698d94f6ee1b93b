//! Purpose: which work a runner's event asks for: a delivery to the handlers, a sweep, or nothing (said why).

export interface Delivery {
  id: string;
  name: string;
  payload: unknown;
}

export type Work =
  | { kind: "delivery"; delivery: Delivery }
  | { kind: "sweep" }
  | { kind: "ignored"; reason: string };

/**
 * The webhook each workflow event stands for. `pull_request_target` carries the `pull_request` payload and runs
 * in the base repository with a write token: the action only reads the payload, never the PR's code.
 */
const DELIVERED: Readonly<Record<string, string>> = {
  issues: "issues",
  issue_comment: "issue_comment",
  pull_request_target: "pull_request",
  pull_request: "pull_request",
  milestone: "milestone",
};

const SWEPT = new Set(["schedule", "workflow_dispatch"]);

export function workFor(eventName: string, payload: unknown, deliveryId: string): Work {
  if (SWEPT.has(eventName)) return { kind: "sweep" };
  const name = DELIVERED[eventName];
  if (!name) {
    return {
      kind: "ignored",
      reason: `bug-lifecycle does not handle the ${eventName} event (it handles ${[...Object.keys(DELIVERED), ...SWEPT].join(", ")})`,
    };
  }
  return { kind: "delivery", delivery: { id: deliveryId, name, payload } };
}
