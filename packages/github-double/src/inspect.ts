//! Purpose: plain snapshots of the model for test assertions (issue state, comments, timeline, check runs).
import type { Store } from "./store.js";
import type { CheckRun, EventKind, ReactionContent, ReviewState, StateReason } from "./types.js";

export interface CommentView {
  id: number;
  nodeId: string;
  author: string;
  body: string;
  createdAt: string;
  reactions: Array<{ content: ReactionContent; user: string }>;
}

export interface IssueView {
  number: number;
  nodeId: string;
  isPullRequest: boolean;
  title: string;
  body: string | null;
  author: string;
  state: "open" | "closed";
  stateReason: StateReason | null;
  /** Milestone title, or null. */
  milestone: string | null;
  labels: string[];
  /** The issue type's name (null: none). */
  type: string | null;
  assignees: string[];
  comments: CommentView[];
  reactions: Array<{ content: ReactionContent; user: string }>;
  /** Timeline events (not comments), oldest first. */
  events: Array<{ kind: EventKind; actor: string; at: string; label?: string; assignee?: string }>;
  closedBy: string | null;
  closedAt: string | null;
  updatedAt: string;
  draft?: boolean;
  merged?: boolean;
  reviews?: Array<{ author: string; state: ReviewState; at: string }>;
  /** Pending review requests: logins, or `org/slug` for a team. */
  reviewRequests?: string[];
}

export function inspectIssue(store: Store, fullName: string, number: number): IssueView {
  const repo = store.repo(fullName);
  const issue = store.issue(repo, number);
  const milestone = issue.milestone === null ? undefined : store.milestoneByNumber(repo, issue.milestone);
  const view: IssueView = {
    number: issue.number,
    nodeId: issue.nodeId,
    isPullRequest: Boolean(issue.pull),
    title: issue.title,
    body: issue.body,
    author: issue.author,
    state: issue.state,
    stateReason: issue.stateReason,
    milestone: milestone?.title ?? null,
    labels: [...issue.labels],
    type: issue.type,
    assignees: [...issue.assignees],
    comments: issue.comments.map((c) => ({
      id: c.id,
      nodeId: c.nodeId,
      author: c.author,
      body: c.body,
      createdAt: c.createdAt,
      reactions: c.reactions.map((r) => ({ content: r.content, user: r.user })),
    })),
    reactions: issue.reactions.map((r) => ({ content: r.content, user: r.user })),
    events: issue.events.map((e) => {
      const event: IssueView["events"][number] = { kind: e.kind, actor: e.actor, at: e.createdAt };
      if (e.label) event.label = e.label.name;
      if (e.assignee) event.assignee = e.assignee;
      return event;
    }),
    closedBy: issue.closedBy,
    closedAt: issue.closedAt,
    updatedAt: issue.updatedAt,
  };
  if (issue.pull) {
    view.draft = issue.pull.draft;
    view.reviewRequests = issue.pull.reviewRequests.map((r) => r.name);
    view.merged = issue.pull.merged;
    view.reviews = issue.pull.reviews.map((r) => ({ author: r.author, state: r.state, at: r.submittedAt }));
  }
  return view;
}

export function inspectLabels(store: Store, fullName: string): Array<{ name: string; color: string; description: string | null }> {
  return store.repo(fullName).labels.map((l) => ({ name: l.name, color: l.color, description: l.description }));
}

export function inspectCheckRuns(store: Store, fullName: string): CheckRun[] {
  return store.repo(fullName).checkRuns.map((r) => ({ ...r, output: { ...r.output } }));
}
