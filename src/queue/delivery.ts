//! Purpose: what the work queue carries (a webhook delivery) and the key that serialises it.

/** What every adapter hands the handlers: an HTTP delivery or a queued job (the runtime contract's shape). */
export interface Delivery {
  /** X-GitHub-Delivery: the fleet-wide de-duplication key. */
  id: string;
  name: string;
  payload: unknown;
}

/** `owner/name#number` for issue and pull request events, else `owner/name`, else null (the contract's ordering key). */
export function orderingKey(delivery: Delivery): string | null {
  const payload = delivery.payload as {
    repository?: { full_name?: string };
    issue?: { number?: number };
    pull_request?: { number?: number };
  } | null;
  const repo = payload?.repository?.full_name;
  if (!repo) return null;
  const number = payload?.issue?.number ?? payload?.pull_request?.number;
  return number === undefined ? repo : `${repo}#${number}`;
}

/**
 * The repository part of the ordering key. The shared queue serialises by repository rather than by issue:
 * the sweep's per-repository job and a push that changes the config then queue behind (and ahead of) the same
 * repository's webhooks, so one exclusion covers webhooks, config changes and sweeps alike.
 */
export function repositoryKey(delivery: Delivery): string | null {
  const key = orderingKey(delivery);
  return key === null ? null : key.replace(/#\d+$/, "");
}
