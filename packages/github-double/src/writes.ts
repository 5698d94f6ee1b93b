//! Purpose: changes to issues and PRs as GitHub applies them: timeline events, timestamps and webhooks.
import { addComment as seedComment, addEvent } from "./seed.js";
import { DoubleError, type Store } from "./store.js";
import { issueTypeJson, loginJson } from "./rest-shapes.js";
import { findIssueType } from "./seed-repo.js";
import { teamJson } from "./rest-shapes-pull.js";
import type { Comment, Delivery, Issue, Label, Reaction, ReactionContent, Repo, RequestedReviewer, StateReason } from "./types.js";
import {
  assigneeExtra,
  commentDelivery,
  issueDelivery,
  labelExtra,
  milestoneExtra,
} from "./webhooks.js";

/** Who acts, where, and where the resulting webhooks go. */
export interface WriteCtx {
  store: Store;
  repo: Repo;
  actor: string;
  emit: (delivery: Delivery) => void;
}

function touch(ctx: WriteCtx, issue: Issue): string {
  const now = ctx.store.now();
  issue.updatedAt = now;
  return now;
}

/** Adds labels (creating unknown ones, like GitHub); returns the labels that were not there yet. */
export function addLabels(ctx: WriteCtx, issue: Issue, names: string[]): Label[] {
  const added: Label[] = [];
  for (const name of names) {
    const label = ctx.store.ensureLabel(ctx.repo, name);
    if (issue.labels.some((l) => l.toLowerCase() === label.name.toLowerCase())) continue;
    issue.labels.push(label.name);
    const at = touch(ctx, issue);
    addEvent(ctx.store, ctx.repo, issue, { kind: "labeled", actor: ctx.actor, createdAt: at, label: label.name });
    ctx.emit(issueDelivery(ctx.store, ctx.repo, issue, "labeled", ctx.actor, labelExtra(ctx.repo, label)));
    added.push(label);
  }
  return added;
}

/** Removes one label; false when the issue did not have it. */
export function removeLabel(ctx: WriteCtx, issue: Issue, name: string): boolean {
  const index = issue.labels.findIndex((l) => l.toLowerCase() === name.toLowerCase());
  if (index < 0) return false;
  const [removed = name] = issue.labels.splice(index, 1);
  const label = ctx.store.ensureLabel(ctx.repo, removed);
  const at = touch(ctx, issue);
  addEvent(ctx.store, ctx.repo, issue, { kind: "unlabeled", actor: ctx.actor, createdAt: at, label: label.name });
  ctx.emit(issueDelivery(ctx.store, ctx.repo, issue, "unlabeled", ctx.actor, labelExtra(ctx.repo, label)));
  return true;
}

export function setLabels(ctx: WriteCtx, issue: Issue, names: string[]): void {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  for (const current of [...issue.labels]) if (!wanted.has(current.toLowerCase())) removeLabel(ctx, issue, current);
  addLabels(ctx, issue, names);
}

/**
 * Sets or clears the issue type. A new type sends `issues.typed` (also when it replaces another), clearing it
 * `issues.untyped` with the type removed, as `@octokit/openapi-webhooks-types` shapes them (`type` beside `issue`).
 * A name the repository does not have is refused (422); pull requests have no type.
 */
export function setType(ctx: WriteCtx, issue: Issue, name: string | null): void {
  if (issue.pull) return;
  const type = name === null ? null : findIssueType(ctx.repo, name);
  if (type === undefined) throw new DoubleError(422, `Validation Failed: issue type "${name}" does not exist for ${ctx.repo.fullName}`);
  const before = issue.type === null ? null : ctx.repo.issueTypes.find((t) => t.name === issue.type) ?? null;
  if ((type?.name ?? null) === issue.type) return;
  issue.type = type?.name ?? null;
  touch(ctx, issue);
  if (type) ctx.emit(issueDelivery(ctx.store, ctx.repo, issue, "typed", ctx.actor, { type: issueTypeJson(type) }));
  else if (before) ctx.emit(issueDelivery(ctx.store, ctx.repo, issue, "untyped", ctx.actor, { type: issueTypeJson(before) }));
}

/** Assigns people; already assigned and unassignable people are silently skipped, like GitHub. */
export function addAssignees(ctx: WriteCtx, issue: Issue, logins: string[]): string[] {
  const added: string[] = [];
  for (const login of logins) {
    if (issue.assignees.some((a) => a.toLowerCase() === login.toLowerCase())) continue;
    if (!ctx.store.findUser(login) || !ctx.store.assignable(ctx.repo, issue, login)) continue;
    if (issue.assignees.length >= 10) break;
    const user = ctx.store.user(login);
    issue.assignees.push(user.login);
    const at = touch(ctx, issue);
    addEvent(ctx.store, ctx.repo, issue, { kind: "assigned", actor: ctx.actor, createdAt: at, assignee: user.login });
    ctx.emit(issueDelivery(ctx.store, ctx.repo, issue, "assigned", ctx.actor, assigneeExtra(ctx.store, user.login)));
    added.push(user.login);
  }
  return added;
}

export function removeAssignees(ctx: WriteCtx, issue: Issue, logins: string[]): string[] {
  const removed: string[] = [];
  for (const login of logins) {
    const index = issue.assignees.findIndex((a) => a.toLowerCase() === login.toLowerCase());
    if (index < 0) continue;
    const [gone = login] = issue.assignees.splice(index, 1);
    const at = touch(ctx, issue);
    addEvent(ctx.store, ctx.repo, issue, { kind: "unassigned", actor: ctx.actor, createdAt: at, assignee: gone });
    ctx.emit(issueDelivery(ctx.store, ctx.repo, issue, "unassigned", ctx.actor, assigneeExtra(ctx.store, gone)));
    removed.push(gone);
  }
  return removed;
}

export function setAssignees(ctx: WriteCtx, issue: Issue, logins: string[]): void {
  const wanted = new Set(logins.map((l) => l.toLowerCase()));
  removeAssignees(ctx, issue, issue.assignees.filter((a) => !wanted.has(a.toLowerCase())));
  addAssignees(ctx, issue, logins);
}

/** GitHub refuses a comment body over 65,536 characters (REST 422, GraphQL UNPROCESSABLE) and keeps nothing. */
const COMMENT_LIMIT = 65_536;

function checkLength(body: string): void {
  if (body.length > COMMENT_LIMIT) throw new DoubleError(422, `Body is too long (maximum is ${COMMENT_LIMIT} characters)`);
}

export function comment(ctx: WriteCtx, issue: Issue, body: string): Comment {
  checkLength(body);
  if (issue.locked && ctx.store.association(ctx.repo, ctx.actor) === "NONE" && ctx.store.findUser(ctx.actor)?.type !== "Bot") {
    throw new DoubleError(403, "Unable to create comment because issue is locked.");
  }
  const created = seedComment(ctx.store, ctx.repo, issue, { author: ctx.actor, body, createdAt: touch(ctx, issue) });
  ctx.emit(commentDelivery(ctx.store, ctx.repo, issue, created, "created", ctx.actor));
  return created;
}

export function editComment(ctx: WriteCtx, issue: Issue, target: Comment, body: string): void {
  checkLength(body);
  if (target.body === body) return;
  const from = target.body;
  target.body = body;
  target.updatedAt = ctx.store.now();
  ctx.emit(commentDelivery(ctx.store, ctx.repo, issue, target, "edited", ctx.actor, { body: { from } }));
}

/** Adds a reaction; a second identical reaction by the same person is a no-op (`created: false`). */
export function react(ctx: WriteCtx, list: Reaction[], content: ReactionContent): { reaction: Reaction; created: boolean } {
  const existing = list.find((r) => r.content === content && r.user.toLowerCase() === ctx.actor.toLowerCase());
  if (existing) return { reaction: existing, created: false };
  const id = ctx.store.id();
  const reaction: Reaction = { id, nodeId: ctx.store.nodeId("Reaction", id), content, user: ctx.actor, createdAt: ctx.store.now() };
  list.push(reaction);
  return { reaction, created: true };
}

/** Closes an issue or PR; returns false when it was already closed (then only the reason may change). */
export function close(ctx: WriteCtx, issue: Issue, reason: StateReason | null | undefined, closer?: { repo: string; number: number }): boolean {
  const stateReason = issue.pull ? null : (reason ?? "completed");
  if (issue.state === "closed") {
    if (reason && !issue.pull) issue.stateReason = stateReason;
    return false;
  }
  const at = touch(ctx, issue);
  Object.assign(issue, { state: "closed", stateReason, closedAt: at, closedBy: ctx.actor });
  addEvent(ctx.store, ctx.repo, issue, { kind: "closed", actor: ctx.actor, createdAt: at, stateReason, ...(closer && { closer }) });
  ctx.emit(issueDelivery(ctx.store, ctx.repo, issue, "closed", ctx.actor));
  return true;
}

export function reopen(ctx: WriteCtx, issue: Issue): boolean {
  if (issue.state === "open") return false;
  if (issue.pull?.merged) throw new DoubleError(422, "Validation Failed: state cannot be changed. The pull request is merged.");
  const at = touch(ctx, issue);
  Object.assign(issue, { state: "open", stateReason: issue.pull ? null : "reopened", closedAt: null });
  addEvent(ctx.store, ctx.repo, issue, { kind: "reopened", actor: ctx.actor, createdAt: at, stateReason: issue.stateReason });
  ctx.emit(issueDelivery(ctx.store, ctx.repo, issue, "reopened", ctx.actor));
  return true;
}

export function setMilestone(ctx: WriteCtx, issue: Issue, number: number | null): void {
  if (issue.milestone === number) return;
  const next = number === null ? undefined : ctx.store.milestoneByNumber(ctx.repo, number);
  if (number !== null && !next) {
    throw new DoubleError(422, "Validation Failed", "UNPROCESSABLE", {
      errors: [{ value: number, resource: "Issue", field: "milestone", code: "invalid" }],
    });
  }
  const previous = issue.milestone === null ? undefined : ctx.store.milestoneByNumber(ctx.repo, issue.milestone);
  issue.milestone = number;
  const at = touch(ctx, issue);
  if (previous) {
    addEvent(ctx.store, ctx.repo, issue, { kind: "demilestoned", actor: ctx.actor, createdAt: at, milestone: previous.title });
    if (!next) ctx.emit(issueDelivery(ctx.store, ctx.repo, issue, "demilestoned", ctx.actor, milestoneExtra(ctx.store, ctx.repo, previous)));
  }
  if (next) {
    addEvent(ctx.store, ctx.repo, issue, { kind: "milestoned", actor: ctx.actor, createdAt: at, milestone: next.title });
    ctx.emit(issueDelivery(ctx.store, ctx.repo, issue, "milestoned", ctx.actor, milestoneExtra(ctx.store, ctx.repo, next)));
  }
}

export function edit(ctx: WriteCtx, issue: Issue, change: { title?: string; body?: string | null }): void {
  const changes: Record<string, { from: unknown }> = {};
  if (change.title !== undefined && change.title !== issue.title) {
    changes.title = { from: issue.title };
    const at = touch(ctx, issue);
    addEvent(ctx.store, ctx.repo, issue, { kind: "renamed", actor: ctx.actor, createdAt: at, rename: { from: issue.title, to: change.title } });
    issue.title = change.title;
  }
  if (change.body !== undefined && change.body !== issue.body) {
    changes.body = { from: issue.body };
    issue.body = change.body;
    touch(ctx, issue);
  }
  if (Object.keys(changes).length > 0) ctx.emit(issueDelivery(ctx.store, ctx.repo, issue, "edited", ctx.actor, { changes }));
}

/** Draft state only changes through GraphQL (or the web UI); REST cannot do it. */
export function setDraft(ctx: WriteCtx, issue: Issue, draft: boolean): void {
  const pull = issue.pull;
  if (!pull) throw new DoubleError(404, `Could not resolve to a PullRequest with the global id of '${issue.nodeId}'`);
  if (issue.state !== "open") throw new DoubleError(422, "Pull request is closed");
  if (pull.draft === draft) return;
  pull.draft = draft;
  const at = touch(ctx, issue);
  addEvent(ctx.store, ctx.repo, issue, { kind: draft ? "convert_to_draft" : "ready_for_review", actor: ctx.actor, createdAt: at });
  ctx.emit(issueDelivery(ctx.store, ctx.repo, issue, draft ? "converted_to_draft" : "ready_for_review", ctx.actor));
}

/**
 * Requests reviews (REST `POST …/requested_reviewers`): one `review_requested` event and one
 * `pull_request.review_requested` webhook per new reviewer, as GitHub sends them. The author cannot be asked.
 */
export function requestReviews(ctx: WriteCtx, issue: Issue, wanted: RequestedReviewer[]): RequestedReviewer[] {
  const pull = issue.pull;
  if (!pull) throw new DoubleError(404, "Not Found");
  const added: RequestedReviewer[] = [];
  for (const reviewer of wanted) {
    if (reviewer.kind === "User" && reviewer.name.toLowerCase() === issue.author.toLowerCase()) {
      throw new DoubleError(422, "Review cannot be requested from pull request author.");
    }
    if (pull.reviewRequests.some((r) => r.kind === reviewer.kind && r.name.toLowerCase() === reviewer.name.toLowerCase())) continue;
    const request = reviewer.kind === "User" ? { kind: "User" as const, name: ctx.store.user(reviewer.name).login } : reviewer;
    pull.reviewRequests.push(request);
    const at = touch(ctx, issue);
    addEvent(ctx.store, ctx.repo, issue, { kind: "review_requested", actor: ctx.actor, createdAt: at, requestedReviewer: request });
    const extra = request.kind === "User" ? { requested_reviewer: loginJson(ctx.store, request.name) } : { requested_team: teamJson(ctx.store, request.name) };
    ctx.emit(issueDelivery(ctx.store, ctx.repo, issue, "review_requested", ctx.actor, extra));
    added.push(request);
  }
  return added;
}
