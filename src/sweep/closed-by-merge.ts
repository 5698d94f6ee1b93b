//! Purpose: the sweep's repair of "Fixes #N" merged while a webhook was missed: closed bugs whose close was a merge.
import { ISSUE_FIELDS } from "../github/queries.js";
import { fromNode, type IssueNode } from "../github/read-issues.js";
import { transition } from "../lifecycle/transition.js";
import { apply } from "../write/apply.js";
import { WriteFailed } from "../write/failure.js";
import type { ItemContext } from "./sweep-item.js";

/** How far back a missed close is repaired: GitHub redelivers for 3 days; a week covers a long weekend's outage. */
const LOOKBACK_DAYS = 7;

export const CLOSED_BUGS = `query ClosedBugs($owner: String!, $name: String!, $bug: String!, $since: DateTime!) {
  repository(owner: $owner, name: $name) {
    issues(first: 50, states: [CLOSED], labels: [$bug], filterBy: { since: $since }, orderBy: { field: UPDATED_AT, direction: DESC }) {
      nodes { ${ISSUE_FIELDS} }
    }
  }
}`;

/**
 * Bugs closed in the last week whose last close's `closer` is a merged pull request, reopened into awaiting QA
 * by the same core rule as the webhooks; one read per sweep, one write per bug, within `budget` writes. One
 * bug's failed write (logged by the write path) does not stop the others. Returns the writes made.
 */
export async function repairClosedByMerge(input: Omit<ItemContext, "check" | "board"> & { budget: number }): Promise<{ writes: number; repaired: number[]; errors: number }> {
  const { octokit, repo, config } = input;
  if (!config.pullRequests.reopenClosedByMerge || input.budget <= 0) return { writes: 0, repaired: [], errors: 0 };
  const since = new Date(input.now.getTime() - LOOKBACK_DAYS * 24 * 60 * 60_000).toISOString();
  const data: { repository: { issues: { nodes: IssueNode[] } } } = await octokit.graphql(CLOSED_BUGS, {
    owner: repo.owner,
    name: repo.name,
    bug: config.labels.bug,
    since,
  });
  const repaired: number[] = [];
  let writes = 0;
  let errors = 0;
  for (const node of data.repository.issues.nodes) {
    if (writes >= input.budget) break;
    const issue = fromNode({ ...node, __typename: "Issue" }, input.ids, { self: input.self });
    if (!issue.closedByMerge) continue;
    const decision = transition(issue, { kind: "closed-by-merge", pr: issue.closedByMerge }, config, input.now);
    const fields = { repo: `${repo.owner}/${repo.name}`, issue: issue.number, rules: [decision.rule] };
    const change = { octokit, repo: { ...repo, nodeId: input.repositoryId }, ids: input.ids, config, effects: decision.effects, snapshots: [issue], dryRun: input.dryRun, delivery: `sweep:${input.runId}`, log: input.log, line: { msg: "sweep decision", fields }, now: input.now };
    try {
      const applied = await apply(input.port, change);
      if (!applied.records.length) continue;
      writes++;
      if (applied.records.some((record) => record.result === "ok" || record.result === "dry-run")) repaired.push(issue.number);
    } catch (error) {
      if (!(error instanceof WriteFailed)) throw error;
      writes++;
      errors++;
      if (error.records.some((record) => record.result === "ok")) repaired.push(issue.number);
    }
  }
  return { writes, repaired, errors };
}
