//! Purpose: `bug-lifecycle sweep [--repo owner/name] [--dry-run]`: one sweep now, as the app or with GITHUB_TOKEN.
import { createProbot, type Options, type Probot } from "probot";
import { runSweep, type RunSummary } from "../sweep/run-sweep.js";
import { appTargets, parseRepo, tokenTarget, type RepoName } from "../sweep/targets.js";
import { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, parseCommandLine, type Command, type Io } from "./command.js";

const help = `Usage: bug-lifecycle sweep [--repo owner/name] [--dry-run]

Run one sweep now (SPEC §4): fire the timers that are due (needs-info reminder
and close, inbox SLA, six-week rule, stale community pull requests) and repair
labels and owners that a missed webhook left half done.

Credentials, from the environment (or .env):
  APP_ID + PRIVATE_KEY or PRIVATE_KEY_PATH   as the app: every repository of every
                                             installation, or only --repo
  GITHUB_TOKEN                               one repository: --repo is required
  GHE_HOST, GHE_PROTOCOL                     GitHub Enterprise Server (or a double):
                                             \${GHE_PROTOCOL}://\${GHE_HOST}/api/v3
  DRY_RUN=true                               like --dry-run
  LOG_LEVEL                                  default info; logs are pino lines on stdout

Options:
  --repo owner/name  sweep only this repository
  --dry-run          decide and log every action, write nothing
  -h, --help         show this help

Exit status: 0 swept, 1 a repository or an item failed (API error or invalid
config; the next run retries), 2 usage error or missing credentials.
`;

/** What the command needs from outside; tests pass a GitHub double's fetch and a log they can read. */
export interface SweepDeps {
  env: NodeJS.ProcessEnv;
  /** Extra Probot options (a test's `Octokit`, `request.fetch` or `log`). */
  probot?: Options;
  now?: () => Date;
}

export function sweepCommand(deps: SweepDeps = { env: process.env }): Command {
  return {
    name: "sweep",
    summary: "fire due timers and repair half-done label edits, once",
    help,
    run: (args, io) => runSweepCommand(args, io, deps),
  };
}

async function runSweepCommand(args: string[], io: Io, deps: SweepDeps): Promise<number> {
  const parsed = parseCommandLine("sweep", help, io, { args, options: { repo: { type: "string" }, "dry-run": { type: "boolean" }, help: { type: "boolean", short: "h" } } });
  if (typeof parsed === "number") return parsed;
  let repo: RepoName | undefined;
  if (parsed.values.repo !== undefined) {
    const found = parseRepo(parsed.values.repo);
    if (!found) {
      io.stderr(`sweep: --repo must be owner/name, got ${JSON.stringify(parsed.values.repo)}\n`);
      return EXIT_USAGE;
    }
    repo = found;
  }
  const env: NodeJS.ProcessEnv = { LOG_LEVEL: "info", ...deps.env };
  const asApp = Boolean(env.APP_ID && (env.PRIVATE_KEY || env.PRIVATE_KEY_PATH));
  const token = env.GITHUB_TOKEN;
  if (!asApp && !token) {
    io.stderr("sweep: no credentials: set APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH), or GITHUB_TOKEN with --repo\n");
    return EXIT_USAGE;
  }
  if (!asApp && !repo) {
    io.stderr("sweep: with GITHUB_TOKEN, name the repository: --repo owner/name\n");
    return EXIT_USAGE;
  }
  let probot: Probot;
  try {
    probot = createProbot({ env, overrides: { ...(asApp ? {} : { githubToken: token }), ...deps.probot } });
  } catch (error) {
    io.stderr(`sweep: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_USAGE;
  }
  const dryRun = Boolean(parsed.values["dry-run"]) || env.DRY_RUN === "true" || env.DRY_RUN === "1";
  const summary = await runSweep({
    targets: () => (asApp ? appTargets(probot, repo) : tokenTarget(probot, repo!)),
    now: deps.now ?? (() => new Date()),
    dryRun,
    log: probot.log,
  });
  io.stderr(`${describeSweep(summary)}\n`);
  return summary.failed.length || summary.errors ? EXIT_PROBLEM : EXIT_OK;
}

export function describeSweep(summary: RunSummary): string {
  const actions = Object.entries(summary.actions).map(([rule, count]) => `${rule} ${count}`).join(", ") || "nothing due";
  const failed = summary.failed.length ? `; failed: ${summary.failed.join(", ")}` : "";
  const errors = summary.errors ? `; ${summary.errors} items could not be written (see the log)` : "";
  const deferred = summary.deferred ? `; ${summary.deferred} left for the next run (write budget)` : "";
  return `sweep${summary.dryRun ? " (dry run)" : ""}: ${summary.repos} repositories, ${summary.bugs} open bugs, ${summary.pulls} open PRs: ${actions}${deferred}; ${summary.reads} reads, ${summary.writes} writes in ${summary.durationMs} ms${errors}${failed}`;
}
