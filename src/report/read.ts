//! Purpose: the report's bulk read: open bugs, bugs closed since a date, open PRs, with state facts, in pages of 100.
import type { ProbotOctokit } from "probot";
import { isMaintainer } from "../github/permissions.js";
import type { Config } from "../lifecycle/config.js";
import type { RepoSnapshot, TrackedItem } from "../lifecycle/repo-snapshot.js";
import { byTime, factsOf, itemFields, type ActorNode, type FactOptions, type TimelineNode } from "../github/facts.js";
import type { RepoName } from "../github/repo-name.js";
import { moreFactsQuery, REPORT_BUG_NODES, REPORT_BUGS, REPORT_PULLS } from "./queries.js";

export interface ReadProgress {
  what: "open bugs" | "closed bugs" | "bug histories" | "pull requests" | "pull request authors";
  done: number;
  total: number;
  requests: number;
}

/** `self`: a personal token's login, whose comments are the bot's (as in the sweep). */
export interface ReportReadOptions extends FactOptions {
  /** Also read bugs closed at or after this instant (`open: false`); null reads none. */
  closedSince: Date | null;
  onProgress?: (progress: ReadProgress) => void;
  /** The clock that stamps `fetchedAt`. */
  now?: () => Date;
}

export interface ReportRead {
  /** Items: every open bug, every open PR, and bugs closed since `closedSince`. */
  snapshot: RepoSnapshot;
  /** GraphQL and REST requests the read made (a permission check counts as one even when the cache answers it). */
  requests: number;
}

/** Label, close and reopen events (FACT_TYPES in queries.ts). */
type FactNode = TimelineNode;
interface FactPage {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: Array<FactNode | null>;
}
interface Page<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: Array<T | null>;
}
interface BugNode {
  id: string;
  number: number;
  title: string;
  url: string;
  createdAt: string;
  closedAt: string | null;
  closed: boolean;
  author: ActorNode | null;
  labels: { nodes: Array<{ name: string } | null> };
  assignees: { nodes: Array<{ login: string } | null> };
  timelineItems: FactPage;
}
interface PullNode extends Omit<BugNode, "id" | "closedAt" | "closed" | "timelineItems"> {
  isDraft: boolean;
  authorAssociation: string;
  /** The last 30 comments, commits, reviews and ready-for-review events: whose word was last (the `pr-response` figure). */
  talk?: { pageInfo: { hasPreviousPage: boolean }; nodes: Array<TimelineNode | null> };
}

function pullTimeline(pull: PullNode, options: FactOptions): Pick<TrackedItem, "timeline" | "timelineStart"> {
  const timeline = factsOf(pull.talk?.nodes ?? [], options).sort(byTime);
  const truncated = Boolean(pull.talk?.pageInfo.hasPreviousPage) && timeline.length > 0;
  return { timeline, timelineStart: truncated ? timeline[0]!.at : null };
}

/** Histories fetched per follow-up request: 25 × 100 facts stays far below GitHub's node limit. */
const FACT_BATCH = 25;

export async function readReportSnapshot(octokit: ProbotOctokit, repo: RepoName, config: Config, options: ReportReadOptions): Promise<ReportRead> {
  const counter = { requests: 0 };
  const report = options.onProgress ?? (() => undefined);
  const variables = { owner: repo.owner, name: repo.name, labels: [config.labels.bug] };
  const open = await readBugs(octokit, { ...variables, states: ["OPEN"], since: null }, counter, (done, total) =>
    report({ what: "open bugs", done, total, requests: counter.requests }),
  );
  let closed: Array<{ node: BugNode; facts: FactNode[] }> = [];
  if (options.closedSince) {
    const since = options.closedSince.toISOString();
    const updated = await readBugs(octokit, { ...variables, states: ["CLOSED"], since }, counter, (done, total) =>
      report({ what: "closed bugs", done, total, requests: counter.requests }),
    );
    // GitHub filters on "updated since"; a bug closed long ago and commented on yesterday is not "closed since".
    closed = updated.filter((bug) => bug.node.closedAt !== null && bug.node.closedAt >= since);
  }
  // Bugs by type without the label: one REST listing per 100, and one GraphQL read of their facts (docs/issue-types.md).
  const typed = await readTypedBugs(octokit, repo, config, counter, options.closedSince);
  const bugs: ReadBug[] = [...open, ...closed, ...typed];
  await readRemainingFacts(octokit, bugs, counter, (done, total) => report({ what: "bug histories", done, total, requests: counter.requests }));
  const pulls = await readPulls(octokit, repo, counter, report, options);
  return {
    snapshot: {
      repo: { owner: repo.owner, name: repo.name },
      fetchedAt: (options.now ?? (() => new Date()))().toISOString(),
      items: [...bugs.map(({ node, facts, type }) => ({ ...toItem(node, facts, options), ...(type && { type }) })), ...pulls],
    },
    requests: counter.requests,
  };
}

async function readBugs(
  octokit: ProbotOctokit,
  variables: Record<string, unknown>,
  counter: { requests: number },
  progress: (done: number, total: number) => void,
): Promise<Array<{ node: BugNode; facts: FactNode[] }>> {
  const bugs: Array<{ node: BugNode; facts: FactNode[] }> = [];
  let after: string | null = null;
  do {
    const data: { repository: { issues: Page<BugNode> } } = await octokit.graphql(REPORT_BUGS, { ...variables, after });
    counter.requests++;
    const page = data.repository.issues;
    for (const node of page.nodes) if (node) bugs.push({ node, facts: compact(node.timelineItems.nodes) });
    progress(bugs.length, page.totalCount);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return bugs;
}

type ReadBug = { node: BugNode; facts: FactNode[]; type?: string };

async function readTypedBugs(octokit: ProbotOctokit, repo: RepoName, config: Config, counter: { requests: number }, closedSince: Date | null): Promise<ReadBug[]> {
  const type = config.bugType;
  if (!type) return [];
  const bugs: ReadBug[] = [];
  const since = closedSince?.toISOString();
  const listings = [{ state: "open" as const }, ...(since ? [{ state: "closed" as const, since }] : [])];
  for (const listing of listings) {
    for await (const page of octokit.paginate.iterator(octokit.rest.issues.listForRepo, { owner: repo.owner, repo: repo.name, type, per_page: 100, ...listing })) {
      counter.requests++;
      const ids = page.data
        .filter((issue) => !issue.pull_request && !issue.labels.some((label) => (typeof label === "string" ? label : label.name) === config.labels.bug))
        .filter((issue) => listing.state === "open" || (issue.closed_at !== null && issue.closed_at >= since!))
        .map((issue) => issue.node_id);
      if (!ids.length) continue;
      const data: { nodes: Array<(BugNode & { __typename: string }) | null> } = await octokit.graphql(REPORT_BUG_NODES, { ids });
      counter.requests++;
      for (const node of data.nodes) if (node?.__typename === "Issue") bugs.push({ node, facts: compact(node.timelineItems.nodes), type });
    }
  }
  return bugs;
}

/** Bugs with more than 100 state facts get the rest in batched follow-ups: rare, so they cost little. */
async function readRemainingFacts(
  octokit: ProbotOctokit,
  bugs: Array<{ node: BugNode; facts: FactNode[] }>,
  counter: { requests: number },
  progress: (done: number, total: number) => void,
): Promise<void> {
  let pending = bugs.flatMap((bug) =>
    bug.node.timelineItems.pageInfo.hasNextPage ? [{ bug, after: bug.node.timelineItems.pageInfo.endCursor }] : [],
  );
  const total = pending.length;
  let done = 0;
  while (pending.length > 0) {
    const batch = pending.slice(0, FACT_BATCH);
    const variables: Record<string, unknown> = {};
    batch.forEach((entry, i) => Object.assign(variables, { [`id${i}`]: entry.bug.node.id, [`after${i}`]: entry.after }));
    const data: Record<string, { timelineItems?: FactPage } | null> = await octokit.graphql(moreFactsQuery(batch.length), variables);
    counter.requests++;
    const next: typeof pending = [];
    batch.forEach((entry, i) => {
      const page = data[`i${i}`]?.timelineItems;
      if (!page) return;
      entry.bug.facts.push(...compact(page.nodes));
      if (page.pageInfo.hasNextPage) next.push({ bug: entry.bug, after: page.pageInfo.endCursor });
      else done++;
    });
    pending = [...next, ...pending.slice(FACT_BATCH)];
    progress(done, total);
  }
}

async function readPulls(
  octokit: ProbotOctokit,
  repo: RepoName,
  counter: { requests: number },
  report: (progress: ReadProgress) => void,
  options: FactOptions,
): Promise<TrackedItem[]> {
  const nodes: PullNode[] = [];
  let after: string | null = null;
  do {
    const data: { repository: { pullRequests: Page<PullNode> } } = await octokit.graphql(REPORT_PULLS, { owner: repo.owner, name: repo.name, after });
    counter.requests++;
    const page = data.repository.pullRequests;
    nodes.push(...compact(page.nodes));
    report({ what: "pull requests", done: nodes.length, total: page.totalCount, requests: counter.requests });
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  // Only non-draft PRs by people feed a metric; an OWNER is a maintainer without asking. The rest are asked of
  // GitHub (docs/contract.md §3: association alone hides private org members), once per author.
  const ask = [
    ...new Set(
      nodes.filter((pull) => !pull.isDraft && pull.author?.__typename === "User" && pull.authorAssociation !== "OWNER").map((pull) => pull.author!.login),
    ),
  ];
  const maintainers = new Set<string>();
  for (const [index, login] of ask.entries()) {
    if (await isMaintainer(octokit, repo.owner, repo.name, login)) maintainers.add(login);
    counter.requests++;
    report({ what: "pull request authors", done: index + 1, total: ask.length, requests: counter.requests });
  }
  return nodes.map((pull) => ({
    ...common(pull),
    isPullRequest: true,
    open: true,
    closedAt: null,
    isDraft: pull.isDraft,
    authorAssociation: pull.authorAssociation,
    authorIsMaintainer: pull.authorAssociation === "OWNER" || (pull.author !== null && maintainers.has(pull.author.login)),
    ...pullTimeline(pull, options),
  }));
}

function toItem(node: BugNode, facts: FactNode[], options: FactOptions): TrackedItem {
  return {
    ...common(node),
    isPullRequest: false,
    open: !node.closed,
    closedAt: node.closedAt,
    timeline: factsOf(facts, options).sort(byTime),
  };
}

/** The fields the report reads of every bug and PR; author, labels and assignees mapped as the sweep maps them. */
function common(node: Omit<PullNode, "isDraft" | "authorAssociation">) {
  return { number: node.number, title: node.title, url: node.url, ...itemFields(node), createdAt: node.createdAt };
}

function compact<T>(list: ReadonlyArray<T | null>): T[] {
  return list.filter((item): item is T => item !== null);
}
