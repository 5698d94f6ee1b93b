//! Purpose: push → a change to the config file forgets the cached config at once (else it lives a minute).
import type { PushEvent } from "@octokit/webhooks-types";
import { CONFIG_FILE } from "../config/load.js";
import type { Delivery } from "../runtime/delivery.js";
import type { Runtime } from "../runtime/runtime.js";

export async function onPush(delivery: Delivery, runtime: Runtime): Promise<void> {
  const payload = delivery.payload as PushEvent;
  const path = `.github/${CONFIG_FILE}`;
  const touched = (payload.commits ?? []).some((commit) => [...(commit.added ?? []), ...(commit.modified ?? []), ...(commit.removed ?? [])].includes(path));
  if (!touched || !payload.repository) return;
  // The org `.github` repository is every repository's fallback.
  runtime.configChanged(payload.repository.name === ".github" ? undefined : payload.repository.full_name);
}
