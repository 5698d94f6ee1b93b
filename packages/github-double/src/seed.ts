//! Purpose: seeding the model with a past: issues, PRs and their comments, events, reviews, commits (repositories: seed-repo.ts).
import { createHash } from "node:crypto";
import { DoubleError, iso, type Store } from "./store.js";
import { findIssueType } from "./seed-repo.js";
import type { CommentSeed, CommitSeed, EventSeed, IssueSeed, PullSeed, RepoSeed, ReviewSeed } from "./seed-types.js";
import type { Comment, Commit, EventKind, Issue, IssueEvent, Repo, RequestedReviewer, Review } from "./types.js";

export type { CommentSeed, CommitSeed, EventSeed, IssueSeed, PullSeed, RepoSeed, ReviewSeed };
export { addInstallation, addMilestone, addRepo, setCollaborator } from "./seed-repo.js";

function resolveMilestone(repo: Repo, wanted: number | string | null | undefined): number | null {
  if (wanted === null || wanted === undefined) return null;
  const found = repo.milestones.find((m) => m.number === wanted || m.title === wanted);
  if (!found) throw new Error(`no milestone ${wanted} in ${repo.fullName}`);
  return found.number;
}

export function addIssue(store: Store, repo: Repo, seed: IssueSeed, pull?: PullSeed): Issue {
  const number = seed.number ?? repo.nextNumber;
  if (repo.issues.has(number)) throw new DoubleError(422, `${repo.fullName}#${number} already exists`);
  repo.nextNumber = Math.max(repo.nextNumber, number + 1);
  const author = seed.author ?? "octocat";
  store.user(author);
  const createdAt = seed.createdAt ?? store.now();
  const state = seed.state ?? "open";
  const id = store.id();
  const type = pull ? "PullRequest" : "Issue";
  const closedAt = state === "closed" ? (seed.closedAt ?? seed.updatedAt ?? createdAt) : null;
  const issue: Issue = {
    id,
    nodeId: store.nodeId(type, id),
    number,
    title: seed.title ?? `${type} ${number}`,
    body: seed.body ?? null,
    state,
    stateReason: state === "closed" ? (seed.stateReason ?? (pull ? null : "completed")) : (seed.stateReason ?? null),
    author,
    authorAssociation: seed.authorAssociation ?? store.association(repo, author),
    labels: (seed.labels ?? []).map((name) => store.ensureLabel(repo, name).name),
    type: pull || !seed.type ? null : (findIssueType(repo, seed.type)?.name ?? fail(`${repo.fullName} has no issue type "${seed.type}"`)),
    assignees: (seed.assignees ?? []).map((login) => store.user(login).login),
    milestone: resolveMilestone(repo, seed.milestone),
    locked: seed.locked ?? false,
    createdAt,
    updatedAt: seed.updatedAt ?? closedAt ?? createdAt,
    closedAt,
    closedBy: state === "closed" ? (seed.closedBy ?? author) : null,
    comments: [],
    events: [],
    reactions: [],
  };
  if (pull) issue.pull = pullData(store, repo, pull, number);
  repo.issues.set(number, issue);
  store.register(issue.nodeId, { type, repo, issue });
  for (const comment of seed.comments ?? []) addComment(store, repo, issue, comment);
  for (const event of seed.events ?? []) addEvent(store, repo, issue, event);
  if (pull) {
    for (const commit of pull.commits ?? []) addCommit(store, repo, issue, commit);
    for (const review of pull.reviews ?? []) addReview(store, repo, issue, review);
  }
  backfillEvents(store, repo, issue);
  // As on GitHub, a comment or an event in the seeded past updated the issue (`filterBy: { since }` reads it).
  if (seed.updatedAt === undefined) {
    for (const at of [...issue.comments.map((c) => c.createdAt), ...issue.events.map((e) => e.createdAt)]) if (at > issue.updatedAt) issue.updatedAt = at;
  }
  return issue;
}

function pullData(store: Store, repo: Repo, seed: PullSeed, number: number): NonNullable<Issue["pull"]> {
  const merged = seed.merged ?? false;
  const mergedAt = merged ? (seed.mergedAt ?? seed.closedAt ?? seed.updatedAt ?? store.now()) : null;
  return {
    draft: seed.draft ?? false,
    merged,
    mergedAt,
    mergedBy: merged ? (seed.mergedBy ?? repo.owner) : null,
    mergeCommitSha: merged ? sha(`${repo.fullName}#${number}:merge`) : null,
    head: { ref: seed.head?.ref ?? `patch-${number}`, sha: seed.head?.sha ?? sha(`${repo.fullName}#${number}:head`) },
    base: { ref: seed.base?.ref ?? repo.defaultBranch },
    reviews: [],
    reviewRequests: (seed.reviewRequests ?? []).map(requestedReviewerOf),
    commits: [],
    files: new Map(Object.entries(seed.files ?? {})),
  };
}

/** `org/slug` names a team, anything else a person. */
export function requestedReviewerOf(name: string): RequestedReviewer {
  return name.includes("/") ? { kind: "Team", name } : { kind: "User", name };
}

/** Seeded state without its history gets the events GitHub would have recorded at creation. */
function backfillEvents(store: Store, repo: Repo, issue: Issue): void {
  const has = (kind: EventKind, match: (e: IssueEvent) => boolean) => issue.events.some((e) => e.kind === kind && match(e));
  for (const name of issue.labels) {
    if (!has("labeled", (e) => e.label?.name.toLowerCase() === name.toLowerCase())) {
      addEvent(store, repo, issue, { kind: "labeled", actor: issue.author, createdAt: issue.createdAt, label: name });
    }
  }
  for (const login of issue.assignees) {
    if (!has("assigned", (e) => e.assignee?.toLowerCase() === login.toLowerCase())) {
      addEvent(store, repo, issue, { kind: "assigned", actor: issue.author, createdAt: issue.createdAt, assignee: login });
    }
  }
  const milestone = issue.milestone === null ? undefined : store.milestoneByNumber(repo, issue.milestone);
  if (milestone && !has("milestoned", () => true)) {
    addEvent(store, repo, issue, { kind: "milestoned", actor: issue.author, createdAt: issue.createdAt, milestone: milestone.title });
  }
  for (const wanted of issue.pull?.reviewRequests ?? []) {
    if (!has("review_requested", (e) => e.requestedReviewer?.name.toLowerCase() === wanted.name.toLowerCase())) {
      addEvent(store, repo, issue, { kind: "review_requested", actor: issue.author, createdAt: issue.createdAt, requestedReviewer: wanted });
    }
  }
  if (issue.pull?.merged && !has("merged", () => true)) {
    const at = issue.pull.mergedAt ?? issue.createdAt;
    addEvent(store, repo, issue, { kind: "merged", actor: issue.pull.mergedBy ?? repo.owner, createdAt: at, commitId: issue.pull.mergeCommitSha });
  }
  if (issue.state === "closed" && !has("closed", () => true)) {
    const at = issue.closedAt ?? issue.createdAt;
    addEvent(store, repo, issue, { kind: "closed", actor: issue.closedBy ?? issue.author, createdAt: at, stateReason: issue.stateReason });
  }
  issue.events.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}

export function addComment(store: Store, repo: Repo, issue: Issue, seed: CommentSeed): Comment {
  store.user(seed.author);
  const id = store.id();
  const createdAt = seed.createdAt ?? store.now();
  const comment: Comment = {
    id,
    nodeId: store.nodeId("IssueComment", id),
    author: seed.author,
    authorAssociation: seed.authorAssociation ?? store.association(repo, seed.author),
    body: seed.body,
    createdAt,
    updatedAt: seed.updatedAt ?? createdAt,
    reactions: [],
  };
  for (const r of seed.reactions ?? []) {
    const rid = store.id();
    store.user(r.user);
    comment.reactions.push({ id: rid, nodeId: store.nodeId("Reaction", rid), content: r.content, user: r.user, createdAt: r.createdAt ?? createdAt });
  }
  issue.comments.push(comment);
  store.register(comment.nodeId, { type: "IssueComment", repo, issue, comment });
  return comment;
}

export function addEvent(store: Store, repo: Repo, issue: Issue, seed: EventSeed): IssueEvent {
  store.user(seed.actor);
  const id = store.id();
  const event: IssueEvent = { id, nodeId: store.nodeId("Event", id), kind: seed.kind, actor: seed.actor, createdAt: iso(seed.createdAt) };
  if (seed.label !== undefined) {
    const label = store.ensureLabel(repo, seed.label);
    event.label = { name: label.name, color: label.color };
  }
  if (seed.assignee !== undefined) event.assignee = store.user(seed.assignee).login;
  if (seed.milestone !== undefined) event.milestone = { title: seed.milestone };
  if (seed.stateReason !== undefined) event.stateReason = seed.stateReason;
  if (seed.kind === "closed" && event.stateReason === undefined) event.stateReason = issue.pull ? null : "completed";
  if (seed.commitId !== undefined) event.commitId = seed.commitId;
  if (seed.rename) event.rename = seed.rename;
  if (seed.source) event.source = seed.source;
  if (seed.closer) event.closer = seed.closer;
  if (seed.requestedReviewer) {
    if (seed.requestedReviewer.kind === "User") store.user(seed.requestedReviewer.name);
    event.requestedReviewer = seed.requestedReviewer;
  }
  issue.events.push(event);
  store.register(event.nodeId, { type: "Event", repo, issue, event });
  return event;
}

export function addReview(store: Store, repo: Repo, issue: Issue, seed: ReviewSeed): Review {
  if (!issue.pull) throw new Error(`${repo.fullName}#${issue.number} is not a pull request`);
  store.user(seed.author);
  const id = store.id();
  const review: Review = {
    id,
    nodeId: store.nodeId("PullRequestReview", id),
    author: seed.author,
    authorAssociation: seed.authorAssociation ?? store.association(repo, seed.author),
    state: seed.state,
    body: seed.body ?? "",
    commitId: seed.commitId ?? issue.pull.head.sha,
    submittedAt: iso(seed.submittedAt),
  };
  issue.pull.reviews.push(review);
  store.register(review.nodeId, { type: "PullRequestReview", repo, issue, review });
  return review;
}

export function addCommit(store: Store, repo: Repo, issue: Issue, seed: CommitSeed): Commit {
  if (!issue.pull) throw new Error(`${repo.fullName}#${issue.number} is not a pull request`);
  const author = seed.author === undefined ? issue.author : seed.author;
  if (author) store.user(author);
  const commit: Commit = {
    sha: seed.sha ?? sha(`${repo.fullName}#${issue.number}:${issue.pull.commits.length}:${seed.committedAt}`),
    nodeId: store.nodeId("PullRequestCommit", store.id()),
    message: seed.message ?? "Update",
    author,
    authorName: seed.authorName ?? author ?? "Someone",
    authorEmail: seed.authorEmail ?? `${author ?? "someone"}@users.noreply.github.com`,
    authoredAt: iso(seed.authoredAt ?? seed.committedAt),
    committedAt: iso(seed.committedAt),
  };
  issue.pull.commits.push(commit);
  issue.pull.head.sha = commit.sha;
  store.register(commit.nodeId, { type: "PullRequestCommit", repo, issue, commit });
  return commit;
}

export function sha(seed: string): string {
  return createHash("sha1").update(seed).digest("hex");
}

function fail(message: string): never {
  throw new DoubleError(422, message);
}
