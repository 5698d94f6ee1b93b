//! Purpose: pull_request.opened/edited/closed → closing-keyword warning, merged fixes to QA, thanks (SPEC §5).
import { onPullRequestChanged, onPullRequestMerged, referencesIn, type PullRequestSnapshot } from "../lifecycle/pull-requests.js";
import { IdBook } from "../github/ids.js";
import { isMaintainer } from "../github/permissions.js";
import { readIssue, readIssues } from "../github/read-issues.js";
import { isBotUser, repositoryPayload } from "../github/to-event.js";
import { z } from "zod";
import type { Delivery } from "../runtime/delivery.js";
import type { Runtime } from "../runtime/runtime.js";
import { apply, clientFor } from "./shared.js";

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

export async function onPullRequest(delivery: Delivery, runtime: Runtime): Promise<void> {
  const parsed = payloadSchema.safeParse(delivery.payload);
  if (!parsed.success) {
    runtime.log.warn({ delivery: delivery.id, event: "pull_request" }, `malformed payload: ${parsed.error.issues[0]?.message}`);
    return;
  }
  const { action, repository, pull_request: pr, changes } = parsed.data;
  const merged = action === "closed" && pr.merged === true;
  const changed = action === "opened" || (action === "edited" && changes?.body !== undefined);
  if ((!merged && !changed) || isBotUser(pr.user)) return;

  const repo = { owner: repository.owner.login, name: repository.name, nodeId: repository.node_id };
  const refs = referencesIn(pr.body ?? "", repo).filter((ref) => ref.number !== pr.number && (merged || ref.closing));
  if (!refs.length && !merged) return;
  const log = runtime.log.child({ delivery: delivery.id, repo: `${repo.owner}/${repo.name}`, pull: pr.number });
  const octokit = await clientFor(delivery, runtime);
  const loaded = await runtime.config(octokit, repo);
  if (!loaded.ok) {
    log.error({ errors: loaded.errors }, "invalid .github/bug-lifecycle.yml: no lifecycle action in this repository");
    return;
  }
  const config = loaded.config;
  if (!merged && !config.pullRequests.warnClosingKeywords) return;
  if (merged && !refs.length && !config.pullRequests.thankOnMerge) return;

  const ids = new IdBook();
  ids.repositoryId = repo.nodeId;
  // The PR (its markers) and every bug it references over REST, concurrently: a GraphQL read would take a
  // paced slot (Probot paces GraphQL like a write) in front of the transition's one write. Only a bug this
  // merge may have closed (closed, referenced with a closing keyword) needs its last closer, which only
  // GraphQL has: one read for those, and none at all for the usual merge of open bugs.
  const numbers = [pr.number, ...refs.map((ref) => ref.number)];
  let snapshots = (await Promise.all(numbers.map((number) => readIssue(octokit, repo, number, ids)))).filter(
    (snapshot): snapshot is NonNullable<typeof snapshot> => snapshot !== null,
  );
  const closing = new Set(refs.filter((ref) => ref.closing).map((ref) => ref.number));
  const closedByUs = merged ? snapshots.filter((issue) => !issue.isPullRequest && !issue.open && closing.has(issue.number)) : [];
  if (closedByUs.length) {
    const closers = new Map((await readIssues(octokit, repo, closedByUs.map((issue) => issue.number), ids)).map((issue) => [issue.number, issue]));
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
    authorIsMaintainer: merged ? await isMaintainer(octokit, repo.owner, repo.name, pr.user.login, runtime.caches.permissions) : true,
    markers: prMarkers,
  };
  const effects = merged ? onPullRequestMerged(snapshot, bugs, config, runtime.now()) : onPullRequestChanged(snapshot, bugs, config);
  const decision = { event: `pull_request.${action}`, refs: refs.map((ref) => ref.number) };
  await apply({ runtime, octokit, repo, ids, effects, snapshots, dryRun: runtime.settings.dryRun || config.dryRun, log, delivery: delivery.id, config, decision });
}
