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

/** Closed bugs by type without the `bug` label, by node id: GraphQL's published schema has no issue types. */
export const CLOSED_TYPED_BUGS = `query ClosedTypedBugs($ids: [ID!]!) {
  nodes(ids: $ids) { __typename ... on Issue { ${ISSUE_FIELDS} } }
}`;

interface RestClosed {
  number: number;
  node_id: string;
  pull_request?: unknown;
  labels: (string | { name?: string })[];
}

/**
 * docs/issue-types.md: the closed bugs of `config.bugType` updated since `since` that the labelled read does not
 * have, with their facts: one REST listing (`?type=&state=closed&since=`, the 50 latest like the labelled read)
 * and, when any is unlabelled, one GraphQL read of them all. Nothing when types are off.
 */
async function closedTypedBugs(input: Pick<ItemContext, "octokit" | "repo" | "config">, since: string): Promise<IssueNode[]> {
  const { octokit, repo, config } = input;
  if (!config.bugType) return [];
  const { data } = await octokit.rest.issues.listForRepo({ owner: repo.owner, repo: repo.name, type: config.bugType, state: "closed", since, sort: "updated", direction: "desc", per_page: 50 });
  const unlabelled = (data as RestClosed[]).filter((issue) => !issue.pull_request && !issue.labels.some((label) => (typeof label === "string" ? label : label.name) === config.labels.bug));
  if (!unlabelled.length) return [];
  const read: { nodes: (IssueNode | null)[] } = await octokit.graphql(CLOSED_TYPED_BUGS, { ids: unlabelled.map((issue) => issue.node_id) });
  return read.nodes.filter((node): node is IssueNode => Boolean(node?.id)).map((node) => ({ ...node, type: { name: config.bugType! } }));
}

/**
 * Bugs closed in the last week whose last close's `closer` is a merged pull request, reopened into awaiting QA
 * by the same core rule as the webhooks; one read per sweep (two more with `bugType`: bugs by type), one write per bug, within `budget` writes. One
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
  const typed = await closedTypedBugs(input, since);
  const repaired: number[] = [];
  let writes = 0;
  let errors = 0;
  for (const node of [...data.repository.issues.nodes, ...typed]) {
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
