//! Purpose: fresh reads of issues (labels, assignees, the bot's markers, what a bot close saved) as core snapshots.
import type { ProbotOctokit } from "probot";
import { markersIn, restoreIn } from "../lifecycle/markers.js";
import type { IssueSnapshot } from "../lifecycle/types.js";
import { IdBook } from "./ids.js";
import { ISSUE_STATE, issuesByNumber, MILESTONE_ISSUES } from "./queries.js";

interface Author {
  login: string;
  __typename?: string;
}

export interface IssueNode {
  __typename?: string;
  id: string;
  number: number;
  title: string;
  url: string;
  closed: boolean;
  author: Author | null;
  labels: { nodes: { id: string; name: string }[] };
  assignees: { nodes: { id: string; login: string }[] };
  milestone: { number: number; title: string } | null;
  comments: { nodes: { body: string; author: Author | null }[] };
  timelineItems?: { nodes: ({ actor?: Author | null } | null)[] };
}

/** Snapshot of a node; `restore` only when the last close was made by the bot that saved it. */
export function fromNode(node: IssueNode, ids: IdBook): IssueSnapshot {
  ids.issues.set(node.number, node.id);
  for (const label of node.labels.nodes) ids.addLabel(label.name, label.id);
  for (const user of node.assignees.nodes) ids.addUser(user.login, user.id);
  const botComments = node.comments.nodes.filter((comment) => comment.author?.__typename === "Bot");
  const closer = node.timelineItems?.nodes.at(-1)?.actor ?? null;
  const saved = [...botComments].reverse().find((comment) => restoreIn(comment.body));
  const closedByThatBot = Boolean(saved && closer?.__typename === "Bot" && closer.login === saved.author?.login);
  return {
    number: node.number,
    title: node.title,
    url: node.url,
    isPullRequest: node.__typename === "PullRequest",
    open: !node.closed,
    author: node.author?.login ?? "ghost",
    labels: node.labels.nodes.map((label) => label.name),
    assignees: node.assignees.nodes.map((user) => user.login),
    milestone: node.milestone,
    markers: botComments.flatMap((comment) => markersIn(comment.body)),
    restore: closedByThatBot && saved ? restoreIn(saved.body) : null,
    closedBy: closer?.login ?? null,
  };
}

export async function readIssue(octokit: ProbotOctokit, nodeId: string, ids: IdBook): Promise<IssueSnapshot | null> {
  const data: { node: IssueNode | null } = await octokit.graphql(ISSUE_STATE, { id: nodeId });
  return data.node ? fromNode(data.node, ids) : null;
}

export async function readIssues(
  octokit: ProbotOctokit,
  repo: { owner: string; name: string },
  numbers: readonly number[],
  ids: IdBook,
): Promise<IssueSnapshot[]> {
  if (!numbers.length) return [];
  const data: { repository: Record<string, IssueNode | null> } = await octokit.graphql(issuesByNumber(numbers), {
    owner: repo.owner,
    name: repo.name,
  });
  return Object.values(data.repository)
    .filter((node): node is IssueNode => Boolean(node?.id))
    .map((node) => fromNode(node, ids));
}

export async function readMilestoneIssues(
  octokit: ProbotOctokit,
  repo: { owner: string; name: string },
  milestone: number,
  label: string,
  ids: IdBook,
): Promise<IssueSnapshot[]> {
  const issues: IssueSnapshot[] = [];
  let after: string | null = null;
  do {
    const data: {
      repository: { issues: { nodes: IssueNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    } = await octokit.graphql(MILESTONE_ISSUES, { owner: repo.owner, name: repo.name, milestone: String(milestone), labels: [label], after });
    const page = data.repository.issues;
    issues.push(...page.nodes.map((node) => fromNode({ ...node, __typename: "Issue" }, ids)));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return issues;
}
