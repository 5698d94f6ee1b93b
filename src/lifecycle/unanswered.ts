//! Purpose: which people's command comments the bot never answered (a run GitHub cancelled, a webhook it lost): the sweep runs them again.
import { answeredIds, markersIn } from "./markers.js";
import { parseCommands } from "./parse-commands.js";

/** One comment as the sweep read it, with what the bot left on or about it. */
export interface SeenComment {
  /** REST id (GraphQL `databaseId`): the `reply:<id>` markers name it. */
  id: number;
  nodeId: string;
  createdAt: string;
  /** The bot's own comment (any GitHub App, or the personal token's login): its markers count, it is never run. */
  own: boolean;
  /** Written by any bot: the webhook ignores it, so the sweep does too. */
  byBot: boolean;
  body: string;
  /** The bot's 👍 is on it: a command of it succeeded. */
  acknowledged: boolean;
}

/** An issue's recent comments (oldest first or not: the answer is ordered by time). */
export interface RecentTalk {
  number: number;
  isPullRequest: boolean;
  comments: readonly SeenComment[];
  /** Markers of the bot's comments read apart (e.g. a fresh read's last 100 comments). */
  markers?: readonly string[];
}

/**
 * 24 hours back: an hourly schedule that GitHub delayed or dropped a few times, a server down overnight, still
 * replay; older intent is not acted on a day late. The look-back is not "since the previous sweep" because
 * a workflow keeps no state between runs, and a missed sweep would lose the comments of its hour.
 */
export const LOOK_BACK_MS = 24 * 60 * 60_000;

/**
 * A comment younger than 10 minutes is left to its own run: a job queued behind the running one, or a
 * webhook the server is still retrying, must not race the sweep (the next sweep takes it if it never runs).
 */
export const GRACE_MS = 10 * 60_000;

export interface ReplayWindow {
  /** Comments created at or after this… */
  since: Date;
  /** …and at or before this. */
  until: Date;
}

export function replayWindow(now: Date): ReplayWindow {
  return { since: new Date(now.getTime() - LOOK_BACK_MS), until: new Date(now.getTime() - GRACE_MS) };
}

/**
 * The comments whose commands the bot never answered, oldest first: written by a person, with at least one
 * command, created within the window, no 👍 of the bot on it and no comment of the bot naming it (a refusal's
 * `reply:<id>`, `/why`'s answer…). Pull requests take no commands, so theirs never count.
 */
export function unansweredCommands(talk: RecentTalk, window: ReplayWindow): SeenComment[] {
  if (talk.isPullRequest) return [];
  const answered = answeredIds([...(talk.markers ?? []), ...talk.comments.flatMap((comment) => (comment.own ? markersIn(comment.body) : []))]);
  const since = window.since.getTime();
  const until = window.until.getTime();
  return talk.comments
    .filter((comment) => {
      if (comment.own || comment.byBot || comment.acknowledged || answered.has(comment.id)) return false;
      const at = Date.parse(comment.createdAt);
      return at >= since && at <= until && parseCommands(comment.body).length > 0;
    })
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id - b.id);
}
