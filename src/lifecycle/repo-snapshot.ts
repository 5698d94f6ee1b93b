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
    | "ready-for-review";
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
}

export interface TrackedItem extends IssueSnapshot {
  createdAt: string;
  closedAt: string | null;
  /** Pull requests only. */
  isDraft?: boolean;
  merged?: boolean;
  authorIsBot: boolean;
  /** Oldest first. */
  timeline: TimelineFact[];
}

export interface RepoSnapshot {
  repo: { owner: string; name: string };
  /** When the read finished (ISO): the `now` of a report built from it. */
  fetchedAt: string;
  items: TrackedItem[];
}
