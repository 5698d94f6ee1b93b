//! Purpose: `/undo` with `statusComment: false`: one GraphQL read of the issue's fields now and its timeline, turned into the bot's transitions by the core.
import type { ProbotOctokit } from "probot";
import { historyFromTimeline, type HistoryItem } from "../lifecycle/timeline-history.js";
import type { Entry } from "../lifecycle/types.js";
import { isOwnAuthor, type AuthorLike } from "./own-author.js";
import { UNDO_HISTORY } from "./queries.js";
import type { RepoRef } from "./to-event.js";

interface EventNode {
  __typename: string;
  createdAt?: string;
  actor?: AuthorLike | null;
  label?: { name: string } | null;
  assignee?: { login?: string } | null;
  milestoneTitle?: string | null;
  databaseId?: number | null;
  body?: string;
  author?: AuthorLike | null;
}

interface Node {
  closed: boolean;
  isDraft?: boolean;
  labels: { nodes: { name: string }[] };
  assignees: { nodes: { login: string }[] };
  milestone: { number: number; title: string } | null;
  history: { nodes: (EventNode | null)[] };
}

export interface UndoHistory {
  labels: string[];
  assignees: string[];
  open: boolean;
  isDraft?: boolean;
  milestone: { number: number; title: string } | null;
  entries: Entry[];
}

const KINDS: Record<string, HistoryItem["kind"]> = {
  LabeledEvent: "labeled",
  UnlabeledEvent: "unlabeled",
  AssignedEvent: "assigned",
  UnassignedEvent: "unassigned",
  ClosedEvent: "closed",
  ReopenedEvent: "reopened",
  MilestonedEvent: "milestoned",
  DemilestonedEvent: "demilestoned",
  ConvertToDraftEvent: "convert_to_draft",
  ReadyForReviewEvent: "ready_for_review",
  IssueComment: "comment",
};

/** The issue as it is now and the bot's recent transitions; null when GitHub has no such issue. */
export async function readUndoHistory(octokit: ProbotOctokit, repo: RepoRef, number: number, self: string | undefined): Promise<UndoHistory | null> {
  const data: { repository: { issueOrPullRequest: Node | null } | null } = await octokit.graphql(UNDO_HISTORY, { owner: repo.owner, name: repo.name, number });
  const node = data.repository?.issueOrPullRequest;
  if (!node) return null;
  const items = node.history.nodes.flatMap((event) => (event ? itemOf(event, self) : []));
  return {
    labels: node.labels.nodes.map((label) => label.name),
    assignees: node.assignees.nodes.map((user) => user.login),
    open: !node.closed,
    ...(node.isDraft !== undefined && { isDraft: node.isDraft }),
    milestone: node.milestone,
    entries: historyFromTimeline(items, node.milestone),
  };
}

function itemOf(event: EventNode, self: string | undefined): HistoryItem[] {
  const kind = KINDS[event.__typename];
  if (!kind || !event.createdAt) return [];
  const at = event.createdAt;
  if (kind === "comment") return [{ kind, at, bot: isOwnAuthor(event.author, self), body: event.body ?? "", key: String(event.databaseId ?? "") }];
  const bot = isOwnAuthor(event.actor, self);
  switch (kind) {
    case "labeled":
    case "unlabeled":
      return event.label ? [{ kind, at, bot, label: event.label.name }] : [];
    case "assigned":
    case "unassigned":
      return event.assignee?.login ? [{ kind, at, bot, login: event.assignee.login }] : [];
    case "milestoned":
    case "demilestoned":
      return [{ kind, at, bot, title: event.milestoneTitle ?? "" }];
    default:
      return [{ kind, at, bot }];
  }
}
