//! Purpose: one repository's report as the runtime makes it for every entry point (the CLI's `report`, the Action's `report: true`): config, window, bulk read, metrics.
import type { LoadedConfig } from "../config/load.js";
import type { Octokit } from "../runtime/clients.js";
import { startOfDay } from "./iso-week.js";
import type { RepoName } from "../github/repo-name.js";
import { readReportSnapshot, type ReadProgress } from "./read.js";
import { buildReport, historyStart, type Report } from "./report.js";
import { DAY_MS } from "./stats.js";

export interface ReportRequest {
  repo: RepoName;
  /** Start of "this week": YYYY-MM-DD (midnight in the config's time zone) or an ISO time; default 7 days ago. */
  since?: string | undefined;
  /** The charts' 12 weeks back (html and json): the bugs closed since then are read too. */
  history?: boolean | undefined;
  onProgress?: ((progress: ReadProgress) => void) | undefined;
}

export type Reported =
  | { ok: true; report: Report; timeZone: string; bugs: number; pulls: number; requests: number }
  | { ok: false; problem: "config"; errors: string[] }
  | { ok: false; problem: "since" };

export interface ReportDeps {
  octokit: Octokit;
  loadConfig(octokit: Octokit, repo: RepoName): Promise<LoadedConfig>;
  now: Date;
  /** A personal token's login: its comments are the bot's, as in the sweep. */
  self: string | undefined;
}

export async function makeReport(deps: ReportDeps, request: ReportRequest): Promise<Reported> {
  const loaded = await deps.loadConfig(deps.octokit, request.repo);
  if (!loaded.ok) return { ok: false, problem: "config", errors: loaded.errors };
  const { config } = loaded;
  const now = deps.now;
  const since = request.since ? parseSince(request.since, config.timezone) : new Date(now.getTime() - 7 * DAY_MS);
  if (!since || since.getTime() > now.getTime()) return { ok: false, problem: "since" };
  const closedSince = request.history && historyStart(now) < since ? historyStart(now) : since;
  const read = await readReportSnapshot(deps.octokit, request.repo, config, { closedSince, onProgress: request.onProgress, now: () => now, self: deps.self });
  const bugs = read.snapshot.items.filter((item) => !item.isPullRequest).length;
  return { ok: true, report: buildReport(read.snapshot, config, now, since), timeZone: config.timezone, bugs, pulls: read.snapshot.items.length - bugs, requests: read.requests };
}

function parseSince(value: string, timeZone: string): Date | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Number.isNaN(Date.parse(value)) ? null : startOfDay(value, timeZone);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : new Date(at);
}
