//! Purpose: the in-memory model of what the app touches on GitHub (plain data, ISO timestamps).

export type UserType = "User" | "Bot" | "Organization";
export type Association =
  | "OWNER"
  | "MEMBER"
  | "COLLABORATOR"
  | "CONTRIBUTOR"
  | "FIRST_TIME_CONTRIBUTOR"
  | "FIRST_TIMER"
  | "MANNEQUIN"
  | "NONE";
/** Repository roles as `role_name` reports them. */
export type Role = "admin" | "maintain" | "write" | "triage" | "read";
export type StateReason = "completed" | "not_planned" | "reopened" | "duplicate";
export type ReactionContent = "+1" | "-1" | "laugh" | "confused" | "heart" | "hooray" | "rocket" | "eyes";
export type ReviewState = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";

export interface User {
  id: number;
  nodeId: string;
  login: string;
  type: UserType;
}

export interface Label {
  id: number;
  nodeId: string;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export interface Milestone {
  id: number;
  nodeId: string;
  number: number;
  title: string;
  description: string | null;
  state: "open" | "closed";
  dueOn: string | null;
  creator: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface Reaction {
  id: number;
  nodeId: string;
  content: ReactionContent;
  user: string;
  createdAt: string;
}

export interface Comment {
  id: number;
  nodeId: string;
  author: string;
  authorAssociation: Association;
  body: string;
  createdAt: string;
  updatedAt: string;
  reactions: Reaction[];
}

/** Timeline events other than comments, commits and reviews (those live in their own lists). */
export type EventKind =
  | "labeled"
  | "unlabeled"
  | "assigned"
  | "unassigned"
  | "closed"
  | "reopened"
  | "milestoned"
  | "demilestoned"
  | "convert_to_draft"
  | "ready_for_review"
  | "merged"
  | "renamed"
  | "cross-referenced"
  | "review_requested"
  | "review_request_removed";

/** Who a review is requested from: a person, or a team by `org/slug`. */
export interface RequestedReviewer {
  kind: "User" | "Team";
  /** A login, or a team's `org/slug`. */
  name: string;
}

export interface IssueEvent {
  id: number;
  nodeId: string;
  kind: EventKind;
  actor: string;
  createdAt: string;
  label?: { name: string; color: string };
  assignee?: string;
  milestone?: { title: string };
  stateReason?: StateReason | null;
  commitId?: string | null;
  rename?: { from: string; to: string };
  /** For cross-referenced: the issue or PR that mentioned this one. */
  source?: { repo: string; number: number };
  /** For closed: the merged pull request whose closing keyword closed the issue (GraphQL `ClosedEvent.closer`). */
  closer?: { repo: string; number: number };
  /** For review_requested / review_request_removed. */
  requestedReviewer?: RequestedReviewer;
}

export interface Review {
  id: number;
  nodeId: string;
  author: string;
  authorAssociation: Association;
  state: ReviewState;
  body: string;
  commitId: string;
  submittedAt: string;
}

export interface Commit {
  sha: string;
  nodeId: string;
  message: string;
  /** GitHub login of the author when the e-mail maps to an account. */
  author: string | null;
  authorName: string;
  authorEmail: string;
  authoredAt: string;
  committedAt: string;
}

export interface PullData {
  draft: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergedBy: string | null;
  mergeCommitSha: string | null;
  head: { ref: string; sha: string };
  base: { ref: string };
  reviews: Review[];
  /** Pending review requests (GraphQL `reviewRequests`, REST `requested_reviewers` / `requested_teams`). */
  reviewRequests: RequestedReviewer[];
  commits: Commit[];
  /** Files changed by the PR: path → new content (null when deleted). Readable at the head sha. */
  files: Map<string, string | null>;
}

/** An issue type (`@octokit/openapi` `issue-type`): the organisation's, as the repository sees them. */
export interface IssueType {
  id: number;
  nodeId: string;
  name: string;
  description: string | null;
  color: "gray" | "blue" | "green" | "yellow" | "orange" | "red" | "pink" | "purple" | null;
  isEnabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Issue {
  id: number;
  nodeId: string;
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  stateReason: StateReason | null;
  author: string;
  authorAssociation: Association;
  /** Label names, as spelled by the repository's labels. */
  labels: string[];
  /** The issue type's name (issues only; null: none). */
  type: string | null;
  assignees: string[];
  milestone: number | null;
  locked: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: string | null;
  comments: Comment[];
  events: IssueEvent[];
  reactions: Reaction[];
  /** Present for pull requests (issues and PRs share numbers). */
  pull?: PullData;
}

export interface CheckRun {
  id: number;
  nodeId: string;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  startedAt: string;
  completedAt: string | null;
  detailsUrl: string | null;
  externalId: string | null;
  output: { title: string | null; summary: string | null; text: string | null; annotations: unknown[] };
}

export interface Collaborator {
  role: Role;
  /** What `author_association` shows for this person (private org members show as CONTRIBUTOR). */
  association: Association;
}

export interface Repo {
  id: number;
  nodeId: string;
  owner: string;
  name: string;
  fullName: string;
  private: boolean;
  defaultBranch: string;
  description: string | null;
  createdAt: string;
  labels: Label[];
  /** Issue types available here (`GET /repos/{owner}/{repo}/issue-types`); empty: the repository has none. */
  issueTypes: IssueType[];
  milestones: Milestone[];
  issues: Map<number, Issue>;
  nextNumber: number;
  /** Files on the default branch: path → content. */
  files: Map<string, string>;
  collaborators: Map<string, Collaborator>;
  /** How the permission API answers for people who are not collaborators. */
  nonCollaborators: "not-found" | "read";
  checkRuns: CheckRun[];
}

export interface Installation {
  id: number;
  nodeId: string;
  account: string;
  /** "all" or the full names of the selected repositories. */
  repositories: "all" | string[];
  createdAt: string;
}

/** A webhook as GitHub delivers it: `name` is the `X-GitHub-Event` header, `payload.action` the action. */
export interface Delivery {
  id: string;
  name: string;
  payload: Record<string, unknown> & { action?: string };
}
