//! Purpose: the shapes accepted for seeding the double with a past (all timestamps ISO strings).
import type { Association, EventKind, ReactionContent, RequestedReviewer, ReviewState, StateReason } from "./types.js";

export interface RepoSeed {
  private?: boolean;
  defaultBranch?: string;
  description?: string | null;
  /** Installation id to put the repository in; `false` leaves the app uninstalled there. */
  installation?: number | false;
  labels?: Array<string | { name: string; color?: string; description?: string | null }>;
  files?: Record<string, string>;
  nonCollaborators?: "not-found" | "read";
  createdAt?: string;
  /** Issue types by name (default: GitHub's organisation defaults Task, Bug, Feature); `[]`: none. */
  issueTypes?: string[];
}

export interface CommentSeed {
  author: string;
  body: string;
  createdAt?: string;
  updatedAt?: string;
  authorAssociation?: Association;
  reactions?: Array<{ content: ReactionContent; user: string; createdAt?: string }>;
}

export interface EventSeed {
  kind: EventKind;
  actor: string;
  createdAt: string;
  label?: string;
  assignee?: string;
  milestone?: string;
  stateReason?: StateReason | null;
  commitId?: string | null;
  rename?: { from: string; to: string };
  source?: { repo: string; number: number };
  /** For closed: the merged pull request whose closing keyword closed the issue (GraphQL `ClosedEvent.closer`). */
  closer?: { repo: string; number: number };
  /** For review_requested / review_request_removed. */
  requestedReviewer?: RequestedReviewer;
}

export interface ReviewSeed {
  author: string;
  state: ReviewState;
  body?: string;
  submittedAt: string;
  commitId?: string;
  authorAssociation?: Association;
}

export interface CommitSeed {
  sha?: string;
  message?: string;
  author?: string | null;
  authorName?: string;
  authorEmail?: string;
  authoredAt?: string;
  committedAt: string;
}

export interface IssueSeed {
  number?: number;
  title?: string;
  body?: string | null;
  author?: string;
  authorAssociation?: Association;
  state?: "open" | "closed";
  stateReason?: StateReason | null;
  labels?: string[];
  /** The issue type's name (one of the repository's `issueTypes`). */
  type?: string | null;
  assignees?: string[];
  /** Milestone number or title. */
  milestone?: number | string | null;
  locked?: boolean;
  createdAt?: string;
  updatedAt?: string;
  closedAt?: string | null;
  closedBy?: string | null;
  comments?: CommentSeed[];
  /** Past timeline events. Labels, assignees, milestone and closing without a matching event get one at creation. */
  events?: EventSeed[];
}

export interface PullSeed extends IssueSeed {
  draft?: boolean;
  merged?: boolean;
  mergedAt?: string | null;
  mergedBy?: string | null;
  head?: { ref?: string; sha?: string };
  base?: { ref?: string };
  reviews?: ReviewSeed[];
  /** Pending review requests: logins, or `org/slug` for a team. Without a matching event, one at creation by the author. */
  reviewRequests?: string[];
  commits?: CommitSeed[];
  /** Files the PR changes: path → new content (null when deleted). */
  files?: Record<string, string | null>;
}
