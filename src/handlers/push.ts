//! Purpose: push → a change to the config file forgets the cached config at once (else it lives a minute).
import type { PushEvent } from "@octokit/webhooks-types";
import { z } from "zod";
import { CONFIG_FILE } from "../config/load.js";
import { documented, type Reads } from "../github/payload-types.js";
import type { EventDelivery } from "../runtime/event-delivery.js";
import type { AppPort } from "../runtime/port.js";

const files = z.array(z.string()).optional();
const payloadSchema = z.object({
  repository: z.object({ name: z.string(), full_name: z.string() }),
  commits: z.array(z.object({ added: files, modified: files, removed: files })).optional(),
});
documented<Reads<typeof payloadSchema, PushEvent>>();

export async function onPush(delivery: EventDelivery<"push">, port: AppPort): Promise<void> {
  const parsed = payloadSchema.safeParse(delivery.payload);
  if (!parsed.success) return;
  const { repository, commits } = parsed.data;
  const path = `.github/${CONFIG_FILE}`;
  const touched = (commits ?? []).some((commit) => [...(commit.added ?? []), ...(commit.modified ?? []), ...(commit.removed ?? [])].includes(path));
  if (!touched) return;
  // The org `.github` repository is every repository's fallback.
  port.configChanged(repository.name === ".github" ? undefined : repository.full_name);
}
