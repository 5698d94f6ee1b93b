//! Purpose: milestone.closed → every bug ready for release in it is closed as released (docs/contract.md §2).
import { transition } from "../lifecycle/transition.js";
import { IdBook } from "../github/ids.js";
import { readMilestoneIssues } from "../github/read-issues.js";
import { repositoryPayload } from "../github/to-event.js";
import { z } from "zod";
import type { MilestoneClosedEvent } from "@octokit/webhooks-types";
import { documented, type Reads } from "../github/payload-types.js";
import type { EventDelivery } from "../runtime/event-delivery.js";
import type { AppPort } from "../runtime/port.js";
import { apply } from "../write/apply.js";

const payloadSchema = z.object({
  action: z.literal("closed"),
  repository: repositoryPayload,
  milestone: z.object({ number: z.number(), title: z.string() }),
});
documented<Reads<typeof payloadSchema, MilestoneClosedEvent>>();

/** GitHub answers very large mutation documents with errors: release a big milestone in slices. */
const ISSUES_PER_REQUEST = 25;

export async function onMilestoneClosed(delivery: EventDelivery<"milestone">, port: AppPort): Promise<void> {
  const parsed = payloadSchema.safeParse(delivery.payload);
  if (!parsed.success) return;
  const { repository, milestone } = parsed.data;
  const repo = { owner: repository.owner.login, name: repository.name, nodeId: repository.node_id };
  const log = port.log.child({ delivery: delivery.id, repo: `${repo.owner}/${repo.name}`, milestone: milestone.number });
  const octokit = await port.clientFor(delivery);
  const loaded = await port.config(octokit, repo, log, "no lifecycle action in this repository");
  if (!loaded.ok) return;
  const config = loaded.config;
  const ids = new IdBook();
  ids.repositoryId = repo.nodeId;
  const issues = await readMilestoneIssues(octokit, repo, milestone.number, config.labels.readyForRelease, ids, { self: await port.self(), bugType: config.bugType });
  for (let start = 0; start < issues.length; start += ISSUES_PER_REQUEST) {
    const slice = issues.slice(start, start + ISSUES_PER_REQUEST);
    const effects = slice.flatMap((issue) => transition(issue, { kind: "milestone-closed", milestone }, config, port.now()).effects);
    const fields = { event: "milestone.closed", issues: slice.map((issue) => issue.number) };
    await apply(port, { octokit, repo, ids, config, effects, snapshots: slice, dryRun: port.dryRun, delivery: delivery.id, cards: { kind: "follow" }, log, line: { msg: "transition", fields }, now: port.now() });
  }
}
