//! Purpose: what a person does on GitHub (comment, label, close, merge, review...) applied to the model, as the webhook it causes.
import { closingReferences, mentionedIssues } from "./closing-references.js";
import { addCommit, addEvent, addIssue, addReview, requestedReviewerOf } from "./seed.js";
import { DoubleError, type Store } from "./store.js";
import type { Delivery, Issue, Repo, ReviewState, StateReason } from "./types.js";
import { issueDelivery, milestoneDelivery, reviewDelivery } from "./webhooks.js";
import * as writes from "./writes.js";

export interface PersonAction {
  /** "owner/name". */
  repo: string;
  /** Login of the person acting (created as a user on first sight). */
  actor: string;
  /** Issue or PR number (not for `*.opened` and `milestone.*`). */
  number?: number;
  /** When it happened (default: the double's clock). */
  at?: string;
  label?: string;
  assignee?: string;
  body?: string;
  title?: string;
  labels?: string[];
  assignees?: string[];
  stateReason?: StateReason;
  /** Milestone number or title. */
  milestone?: number | string | null;
  /** `pull_request.closed`: merge instead of just closing. */
  merged?: boolean;
  draft?: boolean;
  /** `pull_request.review_requested`: logins, or `org/slug` for a team. */
  reviewers?: string[];
  /** `pull_request_review.submitted`. */
  state?: ReviewState;
  /** `issue_comment.edited`. */
  commentId?: number;
  /** `pull_request.opened`/`synchronize`: files the PR changes (path → content, null when deleted). */
  files?: Record<string, string | null>;
  /** `pull_request.synchronize`: the pushed commit's message. */
  message?: string;
  head?: string;
  /** `issues.typed`: the type's name. */
  type?: string;
}

export type PayloadName =
  | "issues.opened"
  | "issues.edited"
  | "issues.labeled"
  | "issues.unlabeled"
  | "issues.assigned"
  | "issues.unassigned"
  | "issues.closed"
  | "issues.reopened"
  | "issues.typed"
  | "issues.untyped"
  | "issues.milestoned"
  | "issues.demilestoned"
  | "issue_comment.created"
  | "issue_comment.edited"
  | "pull_request.opened"
  | "pull_request.edited"
  | "pull_request.closed"
  | "pull_request.reopened"
  | "pull_request.synchronize"
  | "pull_request.labeled"
  | "pull_request.unlabeled"
  | "pull_request.assigned"
  | "pull_request.unassigned"
  | "pull_request.ready_for_review"
  | "pull_request.converted_to_draft"
  | "pull_request.review_requested"
  | "pull_request_review.submitted"
  | "milestone.closed"
  | "milestone.opened";

interface Scene {
  store: Store;
  repo: Repo;
  action: PersonAction;
  ctx: writes.WriteCtx;
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`payload: "${what}" is required for this event`);
  return value;
}

function issueOf(scene: Scene): Issue {
  return scene.store.issue(scene.repo, need(scene.action.number, "number"));
}

function milestoneNumber(scene: Scene): number | null {
  const wanted = scene.action.milestone;
  if (wanted === null || wanted === undefined) return null;
  const found = scene.repo.milestones.find((m) => m.number === wanted || m.title === wanted);
  if (!found) throw new Error(`payload: no milestone ${wanted} in ${scene.repo.fullName}`);
  return found.number;
}

function open(scene: Scene, pull: boolean): void {
  const { store, repo, action, ctx } = scene;
  const seed = { number: action.number, title: action.title ?? "Untitled", body: action.body ?? null, author: action.actor, createdAt: store.now() };
  const issue = addIssue(store, repo, seed, pull ? { ...seed, draft: action.draft ?? false, files: action.files, head: { ref: action.head } } : undefined);
  if (pull) addCommit(store, repo, issue, { committedAt: store.now(), message: action.title ?? "Initial commit" });
  const later: Delivery[] = [];
  const quiet = { ...ctx, emit: (d: Delivery) => void later.push(d) };
  writes.addLabels(quiet, issue, action.labels ?? []);
  writes.addAssignees(quiet, issue, action.assignees ?? []);
  if (action.type && !pull) writes.setType({ ...ctx, emit: () => undefined }, issue, action.type);
  // GitHub puts a cross-reference on each issue the new pull request mentions (no webhook).
  if (pull) {
    for (const target of mentionedIssues(repo, issue.body, issue.number)) {
      addEvent(store, repo, target, { kind: "cross-referenced", actor: action.actor, createdAt: store.now(), source: { repo: repo.fullName, number: issue.number } });
    }
  }
  ctx.emit(issueDelivery(store, repo, issue, "opened", action.actor));
  later.forEach(ctx.emit);
}

function merge(scene: Scene, issue: Issue): void {
  const { store, repo, action, ctx } = scene;
  const pull = issue.pull;
  if (!pull || issue.state !== "open") throw new DoubleError(405, "Pull Request is not mergeable");
  const at = store.now();
  Object.assign(pull, { merged: true, mergedAt: at, mergedBy: action.actor, mergeCommitSha: `${pull.head.sha.slice(0, 30)}merge00000` });
  Object.assign(issue, { state: "closed", closedAt: at, closedBy: action.actor, updatedAt: at });
  addEvent(store, repo, issue, { kind: "merged", actor: action.actor, createdAt: at, commitId: pull.mergeCommitSha });
  addEvent(store, repo, issue, { kind: "closed", actor: action.actor, createdAt: at, stateReason: null });
  ctx.emit(issueDelivery(store, repo, issue, "closed", action.actor));
  // GitHub then closes what the body references with a closing keyword, when the PR lands on the default branch:
  // each issue as completed, by the merger, with the PR as the close's `closer`.
  if (pull.base.ref !== repo.defaultBranch) return;
  for (const ref of closingReferences(store, repo, issue.body)) {
    if (ref.issue.state !== "open") continue;
    const emit = (d: Delivery) => ctx.emit(Object.assign(d, { [CAUSED]: true }));
    writes.close({ ...ctx, repo: ref.repo, emit }, ref.issue, "completed", { repo: repo.fullName, number: issue.number });
  }
}

const ACTIONS: Record<PayloadName, (scene: Scene) => void> = {
  "issues.opened": (s) => open(s, false),
  "pull_request.opened": (s) => open(s, true),
  "issues.edited": (s) => writes.edit(s.ctx, issueOf(s), { title: s.action.title, body: s.action.body }),
  "pull_request.edited": (s) => writes.edit(s.ctx, issueOf(s), { title: s.action.title, body: s.action.body }),
  "issues.labeled": (s) => void writes.addLabels(s.ctx, issueOf(s), [need(s.action.label, "label")]),
  "pull_request.labeled": (s) => void writes.addLabels(s.ctx, issueOf(s), [need(s.action.label, "label")]),
  "issues.unlabeled": (s) => void writes.removeLabel(s.ctx, issueOf(s), need(s.action.label, "label")),
  "pull_request.unlabeled": (s) => void writes.removeLabel(s.ctx, issueOf(s), need(s.action.label, "label")),
  "issues.assigned": (s) => void writes.addAssignees(s.ctx, issueOf(s), [need(s.action.assignee, "assignee")]),
  "pull_request.assigned": (s) => void writes.addAssignees(s.ctx, issueOf(s), [need(s.action.assignee, "assignee")]),
  "issues.unassigned": (s) => void writes.removeAssignees(s.ctx, issueOf(s), [need(s.action.assignee, "assignee")]),
  "pull_request.unassigned": (s) => void writes.removeAssignees(s.ctx, issueOf(s), [need(s.action.assignee, "assignee")]),
  "issues.closed": (s) => void writes.close(s.ctx, issueOf(s), s.action.stateReason),
  "issues.typed": (s) => writes.setType(s.ctx, issueOf(s), need(s.action.type, "type")),
  "issues.untyped": (s) => writes.setType(s.ctx, issueOf(s), null),
  "issues.reopened": (s) => void writes.reopen(s.ctx, issueOf(s)),
  "pull_request.reopened": (s) => void writes.reopen(s.ctx, issueOf(s)),
  "pull_request.closed": (s) => (s.action.merged ? merge(s, issueOf(s)) : void writes.close(s.ctx, issueOf(s), null)),
  "issues.milestoned": (s) => writes.setMilestone(s.ctx, issueOf(s), need(milestoneNumber(s) ?? undefined, "milestone")),
  "issues.demilestoned": (s) => writes.setMilestone(s.ctx, issueOf(s), null),
  "issue_comment.created": (s) => void writes.comment(s.ctx, issueOf(s), need(s.action.body, "body")),
  "issue_comment.edited": (s) => {
    const id = need(s.action.commentId, "commentId");
    const issue = [...s.repo.issues.values()].find((i) => i.comments.some((c) => c.id === id));
    const comment = issue?.comments.find((c) => c.id === id);
    if (!issue || !comment) throw new Error(`payload: no comment ${id} in ${s.repo.fullName}`);
    writes.editComment(s.ctx, issue, comment, need(s.action.body, "body"));
  },
  "pull_request.ready_for_review": (s) => writes.setDraft(s.ctx, issueOf(s), false),
  "pull_request.converted_to_draft": (s) => writes.setDraft(s.ctx, issueOf(s), true),
  "pull_request.synchronize": (s) => {
    const issue = issueOf(s);
    const before = issue.pull?.head.sha;
    addCommit(s.store, s.repo, issue, { committedAt: s.store.now(), message: s.action.message ?? "Update", author: s.action.actor });
    for (const [path, content] of Object.entries(s.action.files ?? {})) issue.pull?.files.set(path, content);
    issue.updatedAt = s.store.now();
    s.ctx.emit(issueDelivery(s.store, s.repo, issue, "synchronize", s.action.actor, { before, after: issue.pull?.head.sha }));
  },
  "pull_request.review_requested": (s) => void writes.requestReviews(s.ctx, issueOf(s), need(s.action.reviewers, "reviewers").map(requestedReviewerOf)),
  "pull_request_review.submitted": (s) => {
    const issue = issueOf(s);
    // GitHub drops a person's pending review request once they review.
    if (issue.pull) issue.pull.reviewRequests = issue.pull.reviewRequests.filter((r) => r.kind !== "User" || r.name.toLowerCase() !== s.action.actor.toLowerCase());
    const review = addReview(s.store, s.repo, issue, { author: s.action.actor, state: s.action.state ?? "COMMENTED", body: s.action.body, submittedAt: s.store.now() });
    s.ctx.emit(reviewDelivery(s.store, s.repo, issue, review, s.action.actor));
  },
  "milestone.closed": (s) => setMilestoneState(s, "closed"),
  "milestone.opened": (s) => setMilestoneState(s, "open"),
};

function setMilestoneState(scene: Scene, state: "open" | "closed"): void {
  const number = need(milestoneNumber(scene) ?? undefined, "milestone");
  const milestone = scene.store.milestoneByNumber(scene.repo, number)!;
  milestone.state = state;
  milestone.closedAt = state === "closed" ? scene.store.now() : null;
  milestone.updatedAt = scene.store.now();
  scene.ctx.emit(milestoneDelivery(scene.store, scene.repo, milestone, state === "closed" ? "closed" : "opened", scene.action.actor));
}

/**
 * Performs a person's action on the model and returns the webhook GitHub sends for it.
 * Throws when the action changes nothing (GitHub would send no webhook).
 */
/** Marks the webhooks GitHub sends besides the action's own (the issues a merge closes). */
const CAUSED = Symbol("caused");

/** The action's webhook, and the other webhooks GitHub sends for it (`issues.closed` of each issue a merge closes). */
export function personEvents(store: Store, name: PayloadName, action: PersonAction): { delivery: Delivery; caused: Delivery[] } {
  const deliveries: Delivery[] = [];
  const delivery = personEventInto(store, name, action, deliveries);
  const caused = deliveries.filter((d) => (d as unknown as Record<symbol, unknown>)[CAUSED]);
  for (const d of caused) delete (d as unknown as Record<symbol, unknown>)[CAUSED];
  return { delivery, caused };
}

export function personEvent(store: Store, name: PayloadName, action: PersonAction): Delivery {
  return personEvents(store, name, action).delivery;
}

function personEventInto(store: Store, name: PayloadName, action: PersonAction, deliveries: Delivery[]): Delivery {
  const repo = store.repo(action.repo);
  store.user(action.actor);
  const ctx: writes.WriteCtx = { store, repo, actor: action.actor, emit: (d) => void deliveries.push(d) };
  store.at(action.at, () => ACTIONS[name]({ store, repo, action, ctx }));
  const [event, verb] = name.split(".");
  // Label, assignee and state changes on a PR arrive as `pull_request` events, whichever name was asked for.
  const names = event === "issues" || event === "pull_request" ? ["issues", "pull_request"] : [event];
  const found = deliveries.find((d) => names.includes(d.name) && d.payload.action === verb);
  if (!found) throw new Error(`payload: ${name} on ${action.repo}#${action.number ?? "new"} changed nothing, so GitHub would send no webhook`);
  return found;
}
