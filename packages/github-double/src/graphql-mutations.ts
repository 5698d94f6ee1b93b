//! Purpose: the GraphQL mutations the app uses, applied through the same writes as REST.
import { encodeCursor } from "./graphql-connection.js";
import { commentOf, issueView } from "./graphql-issue.js";
import { repoView } from "./graphql-repo.js";
import { labelView, reactionFromGraphql, reactionView, type GCtx } from "./graphql-views.js";
import { requirePermission } from "./permissions.js";
import { DoubleError, type NodeEntry } from "./store.js";
import type { Issue, Repo, StateReason } from "./types.js";
import * as writes from "./writes.js";

type Input = Record<string, unknown>;
type Mutation = (args: { input: Input }, g: GCtx) => unknown;

/** Resolves a node id for writing: NOT_FOUND for unknown ids or wrong types, FORBIDDEN outside the installation. */
function entryOf(g: GCtx, id: unknown, types: NodeEntry["type"][]): NodeEntry {
  const entry = g.store.nodes.get(String(id));
  if (!entry) throw new DoubleError(404, `Could not resolve to a node with the global id of '${String(id)}'`);
  if (!types.includes(entry.type)) {
    throw new DoubleError(404, `Could not resolve to ${types.join(" or ")} node with the global id of '${String(id)}'.`);
  }
  if ("repo" in entry) {
    try {
      g.auth.checkRepoAccess(g.principal, entry.repo, true);
    } catch (error) {
      if (error instanceof DoubleError && error.status === 404) throw new DoubleError(404, `Could not resolve to a node with the global id of '${String(id)}'`);
      throw error;
    }
  }
  return entry;
}

/** Writing to an issue needs `issues`; to a PR, `pull_requests` (or `issues` for labels, assignees, comments). */
function allow(g: GCtx, issue: Issue, pullOnly = false): void {
  requirePermission(g.store, g.principal, issue.pull ? (pullOnly ? ["pull_requests"] : ["pull_requests", "issues"]) : ["issues"], true);
}

function target(g: GCtx, id: unknown, types: Array<"Issue" | "PullRequest"> = ["Issue", "PullRequest"]): { repo: Repo; issue: Issue } {
  const entry = entryOf(g, id, types);
  if (entry.type !== "Issue" && entry.type !== "PullRequest") throw new DoubleError(404, "Not Found");
  allow(g, entry.issue, types.length === 1 && types[0] === "PullRequest");
  return { repo: entry.repo, issue: entry.issue };
}

function ctxFor(g: GCtx, repo: Repo): writes.WriteCtx {
  return { store: g.store, repo, actor: g.actor, emit: g.emit };
}

function labelNames(g: GCtx, repo: Repo, ids: unknown): string[] {
  return (ids as string[]).map((id) => {
    const entry = entryOf(g, id, ["Label"]);
    if (entry.type !== "Label" || entry.repo !== repo) throw new DoubleError(404, `Could not resolve to a node with the global id of '${id}'`);
    return entry.label.name;
  });
}

function logins(g: GCtx, ids: unknown): string[] {
  return (ids as string[]).map((id) => {
    const entry = entryOf(g, id, ["User", "Bot"]);
    return entry.type === "User" || entry.type === "Bot" ? entry.user.login : "";
  });
}

const wrap = (input: Input, payload: Record<string, unknown>) => ({ clientMutationId: input.clientMutationId ?? null, ...payload });

export const mutations: Record<string, Mutation> = {
  addLabelsToLabelable: ({ input }, g) => {
    const { repo, issue } = target(g, input.labelableId);
    writes.addLabels(ctxFor(g, repo), issue, labelNames(g, repo, input.labelIds));
    return wrap(input, { labelable: issueView(g, repo, issue) });
  },
  removeLabelsFromLabelable: ({ input }, g) => {
    const { repo, issue } = target(g, input.labelableId);
    for (const name of labelNames(g, repo, input.labelIds)) writes.removeLabel(ctxFor(g, repo), issue, name);
    return wrap(input, { labelable: issueView(g, repo, issue) });
  },
  addAssigneesToAssignable: ({ input }, g) => {
    const { repo, issue } = target(g, input.assignableId);
    writes.addAssignees(ctxFor(g, repo), issue, logins(g, input.assigneeIds));
    return wrap(input, { assignable: issueView(g, repo, issue) });
  },
  removeAssigneesFromAssignable: ({ input }, g) => {
    const { repo, issue } = target(g, input.assignableId);
    writes.removeAssignees(ctxFor(g, repo), issue, logins(g, input.assigneeIds));
    return wrap(input, { assignable: issueView(g, repo, issue) });
  },
  addComment: ({ input }, g) => {
    const { repo, issue } = target(g, input.subjectId);
    const created = writes.comment(ctxFor(g, repo), issue, String(input.body));
    const node = commentOf(g, repo, issue, created.id);
    const cursor = encodeCursor(issue.comments.length - 1);
    return wrap(input, { commentEdge: { node, cursor }, subject: issueView(g, repo, issue), timelineEdge: { node, cursor } });
  },
  updateIssueComment: ({ input }, g) => {
    const entry = entryOf(g, input.id, ["IssueComment"]);
    if (entry.type !== "IssueComment") throw new DoubleError(404, "Not Found");
    allow(g, entry.issue);
    writes.editComment(ctxFor(g, entry.repo), entry.issue, entry.comment, String(input.body));
    return wrap(input, { issueComment: commentOf(g, entry.repo, entry.issue, entry.comment.id) });
  },
  addReaction: ({ input }, g) => {
    const entry = entryOf(g, input.subjectId, ["IssueComment", "Issue", "PullRequest"]);
    if (entry.type !== "IssueComment" && entry.type !== "Issue" && entry.type !== "PullRequest") throw new DoubleError(404, "Not Found");
    allow(g, entry.issue);
    const list = entry.type === "IssueComment" ? entry.comment.reactions : entry.issue.reactions;
    const { reaction } = writes.react(ctxFor(g, entry.repo), list, reactionFromGraphql(String(input.content)));
    const subject = entry.type === "IssueComment" ? commentOf(g, entry.repo, entry.issue, entry.comment.id) : issueView(g, entry.repo, entry.issue);
    return wrap(input, { reaction: reactionView(g.store, reaction), subject, reactionGroups: subject.reactionGroups });
  },
  closeIssue: ({ input }, g) => {
    const { repo, issue } = target(g, input.issueId, ["Issue"]);
    const reason = typeof input.stateReason === "string" ? (input.stateReason.toLowerCase() as StateReason) : undefined;
    writes.close(ctxFor(g, repo), issue, reason);
    return wrap(input, { issue: issueView(g, repo, issue) });
  },
  reopenIssue: ({ input }, g) => {
    const { repo, issue } = target(g, input.issueId, ["Issue"]);
    writes.reopen(ctxFor(g, repo), issue);
    return wrap(input, { issue: issueView(g, repo, issue) });
  },
  updateIssue: ({ input }, g) => {
    const { repo, issue } = target(g, input.id, ["Issue"]);
    const w = ctxFor(g, repo);
    if ("milestoneId" in input) {
      const milestone = input.milestoneId === null ? null : entryOf(g, input.milestoneId, ["Milestone"]);
      writes.setMilestone(w, issue, milestone?.type === "Milestone" ? milestone.milestone.number : null);
    }
    if (Array.isArray(input.labelIds)) writes.setLabels(w, issue, labelNames(g, repo, input.labelIds));
    if (Array.isArray(input.assigneeIds)) writes.setAssignees(w, issue, logins(g, input.assigneeIds));
    const change: { title?: string; body?: string } = {};
    if (typeof input.title === "string") change.title = input.title;
    if (typeof input.body === "string") change.body = input.body;
    writes.edit(w, issue, change);
    if (input.state === "CLOSED") writes.close(w, issue, undefined);
    if (input.state === "OPEN") writes.reopen(w, issue);
    return wrap(input, { issue: issueView(g, repo, issue), actor: null });
  },
  createLabel: ({ input }, g) => {
    const entry = entryOf(g, input.repositoryId, ["Repository"]);
    if (entry.type !== "Repository") throw new DoubleError(404, "Not Found");
    requirePermission(g.store, g.principal, ["issues", "pull_requests"], true);
    const name = String(input.name);
    if (g.store.findLabel(entry.repo, name)) throw new DoubleError(422, "Name has already been taken", "UNPROCESSABLE");
    const color = String(input.color).replace(/^#/, "");
    if (!/^[0-9a-fA-F]{6}$/.test(color)) throw new DoubleError(422, "Color is invalid", "UNPROCESSABLE");
    const description = typeof input.description === "string" ? input.description : null;
    const label = g.store.ensureLabel(entry.repo, name, color.toLowerCase(), description);
    return wrap(input, { label: labelView(entry.repo, label), repository: repoView(g, entry.repo) });
  },
  convertPullRequestToDraft: ({ input }, g) => {
    const { repo, issue } = target(g, input.pullRequestId, ["PullRequest"]);
    writes.setDraft(ctxFor(g, repo), issue, true);
    return wrap(input, { pullRequest: issueView(g, repo, issue) });
  },
  markPullRequestReadyForReview: ({ input }, g) => {
    const { repo, issue } = target(g, input.pullRequestId, ["PullRequest"]);
    writes.setDraft(ctxFor(g, repo), issue, false);
    return wrap(input, { pullRequest: issueView(g, repo, issue) });
  },
  closePullRequest: ({ input }, g) => {
    const { repo, issue } = target(g, input.pullRequestId, ["PullRequest"]);
    writes.close(ctxFor(g, repo), issue, null);
    return wrap(input, { pullRequest: issueView(g, repo, issue) });
  },
  reopenPullRequest: ({ input }, g) => {
    const { repo, issue } = target(g, input.pullRequestId, ["PullRequest"]);
    writes.reopen(ctxFor(g, repo), issue);
    return wrap(input, { pullRequest: issueView(g, repo, issue) });
  },
};
