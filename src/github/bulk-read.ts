//! Purpose: read a repository's open bugs and PRs with their timeline facts (→ RepoSnapshot), and one item fresh.
import { isOwnAuthor } from "./own-author.js";
import type { ProbotOctokit } from "probot";
import type { Config } from "../lifecycle/config.js";
import { markersIn } from "../lifecycle/markers.js";
import { statusIntact as isStatusIntact } from "../lifecycle/status-comment.js";
import { STATUS_KEY } from "../lifecycle/status-record.js";
import { byTime, factsOf, itemFields, reactionFacts, reviewerOf, type ActorNode, type FactOptions, type ReactionNode, type ReviewerNode, type TimelineNode } from "./facts.js";
import type { RepoSnapshot, TimelineFact, TrackedItem } from "../lifecycle/repo-snapshot.js";
import { SWEEP_ITEM, SWEEP_NODES, SWEEP_PAGE } from "./bulk-queries.js";
import type { IdBook } from "./ids.js";
import { linkedFacts, type LinkedNodes } from "./linked-facts.js";

interface Window<T> {
  pageInfo: { hasPreviousPage: boolean };
  nodes: (T | null)[];
}

/** A card's single-select value as GraphQL returns it (read by src/board/read-items.ts). */
export interface CardValueNode {
  __typename?: string;
  name?: string | null;
  createdAt?: string;
  updatedAt?: string;
  creator?: { login: string; __typename?: string } | null;
}

export interface ItemNode {
  __typename?: string;
  id: string;
  number: number;
  title: string;
  url: string;
  createdAt: string;
  closedAt: string | null;
  closed: boolean;
  author: ActorNode | null;
  authorAssociation: string;
  labels: { nodes: { id: string; name: string }[] };
  assignees: { nodes: { id: string; login: string }[] };
  milestone: { number: number; title: string } | null;
  isDraft?: boolean;
  merged?: boolean;
  reviewRequests?: { nodes: ({ requestedReviewer: ReviewerNode | null } | null)[] };
  events: Window<TimelineNode>;
  talk: Window<TimelineNode>;
  recent?: { nodes: { body: string; author: ActorNode | null; reactions?: { nodes: (ReactionNode | null)[] } }[] };
  /** Issues: pull requests linked to it (src/github/linked-facts.ts). */
  linked?: LinkedNodes["linked"];
  refs?: LinkedNodes["refs"];
  /** With a board (`readItemWithCard`): the issue's cards on every project. */
  cards?: { nodes: ({ id: string; isArchived: boolean; project: { id: string }; fieldValueByName: CardValueNode | null } | null)[] };
}

interface Page<T = ItemNode> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: T[];
}

/** A comment with its reaction groups (RECENT_COMMENT in bulk-queries.ts). */
export interface RecentCommentNode {
  id: string;
  databaseId: number | null;
  createdAt: string;
  body: string;
  author: ActorNode | null;
  reactionGroups: { content: string; reactors: { nodes: (ActorNode | null)[] } }[] | null;
}

/** A recently updated issue's last comments (the sweep page's `talk` connection). */
export interface RecentIssueNode {
  id: string;
  number: number;
  comments: { nodes: (RecentCommentNode | null)[] };
}

/** The recent talk the sweep asks for with its bulk read: issues updated since `since`, handed to `onTalk`. */
export interface TalkRequest {
  since: string;
  onTalk: (issues: RecentIssueNode[]) => void | Promise<void>;
}

/** Whose comments are the bot's own: any GitHub App, and the token's own account (a personal token). */
export type ReadOptions = FactOptions;

/** The earliest time from which both windows are complete, or null when the whole timeline was read. */
function timelineStartOf(windows: TimelineFact[][], truncated: boolean[]): string | null {
  let start: number | null = null;
  windows.forEach((facts, i) => {
    if (!truncated[i] || !facts.length) return;
    const earliest = Math.min(...facts.map((fact) => Date.parse(fact.at)));
    start = start === null ? earliest : Math.max(start, earliest);
  });
  return start === null ? null : new Date(start).toISOString();
}

export function toTrackedItem(node: ItemNode, isPullRequest: boolean, ids: IdBook, options: ReadOptions = {}): TrackedItem {
  ids.issues.set(node.number, node.id);
  for (const label of node.labels.nodes) ids.addLabel(label.name, label.id);
  for (const user of node.assignees.nodes) ids.addUser(user.login, user.id);
  const events = factsOf(node.events.nodes, options);
  const talk = factsOf(node.talk.nodes, options);
  const markers = new Set(talk.flatMap((fact) => fact.markers ?? []));
  const reactions: TimelineFact[] = [];
  let statusIntact: boolean | undefined;
  // The status comment's record, from whichever read has its body (the sweep's talk, the re-check's recent comments).
  for (const comment of [...(node.recent?.nodes ?? []), ...node.talk.nodes]) {
    const body = comment?.body ?? "";
    if (isOwnAuthor(comment?.author, options.self) && markersIn(body).includes(STATUS_KEY)) statusIntact ??= isStatusIntact(body);
  }
  for (const comment of node.recent?.nodes ?? []) {
    if (!isOwnAuthor(comment.author, options.self)) continue;
    const own = markersIn(comment.body);
    for (const m of own) markers.add(m);
    if (own.length) reactions.push(...reactionFacts(comment.reactions, own));
  }
  const timeline = [...events, ...talk, ...reactions, ...(isPullRequest ? [] : linkedFacts(node))].sort(byTime);
  const item: TrackedItem = {
    number: node.number,
    title: node.title,
    url: node.url,
    isPullRequest,
    open: !node.closed,
    ...itemFields(node),
    authorAssociation: node.authorAssociation,
    milestone: node.milestone,
    markers: [...markers],
    createdAt: node.createdAt,
    closedAt: node.closedAt,
    timeline,
    timelineStart: timelineStartOf([events, talk], [node.events.pageInfo.hasPreviousPage, node.talk.pageInfo.hasPreviousPage]),
    eventsStart: timelineStartOf([events], [node.events.pageInfo.hasPreviousPage]),
    ...(statusIntact !== undefined && { statusIntact }),
  };
  if (isPullRequest) {
    item.isDraft = node.isDraft ?? false;
    item.merged = node.merged ?? false;
    item.requestedReviewers = (node.reviewRequests?.nodes ?? []).flatMap((request) => {
      const reviewer = reviewerOf(request?.requestedReviewer);
      return reviewer ? [reviewer] : [];
    });
  }
  return item;
}

export interface RepoRead {
  snapshot: RepoSnapshot;
  /** The repository's node id (label creation needs it). */
  repositoryId: string;
  requests: number;
}

/**
 * Open bugs (label `config.labels.bug`, then type `config.bugType`) and open PRs, a page of each per request, handed to `onPage` as
 * they arrive: the sweep keeps only what is due, so memory does not grow with the repository.
 */
export async function forEachPage(
  octokit: ProbotOctokit,
  repo: { owner: string; name: string },
  config: Config,
  ids: IdBook,
  options: ReadOptions,
  onPage: (items: TrackedItem[]) => void | Promise<void>,
  talk?: TalkRequest,
): Promise<{ repositoryId: string; requests: number }> {
  let issuesAfter: string | null = null;
  let pullsAfter: string | null = null;
  let talkAfter: string | null = null;
  let withIssues = true;
  let withPulls = true;
  let withTalk = talk !== undefined;
  let requests = 0;
  let repositoryId = "";
  while (withIssues || withPulls || withTalk) {
    const variables = {
      owner: repo.owner,
      name: repo.name,
      bug: config.labels.bug,
      issuesAfter,
      pullsAfter,
      withIssues,
      withPulls,
      ...(talk && { withTalk, since: talk.since, talkAfter }),
    };
    const data: { repository: { id: string; issues?: Page; pullRequests?: Page; talk?: Page<RecentIssueNode> } } = await octokit.graphql(SWEEP_PAGE, variables);
    requests++;
    repositoryId = data.repository.id;
    const { issues, pullRequests } = data.repository;
    if (talk && data.repository.talk) {
      await talk.onTalk(data.repository.talk.nodes);
      withTalk = data.repository.talk.pageInfo.hasNextPage;
      talkAfter = data.repository.talk.pageInfo.endCursor ?? talkAfter;
    } else withTalk = false;
    await onPage([
      ...(issues?.nodes ?? []).map((node) => toTrackedItem(node, false, ids, options)),
      ...(pullRequests?.nodes ?? []).map((node) => toTrackedItem(node, true, ids, options)),
    ]);
    withIssues = withIssues && Boolean(issues?.pageInfo.hasNextPage);
    withPulls = withPulls && Boolean(pullRequests?.pageInfo.hasNextPage);
    issuesAfter = issues?.pageInfo.endCursor ?? issuesAfter;
    pullsAfter = pullRequests?.pageInfo.endCursor ?? pullsAfter;
  }
  // Bugs by type without the label: a REST listing per page beside the GraphQL pages (docs/issue-types.md).
  requests += await forEachTypedPage(octokit, repo, config, ids, options, onPage);
  ids.repositoryId ??= repositoryId;
  return { repositoryId, requests };
}

interface RestTyped {
  number: number;
  node_id: string;
  pull_request?: unknown;
  labels: (string | { name?: string })[];
}

/**
 * Open issues of `config.bugType` without the `bug` label, a page at a time, handed to `onPage` with their
 * type set. A page costs two requests (the REST listing, the GraphQL facts), one when every typed bug on it is
 * labelled too; a repository without typed bugs costs the one empty listing. Nothing when types are off.
 */
export async function forEachTypedPage(
  octokit: ProbotOctokit,
  repo: { owner: string; name: string },
  config: Config,
  ids: IdBook,
  options: ReadOptions,
  onPage: (items: TrackedItem[]) => void | Promise<void>,
): Promise<number> {
  const type = config.bugType;
  if (!type) return 0;
  let requests = 0;
  const pages = octokit.paginate.iterator(octokit.rest.issues.listForRepo, { owner: repo.owner, repo: repo.name, type, state: "open", per_page: 100 });
  for await (const page of pages) {
    requests++;
    const unlabelled = (page.data as RestTyped[]).filter((issue) => !issue.pull_request && !issue.labels.some((label) => (typeof label === "string" ? label : label.name) === config.labels.bug));
    if (!unlabelled.length) continue;
    const data: { nodes: (ItemNode | null)[] } = await octokit.graphql(SWEEP_NODES, { ids: unlabelled.map((issue) => issue.node_id) });
    requests++;
    const items = data.nodes.filter((node): node is ItemNode => node?.__typename === "Issue").map((node) => ({ ...toTrackedItem(node, false, ids, options), type }));
    await onPage(items);
  }
  return requests;
}

/** The whole repository in memory (reports): every open bug and PR with its facts. */
export async function readRepo(
  octokit: ProbotOctokit,
  repo: { owner: string; name: string },
  config: Config,
  ids: IdBook,
  options: ReadOptions & { now?: () => Date } = {},
): Promise<RepoRead> {
  const items: TrackedItem[] = [];
  const { repositoryId, requests } = await forEachPage(octokit, repo, config, ids, options, (page) => void items.push(...page));
  const fetchedAt = (options.now?.() ?? new Date()).toISOString();
  return { snapshot: { repo: { owner: repo.owner, name: repo.name }, fetchedAt, items }, repositoryId, requests };
}

/** One bug or PR as it is now, with the markers of its last 100 comments: the re-check before a write. */
export async function readItem(octokit: ProbotOctokit, nodeId: string, ids: IdBook, options: ReadOptions = {}): Promise<TrackedItem | null> {
  const data: { node: ItemNode | null } = await octokit.graphql(SWEEP_ITEM, { id: nodeId });
  const node = data.node;
  if (!node || (node.__typename !== "Issue" && node.__typename !== "PullRequest")) return null;
  return toTrackedItem(node, node.__typename === "PullRequest", ids, options);
}
