//! Purpose: fresh reads of issues (labels, assignees, the bot's markers, what a bot close saved) as core snapshots.
import { isOwnAuthor } from "./own-author.js";
import { itemFields, loginOf, type ActorNode, type FactOptions } from "./facts.js";
import type { ProbotOctokit } from "probot";
import { markersIn, restoreIn } from "../lifecycle/markers.js";
import { statusIntact } from "../lifecycle/status-comment.js";
import { recordIn, STATUS_KEY } from "../lifecycle/status-record.js";
import type { IssueSnapshot } from "../lifecycle/types.js";
import { IdBook } from "./ids.js";
import { issuesByNumber, MILESTONE_ISSUES } from "./queries.js";

type Author = ActorNode;

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
  /** REST reads only (GraphQL's published schema has no issue types): the issue type. */
  type?: { name: string } | null;
  /** `id`: the comment's node id (REST reads have it), which the status comment is edited by. */
  comments: { nodes: { body: string; author: Author | null; id?: string }[] };
  timelineItems?: { nodes: ({ actor?: Author | null } | null)[] };
  /** The last close's closer: a merged pull request when its closing keyword closed the issue. */
  lastClose?: { nodes: ({ closer?: { __typename: string; number?: number; url?: string; merged?: boolean; author?: Author | null } | null } | null)[] };
}

/**
 * Snapshot of a node; `restore` only when the last close was made by the bot that saved it. The bot's
 * comments (markers) are any app's and `options.self`'s, as in the sweep (src/github/facts.ts).
 */
export function fromNode(node: IssueNode, ids: IdBook, options: FactOptions = {}): IssueSnapshot {
  ids.issues.set(node.number, node.id);
  for (const label of node.labels.nodes) ids.addLabel(label.name, label.id);
  for (const user of node.assignees.nodes) ids.addUser(user.login, user.id);
  const botComments = node.comments.nodes.filter((comment) => isOwnAuthor(comment.author, options.self));
  const closer = node.timelineItems?.nodes.at(-1)?.actor ?? null;
  const saved = [...botComments].reverse().find((comment) => restoreIn(comment.body));
  // The closer and the comment are read in the same spelling (both GraphQL or both REST), so their raw logins compare.
  const closedByThatBot = Boolean(saved && isOwnAuthor(closer, options.self) && closer?.login === saved.author?.login);
  const fields = itemFields(node);
  return {
    number: node.number,
    title: node.title,
    url: node.url,
    isPullRequest: node.__typename === "PullRequest",
    open: !node.closed,
    author: fields.author,
    labels: fields.labels,
    ...(node.type !== undefined && { type: node.type?.name ?? null }),
    assignees: fields.assignees,
    milestone: node.milestone,
    markers: botComments.flatMap((comment) => markersIn(comment.body)),
    status: statusOf(botComments),
    restore: closedByThatBot && saved ? restoreIn(saved.body) : null,
    closedBy: loginOf(closer),
    ...(node.lastClose && { closedByMerge: mergeCloser(node) }),
  };
}

/** The bot's status comment (the first, should a race have made two) and its record; a damaged record is empty. */
function statusOf(comments: readonly { body: string; id?: string }[]): IssueSnapshot["status"] {
  const comment = comments.find((c) => markersIn(c.body).includes(STATUS_KEY));
  if (!comment) return null;
  const record = recordIn(comment.body);
  return { entries: record?.entries ?? [], ...(comment.id && { comment: { nodeId: comment.id, body: comment.body, intact: statusIntact(comment.body) } }) };
}

function mergeCloser(node: IssueNode): IssueSnapshot["closedByMerge"] {
  const closer = node.lastClose?.nodes.at(-1)?.closer;
  if (node.closed === false || closer?.__typename !== "PullRequest" || !closer.merged || !closer.number) return null;
  return { number: closer.number, url: closer.url ?? "", author: loginOf(closer.author) ?? "ghost" };
}

/**
 * Fresh state of one issue over REST: the issue (labels, assignees, `closed_by`) and its latest comments
 * (the bot's markers). REST reads, unlike any GraphQL request, are not paced like writes by Probot's
 * throttling, so this costs no queue slot in front of the transition's one write.
 */
export async function readIssue(
  octokit: ProbotOctokit,
  repo: { owner: string; name: string },
  number: number,
  ids: IdBook,
  options: FactOptions = {},
): Promise<IssueSnapshot | null> {
  const params = { owner: repo.owner, repo: repo.name, issue_number: number };
  let data: RestIssue;
  try {
    data = (await octokit.rest.issues.get(params)).data as RestIssue;
  } catch (error) {
    if ((error as { status?: number }).status === 404 || (error as { status?: number }).status === 410) return null;
    throw error;
  }
  // The latest 100 comments: the last page, and the one before it when the last is short. None on a new issue.
  const last = Math.ceil(data.comments / 100);
  const pages = last > 1 && data.comments % 100 !== 0 ? [last - 1, last] : last ? [last] : [];
  const comments = (
    await Promise.all(pages.map((page) => octokit.rest.issues.listComments({ ...params, per_page: 100, page })))
  ).flatMap((response) => response.data as RestComment[]).slice(-100);
  return fromNode(
    {
      __typename: data.pull_request ? "PullRequest" : "Issue",
      id: data.node_id,
      number: data.number,
      title: data.title,
      url: data.html_url,
      closed: data.state === "closed",
      author: data.user ? { login: data.user.login, __typename: data.user.type } : null,
      labels: { nodes: data.labels.map((label) => (typeof label === "string" ? { id: "", name: label } : { id: label.node_id ?? "", name: label.name ?? "" })) },
      assignees: { nodes: (data.assignees ?? []).map((user) => ({ id: user.node_id, login: user.login })) },
      milestone: data.milestone ? { number: data.milestone.number, title: data.milestone.title } : null,
      type: data.type ?? null,
      comments: { nodes: comments.map((c) => ({ body: c.body ?? "", id: c.node_id, author: c.user ? { login: c.user.login, __typename: c.user.type } : null })) },
      timelineItems: { nodes: data.closed_by ? [{ actor: { login: data.closed_by.login, __typename: data.closed_by.type } }] : [] },
    },
    ids,
    options,
  );
}

interface RestUser {
  login: string;
  type: string;
  node_id: string;
}

interface RestIssue {
  number: number;
  node_id: string;
  title: string;
  html_url: string;
  state: string;
  comments: number;
  user: RestUser | null;
  labels: (string | { name?: string; node_id?: string })[];
  assignees?: RestUser[] | null;
  milestone: { number: number; title: string } | null;
  type?: { name: string } | null;
  closed_by?: RestUser | null;
  pull_request?: unknown;
}

interface RestComment {
  body?: string;
  node_id: string;
  user: RestUser | null;
}

export async function readIssues(
  octokit: ProbotOctokit,
  repo: { owner: string; name: string },
  numbers: readonly number[],
  ids: IdBook,
  options: FactOptions = {},
): Promise<IssueSnapshot[]> {
  if (!numbers.length) return [];
  const data: { repository: Record<string, IssueNode | null> } = await octokit.graphql(issuesByNumber(numbers), {
    owner: repo.owner,
    name: repo.name,
  });
  return Object.values(data.repository)
    .filter((node): node is IssueNode => Boolean(node?.id))
    .map((node) => fromNode(node, ids, options));
}

/**
 * The numbers of the open issues of the bug type (`GET /repos/{owner}/{repo}/issues?type=`), a page of 100 per
 * request, narrowed like the listing it goes beside: GraphQL's published schema has no issue types.
 */
export async function typedIssueNumbers(
  octokit: ProbotOctokit,
  repo: { owner: string; name: string },
  type: string,
  filter: { milestone?: number; labels?: string } = {},
): Promise<Set<number>> {
  const params = { owner: repo.owner, repo: repo.name, type, state: "open" as const, per_page: 100, ...(filter.milestone !== undefined && { milestone: String(filter.milestone) }), ...(filter.labels && { labels: filter.labels }) };
  const issues = await octokit.paginate(octokit.rest.issues.listForRepo, params);
  return new Set(issues.filter((issue) => !issue.pull_request).map((issue) => issue.number));
}

export async function readMilestoneIssues(
  octokit: ProbotOctokit,
  repo: { owner: string; name: string },
  milestone: number,
  label: string,
  ids: IdBook,
  options: FactOptions & { bugType?: string | null } = {},
): Promise<IssueSnapshot[]> {
  // Bugs by type among them: one REST listing beside the GraphQL pages (docs/issue-types.md).
  const typed = options.bugType ? await typedIssueNumbers(octokit, repo, options.bugType, { milestone, labels: label }) : new Set<number>();
  const issues: IssueSnapshot[] = [];
  let after: string | null = null;
  do {
    const data: {
      repository: { issues: { nodes: IssueNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    } = await octokit.graphql(MILESTONE_ISSUES, { owner: repo.owner, name: repo.name, milestone: String(milestone), labels: [label], after });
    const page = data.repository.issues;
    issues.push(...page.nodes.map((node) => fromNode({ ...node, __typename: "Issue", ...(typed.has(node.number) && { type: { name: options.bugType! } }) }, ids, options)));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return issues;
}
