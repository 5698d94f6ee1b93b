//! Purpose: the data the core decides on (snapshots, events) and the data it decides (effects).
import type { RuleName } from "./rule-names.js";

export const BUG_STATES = [
  "inbox",
  "reproduced",
  "drafting",
  "engineering",
  "awaiting-qa",
  "ready-for-release",
  "orphan",
] as const;
export type BugState = (typeof BUG_STATES)[number];

/** Labels and assignees the bot saved when it closed an issue, so a reopen can restore them. */
export interface Restore {
  labels: string[];
  assignees: string[];
}

/** What the core knows about one issue or pull request: read from the webhook payload, fresh data only when needed. */
export interface IssueSnapshot {
  number: number;
  title?: string;
  url?: string;
  isPullRequest: boolean;
  open: boolean;
  author: string;
  /** The author is a maintainer (OWNER, MEMBER, COLLABORATOR confirmed by permission). */
  authorIsMaintainer?: boolean;
  labels: readonly string[];
  /** The issue type's name (REST `type.name`): null when it has none; undefined when it was not read. */
  type?: string | null;
  assignees: readonly string[];
  milestone?: { number: number; title: string } | null;
  /** Pull requests: a draft (the stale-PR timer converts community PRs to drafts). */
  isDraft?: boolean;
  /** Markers of the bot's comments already on the issue; undefined when they were not read. */
  markers?: readonly string[];
  /** Set for issues closed by the bot: what it had before the close. */
  restore?: Restore | null;
  /** Login of whoever closed it last, when read. */
  closedBy?: string | null;
  /** When read: the merged pull request whose closing keyword made the last close (GraphQL `ClosedEvent.closer`). */
  closedByMerge?: PullRequestRef | null;
  /** When the timeline was read: times that start the timers (ISO strings). */
  clocks?: Clocks;
  /** The bot's status comment and the transitions it records (statusComment: true); undefined when not read, null when none. */
  status?: StatusRecord | null;
  /** statusComment: false, `/undo`: the bot's transitions rebuilt from the timeline (src/lifecycle/timeline-history.ts); undefined when not read. */
  botTransitions?: Entry[];
  /** When `/why` looked at the bugs board: the bug's card, and what is wrong there. */
  board?: BoardView;
}

export interface BoardView {
  /** The bug has a card on the board. */
  onBoard: boolean;
  /** The option the card shows (null: none). */
  card: string | null;
  /** Sentences for a person: a missing project, field or option, or why the board could not be read. */
  problems: string[];
}

/** Times that timers count from, taken from what people did (never `updated_at`). */
export interface Clocks {
  /** When the current state's label was added (or the issue opened, for the inbox). */
  enteredState?: string;
  /** When `~needs info` was added. */
  needsInfoSince?: string;
  /** When `~critical bug` was last added (the `/critical` that caused it). */
  criticalSince?: string;
  /** Pull requests: since when the PR waits on its author (docs/contract.md §4); unset when it does not. */
  waitingOnAuthorSince?: string;
  /**
   * Pull requests: since when the PR waits on us, the contributor having spoken last (opened, pushed,
   * commented or marked it ready after the last maintainer's review or comment); unset when it does not.
   */
  waitingOnUsSince?: string;
  /** Pull requests: the author's last commit, comment, review or reopen (else when they opened it). */
  authorActiveAt?: string;
  /** Bugs: the act on a linked pull request that restarted `enteredState`, for `/why` (docs/contract.md §4). */
  linkedMove?: string;
}

export interface Actor {
  login: string;
  isBot: boolean;
  /** Write, maintain, admin or triage on the repository (never from `author_association` alone). */
  isMaintainer: boolean;
}

export interface PullRequestRef {
  number: number;
  url: string;
  author: string;
}

export interface CommentRef {
  id: number;
  nodeId: string;
  body: string;
  /** `issue_comment.edited`: the body before the edit (`changes.body.from`); only commands it lacks run. */
  previousBody?: string;
  /** `issue_comment.edited`: the comment's `updated_at`, which tells one edit's replies from another's. */
  editedAt?: string;
}

export type BugEvent =
  | { kind: "opened"; actor: Actor }
  /** `at` identifies the edit (the issue's `updated_at` in the payload), so a replay is recognised. */
  | { kind: "labeled"; label: string; actor: Actor; at: string }
  | { kind: "unlabeled"; label: string; actor: Actor; at: string }
  /** `issues.typed` / `issues.untyped` (`type`: the type's name); the snapshot shows the issue after the change. */
  | { kind: "typed"; type: string; actor: Actor; at: string }
  | { kind: "untyped"; type: string; actor: Actor; at: string }
  | { kind: "commented"; comment: CommentRef; actor: Actor }
  | { kind: "reopened"; actor: Actor }
  /** `issues.closed`: the shell turns it into `closed-by-merge` when the close's closer is a merged PR. */
  | { kind: "closed"; actor: Actor }
  | { kind: "milestone-closed"; milestone: { number: number; title: string } }
  /** `closing`: the PR references the bug with a closing keyword, so GitHub closes it on merge. */
  | { kind: "fixed-by"; pr: PullRequestRef; closing?: boolean }
  /** GitHub closed the bug because `pr` was merged with a closing keyword (the close's `closer`). */
  | { kind: "closed-by-merge"; pr: PullRequestRef }
  /** A person moved the bug's card on the board (`to`: the option name); `at` identifies the move. */
  | { kind: "card-moved"; to: string | null; actor: Actor; at: string };

/** The automatic rule an effect comes from (docs/rules.md); none: a command or a person's edit, never shadowed. */
export interface Tagged {
  rule?: RuleName;
}

export type Effect = Tagged & (
  | { type: "add-labels"; issue: number; labels: string[] }
  | { type: "remove-labels"; issue: number; labels: string[] }
  | { type: "add-assignees"; issue: number; logins: string[] }
  | { type: "remove-assignees"; issue: number; logins: string[] }
  /** `key` names the reason: one comment per key and issue, ever. */
  | { type: "comment"; issue: number; key: string; body: string; restore?: Restore }
  | { type: "react"; issue: number; commentId: number; commentNodeId: string; content: "+1" }
  | { type: "close"; issue: number; reason: "completed" | "not_planned" }
  /** Pull requests only: GraphQL `convertPullRequestToDraft` (REST cannot). */
  | { type: "convert-to-draft"; issue: number }
  /** Pull requests only: `closePullRequest` (`close` is `closeIssue`, which refuses pull requests). */
  | { type: "close-pull-request"; issue: number }
  /** `pullRequest`: `reopenPullRequest` (`reopenIssue` refuses pull requests); `/undo` of a stale PR's close. */
  | { type: "reopen"; issue: number; pullRequest?: boolean }
  /** Pull requests only: `/undo` of a stale PR's draft (`markPullRequestReadyForReview`). */
  | { type: "mark-ready"; issue: number }
  /** `/undo` of `set-milestone`: the issue had none before. */
  | { type: "remove-milestone"; issue: number }
  /** statusComment: the sweep rewrites a status comment a person deleted or damaged (apply's status step writes it). */
  | { type: "repair-status"; issue: number }
  /** Clears the issue type (REST `type: null`: `@octokit/graphql-schema` has no issue-type mutation). */
  | { type: "remove-type"; issue: number }
  | { type: "set-milestone"; issue: number; milestone: "earliest-open" }
  /** Sent once per `key` and issue, like a comment: it shares the marker of the comment it goes with. */
  /** `slack`: `SLACK_WEBHOOK_URL`; `slack-escalation`: `SLACK_ESCALATION_WEBHOOK_URL` (an unconfirmed critical bug). */
  | { type: "notify"; issue: number; key: string; channel: "slack" | "slack-escalation"; text: string }
);

export type EffectType = Effect["type"];

export interface Decision {
  /** State after the effects (null: not a bug, or closed). */
  state: BugState | null;
  effects: Effect[];
  /** Why, in one line: logged, and shown by `/why`. */
  rule: string;
  /** `/undo`: the transition it reverts (its time in the status record) and the command's key, recorded by the status comment. */
  undo?: UndoMark;
}

export interface UndoMark {
  at: string;
  key: string;
}

/** The status comment's record (src/lifecycle/status-record.ts): the transitions `/undo` reads. */
/** The fields a transition writes and `/undo` restores (the board's column follows the labels). */
export interface Fields {
  labels: string[];
  assignees: string[];
  open: boolean;
  /** Pull requests: a draft; undefined when not known. */
  draft?: boolean;
  /** The milestone's number, null for none. */
  milestone: number | null;
}

export interface Entry {
  /** When the bot made it (ISO). */
  at: string;
  /** The rule that made it (the decision's one line). */
  rule: string;
  /** The person whose act it answered (a command, a label edit, a card move); absent for timers and merges. */
  by?: string;
  before: Fields;
  after: Fields;
  /** This entry is an `/undo`: the `at` of the transition it reverted, and the command's key (a replay does nothing). */
  undoes?: string;
  key?: string;
  /** Set on a transition an `/undo` reverted. */
  undone?: boolean;
  /** Informational comments folded into the status comment by this transition (their text, short). */
  notes?: string[];
}

export interface StatusRecord {
  entries: Entry[];
  /** The comment as read (a fresh read over REST): its node id to edit it, its body, whether its record parsed. */
  comment?: { nodeId: string; body: string; intact: boolean };
}

