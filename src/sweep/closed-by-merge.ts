//! Purpose: the sweep's repair of "Fixes #N" merged while a webhook was missed: closed bugs whose close was a merge.
import type { Logger, ProbotOctokit } from "probot";
import { brief, execute } from "../github/execute.js";
import type { IdBook } from "../github/ids.js";
import type { TtlCache } from "../github/ttl-cache.js";
import { ISSUE_FIELDS } from "../github/queries.js";
import { fromNode, type IssueNode } from "../github/read-issues.js";
import type { Config } from "../lifecycle/config.js";
import { planWrites } from "../lifecycle/plan.js";
import { transition } from "../lifecycle/transition.js";

/** How far back a missed close is repaired: GitHub redelivers for 3 days; a week covers a long weekend's outage. */
const LOOKBACK_DAYS = 7;

export const CLOSED_BUGS = `query ClosedBugs($owner: String!, $name: String!, $bug: String!, $since: DateTime!) {
  repository(owner: $owner, name: $name) {
    issues(first: 50, states: [CLOSED], labels: [$bug], filterBy: { since: $since }, orderBy: { field: UPDATED_AT, direction: DESC }) {
      nodes { ${ISSUE_FIELDS} }
    }
  }
}`;

export interface ClosedByMergeInput {
  octokit: ProbotOctokit;
  repo: { owner: string; name: string; nodeId: string };
  ids: IdBook;
  config: Config;
  now: Date;
  dryRun: boolean;
  log: Logger;
  delivery: string;
  /** Writes left in the run's budget. */
  budget: number;
  /** The runtime's directory cache (label and user ids). */
  directoryCache: TtlCache<string, IdBook>;
  /** A personal token's login: its comments are the bot's (markers, what a bot close saved). */
  self?: string | undefined;
}

/**
 * Bugs closed in the last week whose last close's `closer` is a merged pull request, reopened into awaiting QA
 * by the same core rule as the webhooks; one read per sweep, one write per bug. Returns the writes made.
 */
export async function repairClosedByMerge(input: ClosedByMergeInput): Promise<{ writes: number; repaired: number[] }> {
  const { octokit, repo, config } = input;
  if (!config.pullRequests.reopenClosedByMerge || input.budget <= 0) return { writes: 0, repaired: [] };
  const since = new Date(input.now.getTime() - LOOKBACK_DAYS * 24 * 60 * 60_000).toISOString();
  const data: { repository: { issues: { nodes: IssueNode[] } } } = await octokit.graphql(CLOSED_BUGS, {
    owner: repo.owner,
    name: repo.name,
    bug: config.labels.bug,
    since,
  });
  const repaired: number[] = [];
  let writes = 0;
  for (const node of data.repository.issues.nodes) {
    if (writes >= input.budget) break;
    const issue = fromNode({ ...node, __typename: "Issue" }, input.ids, { self: input.self });
    if (!issue.closedByMerge) continue;
    const decision = transition(issue, { kind: "closed-by-merge", pr: issue.closedByMerge }, config, input.now);
    const planned = planWrites(decision.effects, new Map([[issue.number, issue]]));
    if (!planned.length) continue;
    const records = await execute(planned, { ...input, repo, dryRun: input.dryRun || config.dryRun });
    input.log.info({ repo: `${repo.owner}/${repo.name}`, issue: issue.number, rules: [decision.rule], writes: brief(records) }, "sweep decision");
    writes++;
    if (records.some((record) => record.result === "ok" || record.result === "dry-run")) repaired.push(issue.number);
  }
  return { writes, repaired };
}
