//! Purpose: pull_request.opened/edited/closed → closing-keyword warning, merged fixes to QA, thanks (SPEC §5).
import type { Context } from "probot";
import { onPullRequestChanged, onPullRequestMerged, referencesIn, type PullRequestSnapshot } from "../lifecycle/pull-requests.js";
import { IdBook } from "../github/ids.js";
import { isMaintainer } from "../github/permissions.js";
import { readIssue } from "../github/read-issues.js";
import { isBotUser, repositoryPayload } from "../github/to-event.js";
import { z } from "zod";
import { apply, configOf, type Deps } from "./shared.js";

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

export async function onPullRequest(context: Context<"pull_request">, deps: Deps): Promise<void> {
  const parsed = payloadSchema.safeParse(context.payload);
  if (!parsed.success) {
    context.log.warn({ delivery: context.id, event: "pull_request" }, `malformed payload: ${parsed.error.issues[0]?.message}`);
    return;
  }
  const { action, repository, pull_request: pr, changes } = parsed.data;
  const merged = action === "closed" && pr.merged === true;
  const changed = action === "opened" || (action === "edited" && changes?.body !== undefined);
  if ((!merged && !changed) || isBotUser(pr.user)) return;

  const repo = { owner: repository.owner.login, name: repository.name, nodeId: repository.node_id };
  const refs = referencesIn(pr.body ?? "", repo).filter((ref) => ref.number !== pr.number && (merged || ref.closing));
  if (!refs.length && !merged) return;
  const log = context.log.child({ delivery: context.id, repo: `${repo.owner}/${repo.name}`, pull: pr.number });
  const loaded = await configOf(context, repo);
  if (!loaded.ok) {
    log.error({ errors: loaded.errors }, "invalid .github/bug-lifecycle.yml: no lifecycle action in this repository");
    return;
  }
  const config = loaded.config;
  if (!merged && !config.pullRequests.warnClosingKeywords) return;
  if (merged && !refs.length && !config.pullRequests.thankOnMerge) return;

  const octokit = await deps.octokitFor(context);
  const ids = new IdBook();
  ids.repositoryId = repo.nodeId;
  // The PR (its markers) and every bug it references over REST, concurrently: a GraphQL read would take a
  // paced slot (Probot paces GraphQL like a write) in front of the transition's one write.
  const numbers = [pr.number, ...refs.map((ref) => ref.number)];
  const snapshots = (await Promise.all(numbers.map((number) => readIssue(octokit, repo, number, ids)))).filter(
    (snapshot): snapshot is NonNullable<typeof snapshot> => snapshot !== null,
  );
  const bugs = snapshots.filter((issue) => !issue.isPullRequest);
  const prMarkers = snapshots.find((issue) => issue.number === pr.number)?.markers ?? [];
  const snapshot: PullRequestSnapshot = {
    number: pr.number,
    url: pr.html_url,
    author: pr.user.login,
    body: pr.body ?? "",
    authorIsMaintainer: merged ? await isMaintainer(octokit, repo.owner, repo.name, pr.user.login) : true,
    markers: prMarkers,
  };
  const effects = merged ? onPullRequestMerged(snapshot, bugs, config, deps.now()) : onPullRequestChanged(snapshot, bugs, config);
  const decision = { event: `pull_request.${action}`, refs: refs.map((ref) => ref.number) };
  await apply({ octokit, repo, ids, effects, snapshots, dryRun: deps.dryRun || config.dryRun, log, delivery: context.id, deps, config, decision });
}
