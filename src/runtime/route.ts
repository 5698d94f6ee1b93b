//! Purpose: which handlers a delivery concerns, each run once per delivery id; a failure is logged, forgotten and thrown.
import { checkConfigChange } from "../checks/config-check.js";
import { issueEventMatters, onIssueEvent } from "../handlers/issue-events.js";
import { onMilestoneClosed } from "../handlers/milestones.js";
import { onPullRequest } from "../handlers/pull-requests.js";
import { onProjectItem } from "../handlers/project-items.js";
import { onPush } from "../handlers/push.js";
import type { EventPayloadMap } from "@octokit/webhooks-types";
import { onTimer, TIMER_EVENT } from "../handlers/timers.js";
import { actionOf, type Delivery } from "./delivery.js";
import type { EventDelivery } from "./event-delivery.js";
import type { Runtime } from "./runtime.js";

interface Route {
  name: string;
  /** `event` or `event.action`. */
  events: readonly string[];
  run: (delivery: Delivery, runtime: Runtime) => Promise<unknown>;
  /** The handler's own first check on the payload alone, asked before queueing: false, and nothing is queued for it. */
  matters?: (delivery: Delivery) => boolean;
}

/**
 * A route whose handler takes its events' payload types: `handleDelivery` runs it only for a delivery whose
 * name is among `events`, which is what makes the one cast below true.
 */
function route<Name extends keyof EventPayloadMap>(
  name: string,
  events: readonly (Name | `${Name}.${string}`)[],
  run: (delivery: EventDelivery<Name>, runtime: Runtime) => Promise<unknown>,
  matters?: (delivery: EventDelivery<Name>) => boolean,
): Route {
  return {
    name,
    events,
    run: (delivery, runtime) => run(delivery as EventDelivery<Name>, runtime),
    ...(matters && { matters: (delivery: Delivery) => matters(delivery as EventDelivery<Name>) }),
  };
}

export const ROUTES: readonly Route[] = [
  route("issues", ["issues.opened", "issues.reopened", "issues.closed", "issues.labeled", "issues.unlabeled", "issue_comment.created", "issue_comment.edited"], onIssueEvent, issueEventMatters),
  route("pull-requests", ["pull_request.opened", "pull_request.edited", "pull_request.closed"], onPullRequest),
  route("milestones", ["milestone.closed"], onMilestoneClosed),
  route("config-check", ["pull_request.opened", "pull_request.synchronize", "pull_request.reopened"], checkConfigChange),
  route("push", ["push"], onPush),
  // The bugs board (`board:`): a person moved a card. Other item actions (created, reordered…) change no bug.
  route("project-items", ["projects_v2_item.edited"], onProjectItem),
  // The bot's own delayed jobs (the work queue's `later`), never a webhook: see the server adapter.
  { name: "timers", events: [TIMER_EVENT], run: onTimer },
];

/** The routes a delivery concerns, by its event and `event.action`. */
function routesOf(delivery: Delivery): Route[] {
  const action = actionOf(delivery);
  const names = [delivery.name, action ? `${delivery.name}.${action}` : null];
  return ROUTES.filter((route) => route.events.some((event) => names.includes(event)));
}

/**
 * Whether any handler would act on this delivery. GitHub sends the app events no route concerns
 * (`issues.assigned`, the echo of the bot's own assignment; `issues.edited`…) and, as often, the echoes of the
 * bot's own labels and comments, which the core's gate drops: the server answers those at once and never
 * queues them, which spares a queue job (and, with replicas, its Redis round trips) for nothing.
 */
export function concerns(delivery: Delivery): boolean {
  return routesOf(delivery).some((route) => !route.matters || route.matters(delivery));
}

export async function handleDelivery(delivery: Delivery, runtime: Runtime): Promise<void> {
  const routes = routesOf(delivery);
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
