//! Purpose: the route table: which handler runs for which event. Built here, in the composition root's reach, so no handler imports the runtime.
import { checkConfigChange } from "../checks/config-check.js";
import { issueEventMatters, onIssueEvent } from "../handlers/issue-events.js";
import { onMilestoneClosed } from "../handlers/milestones.js";
import { onProjectItem } from "../handlers/project-items.js";
import { onPullRequest } from "../handlers/pull-requests.js";
import { onPush } from "../handlers/push.js";
import { onTimer, TIMER_EVENT } from "../handlers/timers.js";
import type { Delivery } from "./delivery.js";
import { concerns, route, routesOf, type Route } from "./route.js";

export const ROUTES: readonly Route[] = [
  route("issues", ["issues.opened", "issues.reopened", "issues.closed", "issues.labeled", "issues.unlabeled", "issues.typed", "issues.untyped", "issue_comment.created", "issue_comment.edited"], onIssueEvent, issueEventMatters),
  route("pull-requests", ["pull_request.opened", "pull_request.edited", "pull_request.closed"], onPullRequest),
  route("milestones", ["milestone.closed"], onMilestoneClosed),
  route("config-check", ["pull_request.opened", "pull_request.synchronize", "pull_request.reopened"], checkConfigChange),
  route("push", ["push"], onPush),
  // The bugs board (`board:`): a person moved a card. Other item actions (created, reordered…) change no bug.
  route("project-items", ["projects_v2_item.edited"], onProjectItem),
  // The bot's own delayed jobs (the work queue's `later`), never a webhook: see the server adapter.
  { name: "timers", events: [TIMER_EVENT], run: onTimer },
];

/** Whether some handler runs on this event at all (the Action says which events it ignores). */
export function isHandled(delivery: Delivery): boolean {
  return routesOf(ROUTES, delivery).length > 0;
}

/** Whether a handler would act on this delivery (the server answers the rest at once and never queues them). */
export function concernsApp(delivery: Delivery): boolean {
  return concerns(ROUTES, delivery);
}
