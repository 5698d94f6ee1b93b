//! Purpose: which work a runner's event asks for: a delivery to the runtime's handlers, a sweep, or nothing (said why).
import { actionOf, type Delivery } from "../runtime/delivery.js";
import { isHandled } from "../runtime/routes.js";

export type RunnerWork =
  | { kind: "delivery"; delivery: Delivery }
  | { kind: "sweep" }
  | { kind: "ignored"; reason: string };

/** Timers and repairs have no webhook: a scheduled or hand-started run is a sweep. */
const SWEPT = new Set(["schedule", "workflow_dispatch"]);

/**
 * A workflow event as the webhook it stands for. `pull_request_target` carries the `pull_request` payload and
 * runs in the base repository with a write token: the action only reads that payload, never the PR's code.
 */
function webhookName(eventName: string): string {
  return eventName === "pull_request_target" ? "pull_request" : eventName;
}

export function workFor(eventName: string, payload: unknown, deliveryId: string): RunnerWork {
  if (SWEPT.has(eventName)) return { kind: "sweep" };
  const delivery: Delivery = { id: deliveryId, name: webhookName(eventName), payload };
  const action = actionOf(delivery);
  // The runtime's routing table is the one list of what the bot handles; the action only names what is not in it.
  if (!isHandled(delivery)) {
    const what = action ? `${eventName} (${action})` : eventName;
    return { kind: "ignored", reason: `bug-lifecycle does not handle the ${what} event` };
  }
  return { kind: "delivery", delivery };
}
