//! Purpose: REST handlers for issues: get, list, create, update, labels and assignees.
import { addIssue } from "./seed.js";
import {
  input,
  issueOf,
  noContent,
  ok,
  paginate,
  repoOf,
  since,
  stringList,
  writeCtx,
  type Handler,
  type RestCtx,
} from "./rest-context.js";
import { issueJson, issueTypeJson, labelJson } from "./rest-shapes.js";
import { DoubleError } from "./store.js";
import type { Delivery, Issue, Label, Repo, StateReason } from "./types.js";
import { issueDelivery } from "./webhooks.js";
import * as writes from "./writes.js";

function labelsOf(ctx: RestCtx, repo: Repo, issue: Issue): unknown[] {
  return issue.labels
    .map((name) => ctx.store.findLabel(repo, name))
    .filter((l): l is Label => l !== undefined)
    .map((l) => labelJson(repo, l));
}

function matches(ctx: RestCtx, issue: Issue): boolean {
  const q = ctx.query;
  const state = q.get("state") ?? "open";
  if (state !== "all" && issue.state !== state) return false;
  const labels = q.get("labels");
  if (labels) {
    const have = new Set(issue.labels.map((l) => l.toLowerCase()));
    if (!labels.split(",").every((l) => have.has(l.trim().toLowerCase()))) return false;
  }
  const assignee = q.get("assignee");
  if (assignee === "none" && issue.assignees.length > 0) return false;
  if (assignee === "*" && issue.assignees.length === 0) return false;
  if (assignee && !["none", "*"].includes(assignee) && !issue.assignees.some((a) => a.toLowerCase() === assignee.toLowerCase())) return false;
  const creator = q.get("creator");
  if (creator && issue.author.toLowerCase() !== creator.toLowerCase()) return false;
  const milestone = q.get("milestone");
  if (milestone === "none" && issue.milestone !== null) return false;
  if (milestone === "*" && issue.milestone === null) return false;
  if (milestone && !["none", "*"].includes(milestone) && issue.milestone !== Number(milestone)) return false;
  // `type`: a type's name, `*` any type, `none` no type (`@octokit/openapi`, issues/list-for-repo).
  const type = q.get("type");
  if (type === "none" && issue.type !== null) return false;
  if (type === "*" && issue.type === null) return false;
  if (type && !["none", "*"].includes(type) && issue.type?.toLowerCase() !== type.toLowerCase()) return false;
  const after = since(ctx);
  if (after && issue.updatedAt < after) return false;
  return true;
}

/** `type` on create and update: a name, `{ value }`, or null to clear it. */
function typeInput(body: Record<string, unknown>): string | null | undefined {
  if (!("type" in body)) return undefined;
  const value = body.type;
  if (value === null || typeof value === "string") return value;
  if (typeof value === "object" && "value" in value) {
    const inner = (value as { value?: unknown }).value;
    return typeof inner === "string" ? inner : null;
  }
  throw new DoubleError(422, "Validation Failed: type");
}

const listIssueTypes: Handler = (ctx) => ok(repoOf(ctx).issueTypes.filter((type) => type.isEnabled).map(issueTypeJson));

const listIssues: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const sort = ctx.query.get("sort") ?? "created";
  const key = (i: Issue) => (sort === "updated" ? i.updatedAt : sort === "comments" ? String(i.comments.length).padStart(8, "0") : i.createdAt);
  const direction = ctx.query.get("direction") ?? "desc";
  const list = [...repo.issues.values()]
    .filter((i) => matches(ctx, i))
    .sort((a, b) => (key(a) === key(b) ? a.number - b.number : key(a) < key(b) ? -1 : 1));
  if (direction === "desc") list.reverse();
  return paginate(ctx, list.map((i) => issueJson(ctx.store, repo, i)));
};

const getIssue: Handler = (ctx) => {
  const repo = repoOf(ctx);
  return ok(issueJson(ctx.store, repo, issueOf(ctx, repo)));
};

const createIssue: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const body = input(ctx);
  const issue = addIssue(ctx.store, repo, {
    title: String(body.title),
    body: typeof body.body === "string" ? body.body : null,
    author: ctx.actor,
    createdAt: ctx.store.now(),
  });
  // GitHub sends `opened` first, then one `labeled`/`assigned`/`milestoned` per change.
  const later: Delivery[] = [];
  const w = { ...writeCtx(ctx, repo), emit: (d: Delivery) => void later.push(d) };
  writes.addLabels(w, issue, stringList(body.labels));
  writes.addAssignees(w, issue, stringList(body.assignees));
  if (typeof body.milestone === "number") writes.setMilestone(w, issue, body.milestone);
  // A type given at creation is in the `opened` payload; no `typed` follows (the model's choice).
  const type = typeInput(body);
  if (type) writes.setType({ ...w, emit: () => undefined }, issue, type);
  ctx.emit(issueDelivery(ctx.store, repo, issue, "opened", ctx.actor));
  later.forEach(ctx.emit);
  return ok(issueJson(ctx.store, repo, issue), 201);
};

const updateIssue: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const issue = issueOf(ctx, repo);
  const body = input(ctx);
  const w = writeCtx(ctx, repo);
  // GitHub validates the whole edit before applying any of it.
  if (body.milestone !== undefined && body.milestone !== null && !ctx.store.milestoneByNumber(repo, Number(body.milestone))) {
    writes.setMilestone(w, issue, Number(body.milestone));
  }
  const type = typeInput(body);
  if (type !== undefined) writes.setType(w, issue, type);
  if (Array.isArray(body.labels)) writes.setLabels(w, issue, stringList(body.labels));
  if (Array.isArray(body.assignees)) writes.setAssignees(w, issue, stringList(body.assignees));
  else if ("assignee" in body) writes.setAssignees(w, issue, typeof body.assignee === "string" ? [body.assignee] : []);
  if ("milestone" in body) {
    const milestone = body.milestone === null ? null : Number(body.milestone);
    writes.setMilestone(w, issue, milestone);
  }
  const change: { title?: string; body?: string | null } = {};
  if (body.title !== undefined && body.title !== null) change.title = String(body.title);
  if (body.body !== undefined) change.body = body.body as string | null;
  writes.edit(w, issue, change);
  if (body.state === "closed") writes.close(w, issue, body.state_reason as StateReason | null | undefined);
  if (body.state === "open") writes.reopen(w, issue);
  return ok(issueJson(ctx.store, repo, issue));
};

const listIssueLabels: Handler = (ctx) => {
  const repo = repoOf(ctx);
  return paginate(ctx, labelsOf(ctx, repo, issueOf(ctx, repo)));
};

function labelNames(body: unknown): string[] {
  if (Array.isArray(body)) return stringList(body);
  if (typeof body === "string") return [body];
  const labels = (body as { labels?: unknown } | undefined)?.labels;
  return typeof labels === "string" ? [labels] : stringList(labels);
}

const addIssueLabels: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const issue = issueOf(ctx, repo);
  writes.addLabels(writeCtx(ctx, repo), issue, labelNames(ctx.body));
  return ok(labelsOf(ctx, repo, issue));
};

const setIssueLabels: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const issue = issueOf(ctx, repo);
  writes.setLabels(writeCtx(ctx, repo), issue, labelNames(ctx.body));
  return ok(labelsOf(ctx, repo, issue));
};

const removeIssueLabel: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const issue = issueOf(ctx, repo);
  if (!writes.removeLabel(writeCtx(ctx, repo), issue, ctx.params.name ?? "")) {
    throw new DoubleError(404, "Label does not exist");
  }
  return ok(labelsOf(ctx, repo, issue));
};

const removeAllIssueLabels: Handler = (ctx) => {
  const repo = repoOf(ctx);
  writes.setLabels(writeCtx(ctx, repo), issueOf(ctx, repo), []);
  return noContent();
};

const addAssignees: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const issue = issueOf(ctx, repo);
  writes.addAssignees(writeCtx(ctx, repo), issue, stringList(input(ctx).assignees));
  return ok(issueJson(ctx.store, repo, issue), 201);
};

const removeAssignees: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const issue = issueOf(ctx, repo);
  writes.removeAssignees(writeCtx(ctx, repo), issue, stringList(input(ctx).assignees));
  return ok(issueJson(ctx.store, repo, issue));
};

const checkAssignable: Handler = (ctx) => {
  const repo = repoOf(ctx);
  const login = ctx.params.assignee ?? "";
  const known = ctx.store.findUser(login);
  const issue = ctx.params.issue_number ? issueOf(ctx, repo) : undefined;
  const allowed = known && (issue ? ctx.store.assignable(repo, issue, login) : repo.collaborators.has(login.toLowerCase()) || login.toLowerCase() === repo.owner.toLowerCase());
  if (!allowed) throw new DoubleError(404, "Not Found");
  return noContent();
};

export const issueRoutes: Record<string, Handler> = {
  "GET /repos/{owner}/{repo}/issues": listIssues,
  "POST /repos/{owner}/{repo}/issues": createIssue,
  "GET /repos/{owner}/{repo}/issues/{issue_number}": getIssue,
  "PATCH /repos/{owner}/{repo}/issues/{issue_number}": updateIssue,
  "GET /repos/{owner}/{repo}/issues/{issue_number}/labels": listIssueLabels,
  "POST /repos/{owner}/{repo}/issues/{issue_number}/labels": addIssueLabels,
  "PUT /repos/{owner}/{repo}/issues/{issue_number}/labels": setIssueLabels,
  "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels": removeAllIssueLabels,
  "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}": removeIssueLabel,
  "POST /repos/{owner}/{repo}/issues/{issue_number}/assignees": addAssignees,
  "DELETE /repos/{owner}/{repo}/issues/{issue_number}/assignees": removeAssignees,
  "GET /repos/{owner}/{repo}/issues/{issue_number}/assignees/{assignee}": checkAssignable,
  "GET /repos/{owner}/{repo}/assignees/{assignee}": checkAssignable,
  "GET /repos/{owner}/{repo}/issue-types": listIssueTypes,
};
