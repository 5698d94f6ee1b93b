//! Purpose: which handlers a delivery concerns, each run once per delivery id; a failure is logged, forgotten and thrown.
import { checkConfigChange } from "../checks/config-check.js";
import { onIssueEvent } from "../handlers/issue-events.js";
import { onMilestoneClosed } from "../handlers/milestones.js";
import { onPullRequest } from "../handlers/pull-requests.js";
import { onPush } from "../handlers/push.js";
import { onTimer, TIMER_EVENT } from "../handlers/timers.js";
import { actionOf, type Delivery } from "./delivery.js";
import type { Runtime } from "./runtime.js";

interface Route {
  name: string;
  /** `event` or `event.action`. */
  events: readonly string[];
  run: (delivery: Delivery, runtime: Runtime) => Promise<unknown>;
}

export const ROUTES: readonly Route[] = [
  { name: "issues", events: ["issues.opened", "issues.reopened", "issues.closed", "issues.labeled", "issues.unlabeled", "issue_comment.created", "issue_comment.edited"], run: onIssueEvent },
  { name: "pull-requests", events: ["pull_request.opened", "pull_request.edited", "pull_request.closed"], run: onPullRequest },
  { name: "milestones", events: ["milestone.closed"], run: onMilestoneClosed },
  { name: "config-check", events: ["pull_request.opened", "pull_request.synchronize", "pull_request.reopened"], run: checkConfigChange },
  { name: "push", events: ["push"], run: onPush },
  // The bot's own delayed jobs (the work queue's `later`), never a webhook: see the server adapter.
  { name: "timers", events: [TIMER_EVENT], run: onTimer },
];

export async function handleDelivery(delivery: Delivery, runtime: Runtime): Promise<void> {
  const action = actionOf(delivery);
  const names = [delivery.name, action ? `${delivery.name}.${action}` : null];
  const routes = ROUTES.filter((route) => route.events.some((event) => names.includes(event)));
  const results = await Promise.allSettled(routes.map((route) => once(route, delivery, runtime)));
  const errors = results.flatMap((result) => (result.status === "rejected" ? [result.reason as unknown] : []));
  if (errors.length === 1) throw errors[0];
  if (errors.length) throw new AggregateError(errors, `${errors.length} handlers failed for delivery ${delivery.id}`);
}

async function once(route: Route, delivery: Delivery, runtime: Runtime): Promise<void> {
  // One event can reach two handlers (a PR opened: rules and config check): dedupe per handler.
  const key = `${delivery.id}:${route.name}`;
  const seen = runtime.caches.deliveries;
  if (seen.get(key)) return;
  seen.set(key, true);
  try {
    await route.run(delivery, runtime);
  } catch (error) {
    // A redelivery of this id must be able to try again.
    seen.delete(key);
    runtime.log.error({ delivery: delivery.id, event: delivery.name, err: error }, "handler failed");
    throw error;
  }
}
