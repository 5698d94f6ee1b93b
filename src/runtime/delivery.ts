//! Purpose: what every adapter hands the runtime (an HTTP delivery, a runner's event file, a queued job), and its ordering key.

/** A webhook delivery as GitHub sent it, whichever way it reached us. */
export interface Delivery {
  /** `X-GitHub-Delivery`, or a synthetic id (`action-<run id>`, `redelivery-…`). */
  id: string;
  /** The event name: "issues", "issue_comment", "pull_request", "milestone", "push", … */
  name: string;
  /** The payload as GitHub sent it (has `action`, `installation?`, `repository`). */
  payload: unknown;
}

interface Addressed {
  action?: unknown;
  installation?: { id?: unknown } | null;
  repository?: { full_name?: unknown } | null;
  issue?: { number?: unknown } | null;
  pull_request?: { number?: unknown } | null;
  projects_v2_item?: { content_node_id?: unknown } | null;
}

const addressed = (payload: unknown): Addressed => (typeof payload === "object" && payload !== null ? (payload as Addressed) : {});

/** The payload's `action`, if it has one. */
export function actionOf(delivery: Delivery): string | undefined {
  const action = addressed(delivery.payload).action;
  return typeof action === "string" ? action : undefined;
}

/** The installation the delivery came through (absent for a token run or a malformed payload). */
export function installationOf(delivery: Delivery): number | undefined {
  const id = addressed(delivery.payload).installation?.id;
  return typeof id === "number" ? id : undefined;
}

/**
 * The serialisation key of a delivery: `owner/name#number` for issue/PR events, else `owner/name`; a card's
 * moves (an organisation event, no repository) in order per card content; else null.
 */
export function orderingKey(delivery: Delivery): string | null {
  const payload = addressed(delivery.payload);
  const content = payload.projects_v2_item?.content_node_id;
  if (typeof content === "string") return `card:${content}`;
  const repo = payload.repository?.full_name;
  if (typeof repo !== "string") return null;
  const number = payload.issue?.number ?? payload.pull_request?.number;
  return typeof number === "number" ? `${repo}#${number}` : repo;
}
