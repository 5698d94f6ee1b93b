//! Purpose: the weekly report as a comment on `report.issue`, once per ISO week (hidden marker `report:2026-W47`).
import type { ProbotOctokit } from "probot";
import type { Config } from "../lifecycle/config.js";
import pino from "pino";
import type { Logger } from "probot";
import { markersIn, withMarker } from "../lifecycle/markers.js";
import { IdBook } from "../github/ids.js";
import { createCaches } from "../runtime/caches.js";
import type { WritePort } from "../runtime/port.js";
import { apply } from "../write/apply.js";
import { shadowSection, type ShadowDecision } from "../write/shadow.js";
import { isOwnAuthor } from "../github/own-author.js";
import type { RepoName } from "../github/repo-name.js";
import { isoWeek } from "./iso-week.js";
import { renderMarkdown } from "./markdown.js";
import { computeMetrics } from "./metrics.js";
import { REPORT_COMMENTS } from "./queries.js";
import { readReportSnapshot } from "./read.js";
import { DAY_MS } from "./stats.js";

export interface PostOptions {
  /** `DRY_RUN` or the config's `dryRun`: everything is read and rendered, nothing is posted. */
  dryRun?: boolean;
  /** A personal token's login: its comments are the bot's (the runtime's identity; see own-author.ts). */
  self?: string | undefined;
  /** The runtime's write port (the sweep's); default: one of its own, cold. */
  port?: WritePort | undefined;
  log?: Logger | undefined;
  /** The sweep run the report rides on, in the write's log line. */
  runId?: string | undefined;
  /** What the sweep's rules in `shadow` would write now: the report lists them (docs/rules.md). */
  shadowed?: readonly ShadowDecision[] | undefined;
}

export type PostResult =
  | { posted: true; week: string }
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
 * repository in bulk, render the markdown report of the last 7 days and post it through the one write path
 * (a `comment` effect with the week's key). Safe to call every hour.
 */
export async function postWeeklyReport(octokit: ProbotOctokit, repo: RepoName, config: Config, now: Date, options: PostOptions = {}): Promise<PostResult> {
  const key = reportKey(now, config);
  const week = key.slice("report:".length);
  const number = config.report.issue;
  if (number === null) return { posted: false, week, reason: "no report issue" };
  if ((await findReport(octokit, repo, number, key, now, options.self)).found) return { posted: false, week, reason: "already posted" };

  const since = new Date(now.getTime() - 7 * DAY_MS);
  const { snapshot } = await readReportSnapshot(octokit, repo, config, { closedSince: since, now: () => now, self: options.self });
  const shadow = shadowSection(config.rules, options.shadowed ?? []);
  const body = [renderMarkdown(computeMetrics(snapshot, config, now, since), config.timezone), ...(shadow.length ? ["", ...shadow] : [])].join("\n");
  const dryRun = Boolean(options.dryRun || config.dryRun);
  if (dryRun) return { posted: false, week, reason: "dry run", body: withMarker(body, key) };

  // Rendering took a while: another run may have posted it meanwhile.
  const fresh = await findReport(octokit, repo, number, key, now, options.self);
  if (fresh.found) return { posted: false, week, reason: "already posted" };
  const ids = new IdBook();
  ids.issues.set(number, fresh.issueId);
  const log = options.log ?? pino({ level: "silent" });
  const port = options.port ?? { caches: createCaches(), notify: undefined, escalate: undefined };
  // No snapshot of the tracking issue: its markers were just checked above, so the comment is written as is.
  await apply(port, {
    octokit,
    repo: { ...repo, nodeId: "" },
    ids,
    config,
    effects: [{ type: "comment", issue: number, key, body }],
    snapshots: [],
    dryRun,
    delivery: `sweep:${options.runId ?? "report"}`,
    log,
    line: { msg: "weekly report", fields: { repo: `${repo.owner}/${repo.name}`, issue: number, week } },
  });
  return { posted: true, week };
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
