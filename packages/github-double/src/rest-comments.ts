//! Purpose: REST handlers for issue comments, reactions, the timeline and issue events.
import { input, issueOf, ok, paginate, repoOf, since, writeCtx, type Handler, type RestCtx } from "./rest-context.js";
import { eventJson, timelineJson } from "./rest-shapes-pull.js";
import { commentJson, reactionJson } from "./rest-shapes.js";
import { DoubleError } from "./store.js";
import type { Comment, Issue, ReactionContent, Repo } from "./types.js";
import * as writes from "./writes.js";

function findComment(ctx: RestCtx, repo: Repo): { issue: Issue; comment: Comment } {
  const id = Number(ctx.params.comment_id);
  for (const issue of repo.issues.values()) {
    const comment = issue.comments.find((c) => c.id === id);
    if (comment) return { issue, comment };
  }
  throw new DoubleError(404, "Not Found");
}

const listComments: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const issue = issueOf(ctx, repo);
  const after = since(ctx);
  const list = issue.comments.filter((c) => !after || c.updatedAt >= after);
  return paginate(ctx, list.map((c) => commentJson(ctx.store, repo, issue, c)));
};

const listRepoComments: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const after = since(ctx);
  const all = [...repo.issues.values()].flatMap((issue) => issue.comments.map((comment) => ({ issue, comment })));
  const list = all.filter(({ comment }) => !after || comment.updatedAt >= after);
  list.sort((a, b) => (a.comment.createdAt < b.comment.createdAt ? -1 : a.comment.createdAt > b.comment.createdAt ? 1 : 0));
  if (ctx.query.get("direction") === "desc") list.reverse();
  return paginate(ctx, list.map(({ issue, comment }) => commentJson(ctx.store, repo, issue, comment)));
};

const createComment: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const issue = issueOf(ctx, repo);
  const created = writes.comment(writeCtx(ctx, repo), issue, String(input(ctx).body));
  return ok(commentJson(ctx.store, repo, issue, created), 201);
};

const getComment: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const { issue, comment } = findComment(ctx, repo);
  return ok(commentJson(ctx.store, repo, issue, comment));
};

const updateComment: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const { issue, comment } = findComment(ctx, repo);
  const w = writeCtx(ctx, repo);
  // An installation with issues:write may edit any comment; a person only their own, unless a collaborator.
  const own = comment.author.toLowerCase() === ctx.actor.toLowerCase();
  if (ctx.principal.kind === "user" && !own && !repo.collaborators.has(ctx.actor.toLowerCase())) {
    throw new DoubleError(403, "Must have admin rights to Repository.");
  }
  writes.editComment(w, issue, comment, String(input(ctx).body));
  return ok(commentJson(ctx.store, repo, issue, comment));
};

const listCommentReactions: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const { comment } = findComment(ctx, repo);
  const content = ctx.query.get("content");
  const list = comment.reactions.filter((r) => !content || r.content === content);
  return paginate(ctx, list.map((r) => reactionJson(ctx.store, r)));
};

const reactToComment: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const { comment } = findComment(ctx, repo);
  const { reaction, created } = writes.react(writeCtx(ctx, repo), comment.reactions, input(ctx).content as ReactionContent);
  return ok(reactionJson(ctx.store, reaction), created ? 201 : 200);
};

const listIssueReactions: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const issue = issueOf(ctx, repo);
  return paginate(ctx, issue.reactions.map((r) => reactionJson(ctx.store, r)));
};

const reactToIssue: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const issue = issueOf(ctx, repo);
  const { reaction, created } = writes.react(writeCtx(ctx, repo), issue.reactions, input(ctx).content as ReactionContent);
  return ok(reactionJson(ctx.store, reaction), created ? 201 : 200);
};

const timeline: Handler = (ctx) => {
  const repo = repoOf(ctx);
  return paginate(ctx, timelineJson(ctx.store, repo, issueOf(ctx, repo)));
};

const events: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const issue = issueOf(ctx, repo);
  const list = issue.events.filter((e) => e.kind !== "cross-referenced");
  return paginate(ctx, list.map((e) => eventJson(ctx.store, repo, e)));
};

export const commentRoutes: Record<string, Handler> = {
  "GET /repos/{owner}/{repo}/issues/{issue_number}/comments": listComments,
  "POST /repos/{owner}/{repo}/issues/{issue_number}/comments": createComment,
  "GET /repos/{owner}/{repo}/issues/comments": listRepoComments,
  "GET /repos/{owner}/{repo}/issues/comments/{comment_id}": getComment,
  "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}": updateComment,
  "GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions": listCommentReactions,
  "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions": reactToComment,
  "GET /repos/{owner}/{repo}/issues/{issue_number}/reactions": listIssueReactions,
  "POST /repos/{owner}/{repo}/issues/{issue_number}/reactions": reactToIssue,
  "GET /repos/{owner}/{repo}/issues/{issue_number}/timeline": timeline,
  "GET /repos/{owner}/{repo}/issues/{issue_number}/events": events,
};
