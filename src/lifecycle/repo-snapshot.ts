//! Purpose: one bulk read of a repository (open bugs and PRs with the timeline facts timers and reports need).
import type { IssueSnapshot } from "./types.js";

/** One thing that happened to an issue or PR, by whom: clocks come from people, never `updated_at`. */
export interface TimelineFact {
  kind:
    | "labeled"
    | "unlabeled"
    | "assigned"
    | "unassigned"
    | "commented"
    | "closed"
    | "reopened"
    | "committed"
    | "reviewed"
    | "converted-to-draft"
    | "ready-for-review"
    | "review-requested"
    | "reacted"
    /** A person's act on a pull request linked to the issue (docs/contract.md §4): `pr`, `linkedAct`. */
    | "linked";
  /** ISO timestamp. */
  at: string;
  /** Login of whoever did it (the commit's author for `committed`); null when GitHub does not say. */
  actor: string | null;
  actorIsBot: boolean;
  /** For `labeled` / `unlabeled`. */
  label?: string;
  /** For `reviewed`: APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED. */
  reviewState?: string;
  /** For `commented` by the bot: the markers in the comment. */
  markers?: string[];
  /** For `commented`: the comment's database id (the sweep answers a reporter's reply by it). */
  commentId?: number;
  /** For `commented` by a person: the lifecycle commands in it (`needs-info`, `reproduced`…), lower case. */
  commands?: string[];
  /** For `commented` and `reviewed`: GitHub's `authorAssociation` (a hint, never proof, of maintainer status). */
  association?: string;
  /** For `assigned` / `unassigned`: who. */
  assignee?: string;
  /** For `review-requested`: the reviewer asked (a login, or a team's `org/slug`). */
  reviewer?: string;
  /** For `reacted`: the reaction's content (GraphQL's spelling: THUMBS_UP, EYES…). */
  reaction?: string;
  /** For `linked`: the pull request, and what the person did on it. */
  pr?: number;
  linkedAct?: "opened" | "committed" | "commented" | "reviewed";
}

export interface TrackedItem extends IssueSnapshot {
  createdAt: string;
  /** statusComment: whether the bot's status comment's hidden record parses (undefined: no status comment read). */
  statusIntact?: boolean;
  closedAt: string | null;
  /** Pull requests only. */
  isDraft?: boolean;
  merged?: boolean;
  authorIsBot: boolean;
  /** GitHub's `authorAssociation` of the author (OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, NONE…). */
  authorAssociation?: string;
  /** Pull requests only: pending review requests (logins, or `org/slug` for a team), as GitHub lists them. */
  requestedReviewers?: string[];
  /** Oldest first. */
  timeline: TimelineFact[];
  /**
   * Set when older timeline items exist than were read: facts before the earliest one here are unknown,
   * so clocks that need them start no earlier than it (a timer fires late rather than early).
   */
  timelineStart?: string | null;
  /** Like `timelineStart`, for label, assignment, close and reopen events alone (null: all of them were read). */
  eventsStart?: string | null;
}

export interface RepoSnapshot {
  repo: { owner: string; name: string };
  /** When the read finished (ISO): the `now` of a report built from it. */
  fetchedAt: string;
  items: TrackedItem[];
}
