//! Purpose: the GraphQL Repository object, node lookup, and the Query root fields.
import { connection, ordered, type Order, type PageArgs } from "./graphql-connection.js";
import { commentOf, eventView, issueView, reviewView } from "./graphql-issue.js";
import { actorView, commitView, labelView, milestoneView, type GCtx, type View } from "./graphql-views.js";
import { projectNode } from "./graphql-projects.js";
import { WEB } from "./rest-shapes.js";
import { DoubleError, type NodeEntry } from "./store.js";
import type { Issue, Milestone, Repo } from "./types.js";

function issueKey(issue: Issue, field: string): string | number {
  if (field === "UPDATED_AT") return issue.updatedAt;
  if (field === "COMMENTS") return issue.comments.length;
  return issue.createdAt + String(issue.number).padStart(10, "0");
}

function milestoneKey(m: Milestone, field: string): string | number {
  if (field === "DUE_DATE") return m.dueOn ?? "9999";
  if (field === "CREATED_AT") return m.createdAt;
  if (field === "UPDATED_AT") return m.updatedAt;
  if (field === "TITLE") return m.title;
  return m.number;
}

/** GitHub's `labels:` filter on `issues`/`pullRequests` matches ANY of the labels (REST's matches ALL). */
function hasAnyLabel(issue: Issue, labels: string[] | null | undefined): boolean {
  if (!labels || labels.length === 0) return true;
  const have = new Set(issue.labels.map((l) => l.toLowerCase()));
  return labels.some((l) => have.has(l.toLowerCase()));
}

interface IssueFilters {
  assignee?: string | null;
  createdBy?: string | null;
  labels?: string[] | null;
  milestone?: string | null;
  milestoneNumber?: string | null;
  since?: string | null;
  states?: string[] | null;
}

function passes(issue: Issue, filter: IssueFilters): boolean {
  if (filter.states && !filter.states.includes(issue.state.toUpperCase())) return false;
  if (!hasAnyLabel(issue, filter.labels)) return false;
  if (filter.assignee === "*" && issue.assignees.length === 0) return false;
  if (filter.assignee && filter.assignee !== "*" && !issue.assignees.some((a) => a.toLowerCase() === filter.assignee!.toLowerCase())) return false;
  if (filter.createdBy && issue.author.toLowerCase() !== filter.createdBy.toLowerCase()) return false;
  const milestone = filter.milestoneNumber ?? filter.milestone;
  if (milestone === "none" && issue.milestone !== null) return false;
  if (milestone === "*" && issue.milestone === null) return false;
  if (milestone && !["none", "*"].includes(milestone) && String(issue.milestone) !== milestone) return false;
  if (filter.since && issue.updatedAt < filter.since) return false;
  return true;
}

export function repoView(g: GCtx, repo: Repo): View {
  const url = `${WEB}/${repo.fullName}`;
  const owner = g.store.user(repo.owner);
  const numbered = (number: number, want: "Issue" | "PullRequest" | "either"): View => {
    const issue = repo.issues.get(number);
    const fits = issue && (want === "either" || (want === "PullRequest") === Boolean(issue.pull));
    if (!issue || !fits) {
      const what = want === "Issue" ? "an Issue" : want === "PullRequest" ? "a PullRequest" : "an issue or pull request";
      throw new DoubleError(404, `Could not resolve to ${what} with the number of ${number}.`);
    }
    return issueView(g, repo, issue);
  };
  return {
    __typename: "Repository",
    id: repo.nodeId,
    databaseId: repo.id,
    name: repo.name,
    nameWithOwner: repo.fullName,
    description: repo.description,
    url,
    resourcePath: `/${repo.fullName}`,
    isPrivate: repo.private,
    isArchived: false,
    isFork: false,
    visibility: repo.private ? "PRIVATE" : "PUBLIC",
    createdAt: repo.createdAt,
    updatedAt: repo.createdAt,
    owner: () => ({ ...actorView(g.store, repo.owner), __typename: owner.type === "Organization" ? "Organization" : "User" }),
    defaultBranchRef: { __typename: "Ref", id: g.store.nodeId("Ref", repo.id), name: repo.defaultBranch, prefix: "refs/heads/" },
    labels: (args: PageArgs & { query?: string | null; orderBy?: Order }) => {
      const query = args.query?.toLowerCase();
      const list = repo.labels.filter((l) => !query || l.name.toLowerCase().includes(query) || (l.description ?? "").toLowerCase().includes(query));
      const sorted = ordered(list, args.orderBy, (l, field) => (field === "NAME" ? l.name.toLowerCase() : repo.labels.indexOf(l)));
      return connection(sorted.map((l) => labelView(repo, l)), args, "labels");
    },
    label: (args: { name: string }) => {
      const label = g.store.findLabel(repo, args.name);
      return label ? labelView(repo, label) : null;
    },
    milestones: (args: PageArgs & { states?: string[] | null; orderBy?: Order; query?: string | null }) => {
      const list = repo.milestones
        .filter((m) => !args.states || args.states.includes(m.state.toUpperCase()))
        .filter((m) => !args.query || m.title.toLowerCase().includes(args.query.toLowerCase()));
      return connection(ordered(list, args.orderBy, milestoneKey).map((m) => milestoneView(g.store, repo, m)), args, "milestones");
    },
    milestone: (args: { number: number }) => {
      const milestone = g.store.milestoneByNumber(repo, args.number);
      return milestone ? milestoneView(g.store, repo, milestone) : null;
    },
    issue: (args: { number: number }) => numbered(args.number, "Issue"),
    pullRequest: (args: { number: number }) => numbered(args.number, "PullRequest"),
    issueOrPullRequest: (args: { number: number }) => numbered(args.number, "either"),
    issues: (args: PageArgs & IssueFilters & { orderBy?: Order; filterBy?: IssueFilters | null }) => {
      const list = [...repo.issues.values()]
        .filter((i) => !i.pull && passes(i, { states: args.states, labels: args.labels }) && passes(i, args.filterBy ?? {}))
        .sort((a, b) => a.number - b.number);
      return connection(ordered(list, args.orderBy, issueKey).map((i) => issueView(g, repo, i)), args, "issues");
    },
    pullRequests: (args: PageArgs & { states?: string[] | null; labels?: string[] | null; headRefName?: string | null; baseRefName?: string | null; orderBy?: Order }) => {
      const stateOf = (i: Issue) => (i.pull?.merged ? "MERGED" : i.state.toUpperCase());
      const list = [...repo.issues.values()]
        .filter((i) => i.pull && (!args.states || args.states.includes(stateOf(i))) && hasAnyLabel(i, args.labels))
        .filter((i) => (!args.headRefName || i.pull?.head.ref === args.headRefName) && (!args.baseRefName || i.pull?.base.ref === args.baseRefName))
        .sort((a, b) => a.number - b.number);
      return connection(ordered(list, args.orderBy, issueKey).map((i) => issueView(g, repo, i)), args, "pullRequests");
    },
    assignableUsers: (args: PageArgs & { query?: string | null }) => {
      const logins = [repo.owner, ...[...repo.collaborators.keys()]].filter((l) => !args.query || l.includes(args.query.toLowerCase()));
      return connection(logins.map((l) => actorView(g.store, l)), args, "assignableUsers");
    },
  };
}

/** The view of any node, after checking the caller may see its repository. */
export function nodeView(g: GCtx, entry: NodeEntry): View | null {
  if ("repo" in entry) g.auth.checkRepoAccess(g.principal, entry.repo, false);
  switch (entry.type) {
    case "Repository":
      return repoView(g, entry.repo);
    case "User":
    case "Bot":
    case "Organization":
      return actorView(g.store, entry.user.login);
    case "Issue":
    case "PullRequest":
      return issueView(g, entry.repo, entry.issue);
    case "IssueComment":
      return commentOf(g, entry.repo, entry.issue, entry.comment.id);
    case "Label":
      return labelView(entry.repo, entry.label);
    case "Milestone":
      return milestoneView(g.store, entry.repo, entry.milestone);
    case "Event":
      return eventView(g, entry.repo, entry.issue, entry.event);
    case "PullRequestReview":
      return reviewView(g, entry.repo, entry.issue, entry.review);
    case "PullRequestCommit":
      return { ...commitView(g, entry.repo, entry.commit), __typename: "Commit" };
  }
}

function lookup(g: GCtx, id: string): View | null {
  const entry = g.store.nodes.get(id);
  const notFound = new DoubleError(404, `Could not resolve to a node with the global id of '${id}'`);
  // Projects (v2) keep their own nodes (projects.ts).
  if (!entry) {
    const found = projectNode(g, id);
    if (found) return found;
    throw notFound;
  }
  try {
    return nodeView(g, entry);
  } catch {
    throw notFound;
  }
}

/** Query root fields. */
export function queryRoot(g: GCtx): Record<string, unknown> {
  return {
    repository: (args: { owner: string; name: string }) => {
      const repo = g.store.findRepo(args.owner, args.name);
      const missing = new DoubleError(404, `Could not resolve to a Repository with the name '${args.owner}/${args.name}'.`);
      if (!repo) throw missing;
      try {
        g.auth.checkRepoAccess(g.principal, repo, false);
      } catch {
        throw missing;
      }
      return repoView(g, repo);
    },
    node: (args: { id: string }) => lookup(g, args.id),
    nodes: (args: { ids: string[] }) => args.ids.map((id) => {
      try {
        return lookup(g, id);
      } catch (error) {
        return Promise.reject(error);
      }
    }),
    user: (args: { login: string }) => {
      const user = g.store.findUser(args.login);
      if (!user || user.type !== "User") throw new DoubleError(404, `Could not resolve to a User with the login of '${args.login}'.`);
      return actorView(g.store, user.login);
    },
    viewer: () => ({ ...actorView(g.store, g.actor), __typename: "User" }),
    rateLimit: () => {
      const usage = g.auth.usage(g.principal);
      return { cost: 1, limit: 5000, nodeCount: 0, remaining: Math.max(0, 5000 - usage.graphql), used: usage.graphql, resetAt: new Date(usage.reset).toISOString().replace(/\.\d{3}Z$/, "Z") };
    },
  };
}
