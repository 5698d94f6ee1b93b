//! Purpose: the weekly report as a comment on `report.issue`, once per ISO week (hidden marker `report:2026-W47`).
import type { ProbotOctokit } from "probot";
import type { Config } from "../lifecycle/config.js";
import { markersIn, withMarker } from "../lifecycle/markers.js";
import { isOwnAuthor } from "../github/own-author.js";
import type { RepoName } from "../github/repo-name.js";
import { isoWeek } from "./iso-week.js";
import { renderMarkdown } from "./markdown.js";
import { computeMetrics } from "./metrics.js";
import { ADD_REPORT_COMMENT, REPORT_COMMENTS } from "./queries.js";
import { readReportSnapshot } from "./read.js";
import { DAY_MS } from "./stats.js";

export interface PostOptions {
  /** `DRY_RUN` or the config's `dryRun`: everything is read and rendered, nothing is posted. */
  dryRun?: boolean;
  /** A personal token's login: its comments are the bot's (the runtime's identity; see own-author.ts). */
  self?: string | undefined;
}

export type PostResult =
  | { posted: true; week: string; url: string }
  | { posted: false; week: string; reason: "no report issue" | "already posted" | "dry run"; body?: string };

interface CommentsPage {
  repository: {
    issue: {
      id: string;
      comments: {
        pageInfo: { hasPreviousPage: boolean; startCursor: string | null };
        nodes: Array<{ body: string; createdAt: string; author: { login: string; __typename: string } | null } | null>;
      };
    } | null;
  };
}

/** The key of this week's report comment, e.g. `report:2026-W47` (weeks in the config's time zone). */
export function reportKey(now: Date, config: Config): string {
  return `report:${isoWeek(now, config.timezone)}`;
}

/**
 * For the scheduled sweep: when `report.issue` is set and this week's report is not on it yet, read the
 * repository in bulk, render the markdown report of the last 7 days and post it. Safe to call every hour.
 */
export async function postWeeklyReport(
  octokit: ProbotOctokit,
  repo: RepoName,
  config: Config,
  now: Date,
  options: PostOptions = {},
): Promise<PostResult> {
  const key = reportKey(now, config);
  const week = key.slice("report:".length);
  const number = config.report.issue;
  if (number === null) return { posted: false, week, reason: "no report issue" };
  const where = `${repo.owner}/${repo.name}#${number}`;
  if ((await findReport(octokit, repo, number, key, now, options.self)).found) return { posted: false, week, reason: "already posted" };

  const since = new Date(now.getTime() - 7 * DAY_MS);
  const { snapshot } = await readReportSnapshot(octokit, repo, config, { closedSince: since, now: () => now, self: options.self });
  const body = withMarker(renderMarkdown(computeMetrics(snapshot, config, now, since), config.timezone), key);
  if (options.dryRun || config.dryRun) return { posted: false, week, reason: "dry run", body };

  // The read takes a while on a big repository: look again right before writing (another sweep may have posted).
  const fresh = await findReport(octokit, repo, number, key, now, options.self);
  if (fresh.found) return { posted: false, week, reason: "already posted" };
  try {
    const data: { addComment: { commentEdge: { node: { url: string } } } } = await octokit.graphql(ADD_REPORT_COMMENT, {
      subjectId: fresh.issueId,
      body,
    });
    return { posted: true, week, url: data.addComment.commentEdge.node.url };
  } catch (error) {
    throw new Error(`posting the weekly report on ${where}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * Looks for this week's marker in the bot's comments, newest first, back to 8 days before `now`: a report of
 * this ISO week cannot be older, so a long-lived tracking issue costs one request, not one per 100 comments ever.
 */
async function findReport(
  octokit: ProbotOctokit,
  repo: RepoName,
  number: number,
  key: string,
  now: Date,
  self: string | undefined,
): Promise<{ found: boolean; issueId: string }> {
  const oldest = new Date(now.getTime() - 8 * DAY_MS).toISOString();
  let before: string | null = null;
  for (;;) {
    let data: CommentsPage;
    try {
      data = await octokit.graphql(REPORT_COMMENTS, { owner: repo.owner, name: repo.name, number, before });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new Error(`reading the report issue ${repo.owner}/${repo.name}#${number}: ${detail}`, { cause: error });
    }
    const issue = data.repository.issue;
    if (!issue) throw new Error(`the report issue ${repo.owner}/${repo.name}#${number} does not exist (config: report.issue)`);
    const comments = issue.comments.nodes.filter((comment) => comment !== null);
    // Only the bot's own comments count: a person quoting the report must not stop next week's.
    if (comments.some((comment) => isOwnAuthor(comment.author, self) && markersIn(comment.body).includes(key))) {
      return { found: true, issueId: issue.id };
    }
    const reachedOld = comments.some((comment) => comment.createdAt < oldest);
    if (reachedOld || !issue.comments.pageInfo.hasPreviousPage) return { found: false, issueId: issue.id };
    before = issue.comments.pageInfo.startCursor;
  }
}
