//! Purpose: the sweep's rule "re-run unanswered commands": a command comment whose run GitHub cancelled (or whose webhook was lost) goes through the webhook's handler, as that webhook.
import type { Logger, ProbotOctokit } from "probot";
import { isOwnAuthor } from "../github/own-author.js";
import type { RecentCommentNode, RecentIssueNode } from "../github/bulk-read.js";
import { loginOf } from "../github/facts.js";
import { REPLAY_ISSUE } from "../github/bulk-queries.js";
import { unansweredCommands, type RecentTalk, type ReplayWindow, type SeenComment } from "../lifecycle/unanswered.js";
import type { Delivery } from "../runtime/delivery.js";

export interface ReplayInput {
  octokit: ProbotOctokit;
  repo: { owner: string; name: string };
  /** The issues the bulk read found with an unanswered command (by node id), oldest comment first. */
  candidates: readonly { nodeId: string; number: number; count: number }[];
  window: ReplayWindow;
  dryRun: boolean;
  log: Logger;
  runId: string;
  self?: string | undefined;
  /** The installation the repository is in (a delivery names it, so the handler writes with its client). */
  installationId?: number | undefined;
  /** The runtime's `handle`: the same routes, permission checks and markers as a webhook. */
  replay: (delivery: Delivery) => Promise<void>;
  /** Replays left in the run's write budget. */
  budget: number;
}

export interface ReplayResult {
  /** `number#comment id` of each comment run again (or that would be, in dry run). */
  replayed: string[];
  /** Candidates the fresh read found answered meanwhile. */
  rechecked: number;
  deferred: number;
  errors: number;
}

interface IssueView {
  __typename: string;
  id: string;
  number: number;
  title: string;
  url: string;
  state: "OPEN" | "CLOSED";
  author: { login: string; __typename?: string } | null;
  labels: { nodes: { id: string; name: string }[] };
  assignees: { nodes: { id: string; login: string }[] };
  milestone: { number: number; title: string } | null;
  repository: { id: string; name: string; owner: { login: string } };
  comments: { nodes: (RecentCommentNode | null)[] };
}

/** A comment as the core's rule sees it: the bot's own, some bot's, or a person's; and whether the bot 👍'd it. */
export function seenComment(node: RecentCommentNode, self: string | undefined): SeenComment | null {
  if (node.databaseId === null) return null;
  const own = isOwnAuthor(node.author, self);
  const thumbs = node.reactionGroups?.find((group) => group.content === "THUMBS_UP");
  return {
    id: node.databaseId,
    nodeId: node.id,
    createdAt: node.createdAt,
    own,
    byBot: own || node.author?.__typename === "Bot",
    body: node.body,
    acknowledged: Boolean(thumbs?.reactors.nodes.some((reactor) => isOwnAuthor(reactor, self))),
  };
}

export function recentTalk(node: Pick<RecentIssueNode, "number" | "comments">, self: string | undefined): RecentTalk {
  const comments = node.comments.nodes.flatMap((comment) => (comment ? [seenComment(comment, self)] : [])).filter((c): c is SeenComment => c !== null);
  // `repository.issues` has no pull requests: the talk the sweep reads is issues' only.
  return { number: node.number, isPullRequest: false, comments };
}

/**
 * `issue_comment.created` as GitHub would have sent it for this comment, from the issue as it is now: the
 * handler decides on today's labels, as the webhook of the run GitHub cancelled would have on its own.
 */
export function commentDelivery(issue: IssueView, comment: RecentCommentNode, runId: string, installationId: number | undefined, type: { name: string } | null = null): Delivery {
  const user = (actor: { login: string; __typename?: string } | null) => ({ login: loginOf(actor) ?? "ghost", type: actor?.__typename ?? "User" });
  const author = user(comment.author);
  const payload = {
    action: "created",
    issue: {
      number: issue.number,
      node_id: issue.id,
      title: issue.title,
      html_url: issue.url,
      state: issue.state === "OPEN" ? "open" : "closed",
      user: user(issue.author),
      labels: issue.labels.nodes.map((label) => ({ name: label.name, node_id: label.id })),
      assignees: issue.assignees.nodes.map((assignee) => ({ login: assignee.login, node_id: assignee.id })),
      milestone: issue.milestone,
      // GraphQL's published schema has no issue types: the replay reads it over REST (docs/issue-types.md).
      type,
    },
    comment: { id: comment.databaseId, node_id: comment.id, body: comment.body, user: author, created_at: comment.createdAt },
    repository: { node_id: issue.repository.id, name: issue.repository.name, owner: { login: issue.repository.owner.login }, full_name: `${issue.repository.owner.login}/${issue.repository.name}` },
    sender: author,
    ...(installationId !== undefined && { installation: { id: installationId } }),
  };
  return { id: `sweep:${runId}:comment-${comment.databaseId}`, name: "issue_comment", payload };
}

/**
 * Each candidate issue is read fresh and decided again before each replay (a person, or the comment's own
 * late run, may have answered it since the bulk read); its commands then run one comment at a time, oldest
 * first, each on the state the previous one left. In dry run nothing is handed to the handler: it is logged.
 */
export async function replayUnanswered(input: ReplayInput): Promise<ReplayResult> {
  const result: ReplayResult = { replayed: [], rechecked: 0, deferred: 0, errors: 0 };
  let budget = input.budget;
  const done = new Set<number>();
  for (const candidate of input.candidates) {
    // At most as many replays as the bulk read saw: a handler that leaves no answer cannot loop.
    for (let left = candidate.count; left > 0; left--) {
      if (budget <= 0) {
        result.deferred += left;
        break;
      }
      const data: { node: IssueView | null } = await input.octokit.graphql(REPLAY_ISSUE, { id: candidate.nodeId });
      const issue = data.node?.__typename === "Issue" ? data.node : null;
      const nodes = (issue?.comments.nodes ?? []).filter((node): node is RecentCommentNode => node !== null);
      const unanswered = issue ? unansweredCommands(recentTalk(issue, input.self), input.window) : [];
      const next = unanswered[0] && nodes.find((node) => node.databaseId === unanswered[0]!.id);
      // A comment run once in this sweep whose answer did not show: not run twice (the next sweep looks again).
      if (!issue || !next || done.has(next.databaseId ?? 0)) {
        if (left === candidate.count) result.rechecked++;
        break;
      }
      const where = { repo: `${input.repo.owner}/${input.repo.name}`, issue: issue.number, comment: next.databaseId, author: loginOf(next.author), createdAt: next.createdAt };
      if (input.dryRun) {
        for (const comment of unanswered) result.replayed.push(`${issue.number}#${comment.id}`);
        input.log.info({ ...where, comments: unanswered.map((comment) => comment.id) }, "sweep: would run unanswered commands again (dry run)");
        break;
      }
      budget--;
      done.add(next.databaseId ?? 0);
      input.log.info(where, "sweep: a command comment was never answered (its run cancelled or its webhook lost): running it again");
      try {
        const { data: rest } = await input.octokit.rest.issues.get({ owner: input.repo.owner, repo: input.repo.name, issue_number: issue.number });
        const type = (rest as { type?: { name: string } | null }).type ?? null;
        await input.replay(commentDelivery(issue, next, input.runId, input.installationId, type && { name: type.name }));
        result.replayed.push(`${issue.number}#${next.databaseId}`);
      } catch (error) {
        // The handler logged it; its answer is missing, so the next sweep tries again.
        result.errors++;
        input.log.error({ ...where, err: error }, "sweep: running an unanswered command again failed");
        break;
      }
    }
  }
  return result;
}
