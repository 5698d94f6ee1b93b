//! Purpose: the one mapping from GitHub's GraphQL nodes to the core's facts, for every reader (fresh issue, sweep page, report page).
import { markersIn } from "../lifecycle/markers.js";
import { parseCommands } from "../lifecycle/parse-commands.js";
import type { TimelineFact } from "../lifecycle/repo-snapshot.js";
import { isOwnAuthor } from "./own-author.js";

/**
 * A GraphQL actor. `__typename` is what tells a GitHub App from a person: a reader whose query leaves it out
 * gets the login as GitHub sent it and `actorIsBot: false` (REST's `name[bot]` logins already carry the suffix).
 */
export interface ActorNode {
  login: string;
  __typename?: string | undefined;
}

/** Whose comments are the bot's own: any GitHub App, and the token's own account (a personal token). */
export interface FactOptions {
  self?: string | undefined;
}

/** REST spells a bot `name[bot]`; GraphQL drops the suffix. Facts use the REST spelling, like the config. */
export function loginOf(actor: ActorNode | null | undefined): string | null {
  if (!actor) return null;
  return actor.__typename === "Bot" && !actor.login.endsWith("[bot]") ? `${actor.login}[bot]` : actor.login;
}

export function isBot(actor: ActorNode | null | undefined): boolean {
  return actor?.__typename === "Bot";
}

export interface ReviewerNode {
  __typename: string;
  login?: string;
  combinedSlug?: string;
}

/**
 * Any timeline item a reader asked for. Every field is optional: each query names only what its facts
 * need, and the mapping leaves out what was not asked (a comment read without `body` has no markers or
 * commands, without `databaseId` no `commentId`).
 */
export interface TimelineNode {
  __typename: string;
  createdAt?: string;
  submittedAt?: string | null;
  actor?: ActorNode | null;
  author?: ActorNode | null;
  label?: { name: string } | null;
  assignee?: { __typename: string; login?: string } | null;
  requestedReviewer?: ReviewerNode | null;
  databaseId?: number | null;
  authorAssociation?: string;
  body?: string;
  state?: string;
  commit?: { committedDate: string; author: { user: { login: string } | null } | null };
}

/** The events a clock or a rule reads, by GraphQL type; any other type is no fact. */
export const EVENT_KINDS: Readonly<Record<string, TimelineFact["kind"]>> = {
  LabeledEvent: "labeled",
  UnlabeledEvent: "unlabeled",
  AssignedEvent: "assigned",
  ClosedEvent: "closed",
  ReopenedEvent: "reopened",
  ConvertToDraftEvent: "converted-to-draft",
  ReadyForReviewEvent: "ready-for-review",
  ReviewRequestedEvent: "review-requested",
};

/** A person by login (a bot with REST's `[bot]` suffix), a team by `org/slug`. */
export function reviewerOf(node: ReviewerNode | null | undefined): string | null {
  if (!node) return null;
  if (node.__typename === "Team") return node.combinedSlug ?? null;
  return node.login ? loginOf({ login: node.login, __typename: node.__typename }) : null;
}

/** A label, assignment, close, reopen, draft or review-request event. */
export function eventFact(node: TimelineNode): TimelineFact | null {
  const kind = EVENT_KINDS[node.__typename];
  if (!kind || !node.createdAt) return null;
  const fact: TimelineFact = { kind, at: node.createdAt, actor: loginOf(node.actor), actorIsBot: isBot(node.actor) };
  if (node.label) fact.label = node.label.name;
  if (node.assignee?.login) fact.assignee = node.assignee.login;
  const reviewer = reviewerOf(node.requestedReviewer);
  if (reviewer) fact.reviewer = reviewer;
  return fact;
}

/** A comment (the bot's carries its markers, a person's its commands), a commit, or a submitted review. */
export function talkFact(node: TimelineNode, options: FactOptions = {}): TimelineFact | null {
  if (node.__typename === "IssueComment" && node.createdAt) {
    const own = isOwnAuthor(node.author, options.self);
    const fact: TimelineFact = { kind: "commented", at: node.createdAt, actor: loginOf(node.author), actorIsBot: own || isBot(node.author) };
    if (node.databaseId) fact.commentId = node.databaseId;
    if (node.authorAssociation) fact.association = node.authorAssociation;
    const body = node.body ?? "";
    if (own) {
      const markers = markersIn(body);
      if (markers.length) fact.markers = markers;
    } else {
      const commands = parseCommands(body).map((command) => command.name);
      if (commands.length) fact.commands = commands;
    }
    return fact;
  }
  if (node.__typename === "PullRequestCommit" && node.commit) {
    return { kind: "committed", at: node.commit.committedDate, actor: node.commit.author?.user?.login ?? null, actorIsBot: false };
  }
  if (node.__typename === "PullRequestReview" && node.state !== "PENDING") {
    const at = node.submittedAt ?? node.createdAt;
    if (!at) return null;
    const fact: TimelineFact = { kind: "reviewed", at, actor: loginOf(node.author), actorIsBot: isBot(node.author) };
    if (node.state) fact.reviewState = node.state;
    if (node.authorAssociation) fact.association = node.authorAssociation;
    return fact;
  }
  return null;
}

/** Any timeline item, whichever window a query put it in (the report reads ready-for-review with the talk). */
export function factOf(node: TimelineNode | null, options: FactOptions = {}): TimelineFact | null {
  if (!node) return null;
  return eventFact(node) ?? talkFact(node, options);
}

/** The facts of a window of timeline items, in the order given (null items, and items that are no fact, left out). */
export function factsOf(nodes: ReadonlyArray<TimelineNode | null>, options: FactOptions = {}): TimelineFact[] {
  return nodes.flatMap((node) => {
    const fact = factOf(node, options);
    return fact ? [fact] : [];
  });
}

export interface ReactionNode {
  content: string;
  createdAt: string;
  user: { login: string } | null;
}

/** Reactions to one of the bot's comments, each a fact carrying that comment's markers (what was reacted to). */
export function reactionFacts(reactions: { nodes: (ReactionNode | null)[] } | undefined, markers: string[]): TimelineFact[] {
  return (reactions?.nodes ?? []).flatMap((reaction) =>
    reaction?.user ? [{ kind: "reacted" as const, at: reaction.createdAt, actor: reaction.user.login, actorIsBot: reaction.user.login.endsWith("[bot]"), reaction: reaction.content, markers }] : [],
  );
}

/** Oldest first. */
export function byTime(a: TimelineFact, b: TimelineFact): number {
  return Date.parse(a.at) - Date.parse(b.at);
}

/** What every reader's issue or pull request node has (labels and assignees lists may hold nulls). */
export interface ItemFieldsNode {
  author: ActorNode | null;
  labels: { nodes: ReadonlyArray<{ name: string } | null> };
  assignees: { nodes: ReadonlyArray<{ login: string } | null> };
}

/** The fields of an item every reader maps the same way: a deleted account is `ghost`, a bot spelled `name[bot]`. */
export function itemFields(node: ItemFieldsNode): { author: string; authorIsBot: boolean; labels: string[]; assignees: string[] } {
  return {
    author: loginOf(node.author) ?? "ghost",
    authorIsBot: isBot(node.author),
    labels: node.labels.nodes.flatMap((label) => (label ? [label.name] : [])),
    assignees: node.assignees.nodes.flatMap((user) => (user ? [user.login] : [])),
  };
}
