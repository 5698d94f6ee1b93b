//! Purpose: the facts an issue event's decision needs beyond its payload (`Needs`, decided by the core's intake), each read only when asked for.
import { inspectBoard } from "../board/inspect-board.js";
import { readItem } from "../github/bulk-read.js";
import type { IdBook } from "../github/ids.js";
import { isMaintainer } from "../github/permissions.js";
import { readIssue, readIssues } from "../github/read-issues.js";
import { readUndoHistory } from "../github/read-undo-history.js";
import type { Derived, RepoRef } from "../github/to-event.js";
import { bugClocks } from "../lifecycle/clocks.js";
import type { Config } from "../lifecycle/config.js";
import type { Needs } from "../lifecycle/intake.js";
import type { BugEvent, IssueSnapshot } from "../lifecycle/types.js";
import type { Octokit } from "../runtime/clients.js";
import type { AppPort } from "../runtime/port.js";

export interface FactsInput {
  octokit: Octokit;
  repo: RepoRef;
  ids: IdBook;
  config: Config;
  derived: Derived;
  needs: Needs;
}

export interface Facts {
  event: BugEvent;
  issue: IssueSnapshot;
  /** The issue as read fresh while gathering (its markers, history, clocks), if it was. */
  fresh: IssueSnapshot | null;
  /** Reads it fresh now: the decision posts a comment, which needs the markers already on the issue. */
  readFresh: () => Promise<IssueSnapshot | null>;
}

export async function gatherFacts(port: AppPort, input: FactsInput): Promise<Facts> {
  const { octokit, repo, ids, config, needs } = input;
  const permissions = port.caches.permissions;
  let { event, issue } = input.derived;
  if (needs.actorIsMaintainer && "actor" in event) {
    event = { ...event, actor: { ...event.actor, isMaintainer: await isMaintainer(octokit, repo.owner, repo.name, event.actor.login, permissions) } };
  }
  if (needs.authorIsMaintainer) {
    issue = { ...issue, authorIsMaintainer: await isMaintainer(octokit, repo.owner, repo.name, issue.author, permissions) };
  }
  // Whose comments are the bot's in every fresh read (a personal token's own, too): read once by the runtime.
  const own = async () => ({ self: await port.self() });
  const readFresh = async () => readIssue(octokit, repo, issue.number, ids, await own());
  // Reopening restores what the bot saved when it closed: that is in the comments, not the payload.
  let fresh: IssueSnapshot | null = needs.history ? await readFresh() : null;

  // GitHub closed a bug for a merged PR's closing keyword (the payload names the merger, the timeline the PR).
  if (needs.closer) {
    fresh = (await readIssues(octokit, repo, [issue.number], ids, await own()))[0] ?? null;
    if (fresh?.closedByMerge) {
      event = { kind: "closed-by-merge", pr: fresh.closedByMerge };
      // GraphQL reads no issue type: the payload's stands.
      issue = { ...fresh, type: issue.type };
    }
  }
  if (fresh) issue = { ...issue, restore: fresh.restore ?? null, closedBy: fresh.closedBy ?? null };

  // `/why` names the next timer: its clock comes from the timeline, which only this command needs. The same
  // read has the labels, assignees and the bot's markers, so the reply needs no second fresh read.
  if (needs.clocks) {
    const read = await readItem(octokit, ids.issues.get(issue.number) ?? "", ids, await own());
    // GraphQL reads no issue type: the payload's stands.
    const item = read && { ...read, type: issue.type };
    if (item) issue = { ...issue, clocks: bugClocks(item, issue.labels, config) };
    fresh ??= item;
    // The bugs board's problems (an option renamed or deleted, a missing project or field) are shown here.
    const board = await inspectBoard(octokit, config, port.caches, ids.issues.get(issue.number));
    if (board) {
      issue = { ...issue, board };
      if (fresh) fresh = { ...fresh, board };
    }
  }
  // statusComment: `/undo` decides on the fields as they are now and the status comment's record; `/why`
  // says whether the last transition can be undone. Both read the issue fresh (REST), never the payload.
  if (config.statusComment && (needs.history || needs.clocks)) {
    const current = fresh?.status !== undefined ? fresh : await readFresh();
    if (current) {
      issue = { ...issue, labels: current.labels, assignees: current.assignees, open: current.open, milestone: current.milestone ?? null, status: current.status ?? null };
      fresh = { ...current, ...(issue.clocks && { clocks: issue.clocks }), ...(issue.board && { board: issue.board }) };
    }
  }
  // statusComment: false: `/undo` decides on the fields as they are now and the bot's transitions rebuilt from
  // the timeline, both from one GraphQL read.
  if (needs.undoTimeline) {
    const history = await readUndoHistory(octokit, repo, issue.number, await port.self());
    if (history) {
      issue = { ...issue, labels: history.labels, assignees: history.assignees, open: history.open, milestone: history.milestone, ...(history.isDraft !== undefined && { isDraft: history.isDraft }), botTransitions: history.entries };
    }
  }
  return { event, issue, fresh, readFresh };
}
