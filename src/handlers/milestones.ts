//! Purpose: milestone.closed → every bug ready for release in it is closed as released (SPEC §2).
import { transition } from "../lifecycle/transition.js";
import { IdBook } from "../github/ids.js";
import { readMilestoneIssues } from "../github/read-issues.js";
import { repositoryPayload } from "../github/to-event.js";
import { z } from "zod";
import type { MilestoneClosedEvent } from "@octokit/webhooks-types";
import { documented, type Reads } from "../github/payload-types.js";
import type { EventDelivery } from "../runtime/event-delivery.js";
import { selfOf } from "../runtime/identity.js";
import type { Runtime } from "../runtime/runtime.js";
import { apply, clientFor } from "./shared.js";

const payloadSchema = z.object({
  action: z.literal("closed"),
  repository: repositoryPayload,
  milestone: z.object({ number: z.number(), title: z.string() }),
});
documented<Reads<typeof payloadSchema, MilestoneClosedEvent>>();

/** GitHub answers very large mutation documents with errors: release a big milestone in slices. */
const ISSUES_PER_REQUEST = 25;

export async function onMilestoneClosed(delivery: EventDelivery<"milestone">, runtime: Runtime): Promise<void> {
  const parsed = payloadSchema.safeParse(delivery.payload);
  if (!parsed.success) return;
  const { repository, milestone } = parsed.data;
  const repo = { owner: repository.owner.login, name: repository.name, nodeId: repository.node_id };
  const log = runtime.log.child({ delivery: delivery.id, repo: `${repo.owner}/${repo.name}`, milestone: milestone.number });
  const octokit = await clientFor(delivery, runtime);
  const loaded = await runtime.config(octokit, repo);
  if (!loaded.ok) {
    log.error({ errors: loaded.errors }, "invalid .github/bug-lifecycle.yml: no lifecycle action in this repository");
    return;
  }
  const config = loaded.config;
  const ids = new IdBook();
  ids.repositoryId = repo.nodeId;
  const issues = await readMilestoneIssues(octokit, repo, milestone.number, config.labels.readyForRelease, ids, { self: await selfOf(runtime) });
  for (let start = 0; start < issues.length; start += ISSUES_PER_REQUEST) {
    const slice = issues.slice(start, start + ISSUES_PER_REQUEST);
    const effects = slice.flatMap((issue) => transition(issue, { kind: "milestone-closed", milestone }, config, runtime.now()).effects);
    const decision = { event: "milestone.closed", issues: slice.map((issue) => issue.number) };
    await apply({ runtime, octokit, repo, ids, effects, snapshots: slice, dryRun: runtime.settings.dryRun || config.dryRun, log, delivery: delivery.id, config, decision });
  }
}
