//! Purpose: builders for sweep tests: tracked bugs and PRs with timelines written as "N days before now".
import type { TimelineFact, TrackedItem } from "../../src/lifecycle/repo-snapshot.js";
import { before, NOW } from "../support/fixtures.js";

export { NOW };

/** `days` before NOW (fractions allowed), plus `seconds`: a bot answers a command a few seconds later. */
export function ago(days: number, seconds = 0): string {
  return before(days, seconds).toISOString();
}

type Who = string | { bot: string };
const actorOf = (who: Who) => (typeof who === "string" ? { actor: who, actorIsBot: false } : { actor: who.bot, actorIsBot: true });

export const BOT: Who = { bot: "bug-lifecycle" };

export const fact = {
  labeled: (at: string, who: Who, label: string): TimelineFact => ({ kind: "labeled", at, ...actorOf(who), label }),
  unlabeled: (at: string, who: Who, label: string): TimelineFact => ({ kind: "unlabeled", at, ...actorOf(who), label }),
  command: (at: string, who: string, ...commands: string[]): TimelineFact => ({ kind: "commented", at, ...actorOf(who), commands, commentId: 1 }),
  comment: (at: string, who: Who, commentId = 2): TimelineFact => ({ kind: "commented", at, ...actorOf(who), commentId }),
  botComment: (at: string, ...markers: string[]): TimelineFact => ({ kind: "commented", at, ...actorOf(BOT), markers }),
  reopened: (at: string, who: Who): TimelineFact => ({ kind: "reopened", at, ...actorOf(who) }),
  committed: (at: string, who: string | null): TimelineFact => ({ kind: "committed", at, actor: who, actorIsBot: false }),
  reviewed: (at: string, who: string, reviewState: string): TimelineFact => ({ kind: "reviewed", at, ...actorOf(who), reviewState }),
  ready: (at: string, who: string): TimelineFact => ({ kind: "ready-for-review", at, ...actorOf(who) }),
  reviewRequested: (at: string, who: string, reviewer: string): TimelineFact => ({ kind: "review-requested", at, ...actorOf(who), reviewer }),
  reacted: (at: string, who: Who, reaction: string, markers: string[]): TimelineFact => ({ kind: "reacted", at, ...actorOf(who), reaction, markers }),
};

export function bug(labels: string[], timeline: TimelineFact[], extra: Partial<TrackedItem> = {}): TrackedItem {
  return {
    number: 7,
    isPullRequest: false,
    open: true,
    author: "reporter",
    authorIsBot: false,
    labels,
    assignees: [],
    markers: [],
    createdAt: ago(100),
    closedAt: null,
    timeline: [...timeline].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)),
    ...extra,
  };
}

export function pull(timeline: TimelineFact[], extra: Partial<TrackedItem> = {}): TrackedItem {
  return bug([], timeline, { number: 9, isPullRequest: true, author: "contributor", isDraft: false, createdAt: ago(30), ...extra });
}
