//! Purpose: the report's bulk read: open bugs, bugs closed since a date, open PRs, with state facts, in pages of 100.
import type { ProbotOctokit } from "probot";
import { isMaintainer } from "../github/permissions.js";
import type { Config } from "../lifecycle/config.js";
import type { RepoSnapshot, TimelineFact, TrackedItem } from "../lifecycle/repo-snapshot.js";
import { moreFactsQuery, REPORT_BUGS, REPORT_PULLS } from "./queries.js";

export interface RepoName {
  owner: string;
  name: string;
}

export interface ReadProgress {
  what: "open bugs" | "closed bugs" | "bug histories" | "pull requests" | "pull request authors";
  done: number;
  total: number;
  requests: number;
}

export interface ReadOptions {
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

interface Actor {
  login: string;
  __typename: string;
}
interface FactNode {
  __typename: string;
  createdAt?: string;
  actor?: Actor | null;
  label?: { name: string } | null;
}
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
  author: Actor | null;
  labels: { nodes: Array<{ name: string } | null> };
  assignees: { nodes: Array<{ login: string } | null> };
  timelineItems: FactPage;
}
interface PullNode extends Omit<BugNode, "id" | "closedAt" | "closed" | "timelineItems"> {
  isDraft: boolean;
  authorAssociation: string;
  /** The last 30 comments, commits, reviews and ready-for-review events: whose word was last (the `pr-response` figure). */
  talk?: { pageInfo: { hasPreviousPage: boolean }; nodes: Array<TalkNode | null> };
}
interface TalkNode {
  __typename: string;
  createdAt?: string;
  submittedAt?: string | null;
  state?: string;
  author?: Actor | null;
  actor?: Actor | null;
  authorAssociation?: string;
  commit?: { committedDate: string; author: { user: { login: string } | null } | null };
}

const TALK_KINDS: Record<string, TimelineFact["kind"]> = {
  IssueComment: "commented",
  PullRequestReview: "reviewed",
  ReadyForReviewEvent: "ready-for-review",
};

function talkFact(node: TalkNode): TimelineFact[] {
  if (node.__typename === "PullRequestCommit" && node.commit) {
    return [{ kind: "committed", at: node.commit.committedDate, actor: node.commit.author?.user?.login ?? null, actorIsBot: false }];
  }
  const kind = TALK_KINDS[node.__typename];
  const at = node.submittedAt ?? node.createdAt;
  if (!kind || !at || node.state === "PENDING") return [];
  const who = node.author ?? node.actor ?? null;
  const fact: TimelineFact = { kind, at, actor: who?.login ?? null, actorIsBot: who?.__typename === "Bot" };
  if (node.state) fact.reviewState = node.state;
  if (node.authorAssociation) fact.association = node.authorAssociation;
  return [fact];
}

function pullTimeline(pull: PullNode): Pick<TrackedItem, "timeline" | "timelineStart"> {
  const timeline = compact(pull.talk?.nodes ?? []).flatMap(talkFact).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const truncated = Boolean(pull.talk?.pageInfo.hasPreviousPage) && timeline.length > 0;
  return { timeline, timelineStart: truncated ? timeline[0]!.at : null };
}

/** Histories fetched per follow-up request: 25 × 100 facts stays far below GitHub's node limit. */
const FACT_BATCH = 25;

export async function readReportSnapshot(octokit: ProbotOctokit, repo: RepoName, config: Config, options: ReadOptions): Promise<ReportRead> {
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
  const bugs = [...open, ...closed];
  await readRemainingFacts(octokit, bugs, counter, (done, total) => report({ what: "bug histories", done, total, requests: counter.requests }));
  const pulls = await readPulls(octokit, repo, counter, report);
  return {
    snapshot: {
      repo: { owner: repo.owner, name: repo.name },
      fetchedAt: (options.now ?? (() => new Date()))().toISOString(),
      items: [...bugs.map(({ node, facts }) => toItem(node, facts)), ...pulls],
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
  // GitHub (SPEC §3: association alone hides private org members), once per author.
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
    ...pullTimeline(pull),
  }));
}

function toItem(node: BugNode, facts: FactNode[]): TrackedItem {
  return {
    ...common(node),
    isPullRequest: false,
    open: !node.closed,
    closedAt: node.closedAt,
    timeline: facts.flatMap(toFact).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)),
  };
}

function common(node: Omit<PullNode, "isDraft" | "authorAssociation">) {
  const isBot = node.author?.__typename === "Bot";
  return {
    number: node.number,
    title: node.title,
    url: node.url,
    // GraphQL drops a bot's `[bot]` suffix; the rest of the app spells bot logins the REST way.
    author: node.author ? (isBot ? `${node.author.login}[bot]` : node.author.login) : "ghost",
    authorIsBot: isBot,
    labels: compact(node.labels.nodes).map((label) => label.name),
    assignees: compact(node.assignees.nodes).map((user) => user.login),
    createdAt: node.createdAt,
  };
}

const KINDS: Record<string, TimelineFact["kind"]> = {
  LabeledEvent: "labeled",
  UnlabeledEvent: "unlabeled",
  ClosedEvent: "closed",
  ReopenedEvent: "reopened",
};

function toFact(node: FactNode): TimelineFact[] {
  const kind = KINDS[node.__typename];
  if (!kind || !node.createdAt) return [];
  const fact: TimelineFact = { kind, at: node.createdAt, actor: node.actor?.login ?? null, actorIsBot: node.actor?.__typename === "Bot" };
  if (node.label) fact.label = node.label.name;
  return [fact];
}

function compact<T>(list: ReadonlyArray<T | null>): T[] {
  return list.filter((item): item is T => item !== null);
}
