//! Purpose: pull_request.opened/edited/closed → closing-keyword warning, merged fixes to QA, thanks (docs/contract.md §5).
import { decidePullRequest, pullRequestGate, pullRequestIntake, type PullRequestChange } from "../lifecycle/pull-request-intake.js";
import type { PullRequestSnapshot } from "../lifecycle/pull-requests.js";
import { IdBook } from "../github/ids.js";
import { isMaintainer } from "../github/permissions.js";
import { readIssue, readIssues } from "../github/read-issues.js";
import { isBotUser, repositoryPayload } from "../github/to-event.js";
import { z } from "zod";
import type { EventDelivery } from "../runtime/event-delivery.js";
import { documented, type Reads } from "../github/payload-types.js";
import type { PullRequestClosedEvent, PullRequestEditedEvent, PullRequestOpenedEvent } from "@octokit/webhooks-types";
import type { AppPort } from "../runtime/port.js";
import { apply } from "../write/apply.js";

const payloadSchema = z.object({
  action: z.string(),
  repository: repositoryPayload,
  pull_request: z.object({
    number: z.number(),
    node_id: z.string(),
    html_url: z.string(),
    body: z.string().nullable(),
    merged: z.boolean().nullish(),
    user: z.object({ login: z.string(), type: z.string().optional() }),
  }),
  changes: z.object({ body: z.unknown().optional() }).optional(),
});
// What zod reads is what GitHub documents for these actions (compile time; see payload-types.ts).
documented<Reads<typeof payloadSchema, PullRequestOpenedEvent | PullRequestEditedEvent | PullRequestClosedEvent>>();

export async function onPullRequest(delivery: EventDelivery<"pull_request">, port: AppPort): Promise<void> {
  const parsed = payloadSchema.safeParse(delivery.payload);
  if (!parsed.success) {
    port.log.warn({ delivery: delivery.id, event: "pull_request" }, `malformed payload: ${parsed.error.issues[0]?.message}`);
    return;
  }
  const { action, repository, pull_request: pr, changes } = parsed.data;
  const repo = { owner: repository.owner.login, name: repository.name, nodeId: repository.node_id };
  const change: PullRequestChange = {
    action,
    merged: pr.merged === true,
    bodyChanged: changes?.body !== undefined,
    number: pr.number,
    author: pr.user.login,
    authorIsBot: isBotUser(pr.user),
    body: pr.body ?? "",
  };
  const gate = pullRequestGate(change, repo);
  if (!gate.matters) return;
  const { refs } = gate;
  const log = port.log.child({ delivery: delivery.id, repo: `${repo.owner}/${repo.name}`, pull: pr.number });
  const octokit = await port.clientFor(delivery);
  const loaded = await port.config(octokit, repo, log, "no lifecycle action in this repository");
  // No reply: a pull request names no command; the config check run on the PR that broke the file shows why.
  if (!loaded.ok) return;
  const config = loaded.config;
  const intake = pullRequestIntake(change, repo, config);
  if (!intake.matters) return log.debug({ event: `pull_request.${action}`, rule: intake.rule }, "transition");
  const merged = gate.merged;

  const ids = new IdBook();
  ids.repositoryId = repo.nodeId;
  // The PR (its markers) and every bug it references over REST, concurrently: a GraphQL read would take a
  // paced slot (Probot paces GraphQL like a write) in front of the transition's one write. Only a bug this
  // merge may have closed (closed, referenced with a closing keyword) needs its last closer, which only
  // GraphQL has: one read for those, and none at all for the usual merge of open bugs.
  const numbers = [pr.number, ...refs.map((ref) => ref.number)];
  const own = { self: await port.self() };
  let snapshots = (await Promise.all(numbers.map((number) => readIssue(octokit, repo, number, ids, own)))).filter(
    (snapshot): snapshot is NonNullable<typeof snapshot> => snapshot !== null,
  );
  const closing = new Set(refs.filter((ref) => ref.closing).map((ref) => ref.number));
  const closedByUs = merged ? snapshots.filter((issue) => !issue.isPullRequest && !issue.open && closing.has(issue.number)) : [];
  if (closedByUs.length) {
    const closers = new Map((await readIssues(octokit, repo, closedByUs.map((issue) => issue.number), ids, own)).map((issue) => [issue.number, issue]));
    snapshots = snapshots.map((issue) => closers.get(issue.number) ?? issue);
  }
  const bugs = snapshots.filter((issue) => !issue.isPullRequest);
  const prMarkers = snapshots.find((issue) => issue.number === pr.number)?.markers ?? [];
  const snapshot: PullRequestSnapshot = {
    number: pr.number,
    url: pr.html_url,
    author: pr.user.login,
    body: pr.body ?? "",
    closing: refs.filter((ref) => ref.closing).map((ref) => ref.number),
    // Only read when a thank-you may be due; otherwise the field is not looked at.
    authorIsMaintainer: intake.needs.authorIsMaintainer ? await isMaintainer(octokit, repo.owner, repo.name, pr.user.login, port.caches.permissions) : true,
    markers: prMarkers,
  };
  const effects = decidePullRequest(change, repo, snapshot, bugs, config, port.now());
  const fields = { event: `pull_request.${action}`, refs: refs.map((ref) => ref.number) };
  await apply(port, { octokit, repo, ids, config, effects, snapshots, dryRun: port.dryRun, delivery: delivery.id, cards: { kind: "follow" }, log, line: { msg: "transition", fields }, now: port.now() });
}
