//! Purpose: the shared queue's exclusion key: the repository part of the runtime's ordering key.
import { orderingKey, type Delivery } from "../runtime/delivery.js";

export { orderingKey, type Delivery };

/**
 * The repository part of the ordering key. The shared queue serialises by repository rather than by issue:
 * the sweep's per-repository job and a push that changes the config then queue behind (and ahead of) the same
 * repository's webhooks, so one exclusion covers webhooks, config changes and sweeps alike.
 */
export function repositoryKey(delivery: Delivery): string | null {
  const key = orderingKey(delivery);
  return key === null ? null : key.replace(/#\d+$/, "");
}
