//! Purpose: `bug-lifecycle sweep [--repo owner/name] [--dry-run]`: one sweep now, as the app or with GITHUB_TOKEN.
import type { RuntimeOptions } from "../runtime/runtime.js";
import type { RepoName } from "../github/repo-name.js";
import { parseRepo } from "../sweep/targets.js";
import { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, parseCommandLine, type CliCommand, type Io } from "./command.js";
import { runtimeFor } from "./runtime-for.js";
import { describeSweep } from "../sweep/describe.js";

const help = `Usage: bug-lifecycle sweep [--repo owner/name] [--dry-run]

Run one sweep now (docs/contract.md §4): fire the timers that are due (needs-info reminder
and close, inbox SLA, six-week rule, stale community pull requests) and repair
labels and owners that a missed webhook left half done.

Credentials, from the environment (the app's wins when both are set):
  APP_ID + PRIVATE_KEY or PRIVATE_KEY_PATH   as the app: every repository of every
                                             installation, or only --repo
  GITHUB_TOKEN                               one repository: --repo is required
  GHE_HOST, GHE_PROTOCOL                     GitHub Enterprise Server (or a double):
                                             \${GHE_PROTOCOL}://\${GHE_HOST}/api/v3
  DRY_RUN=true                               like --dry-run
  LOG_LEVEL, LOG_FORMAT                      default info; pino logs on stdout: readable
                                             on a terminal, JSON lines otherwise or
                                             with LOG_FORMAT=json

Options:
  --repo owner/name  sweep only this repository
  --dry-run          decide and log every action, write nothing
  -h, --help         show this help

Exit status: 0 swept, 1 a repository or an item failed (API error or invalid
config; the next run retries), 2 usage error, bad or missing credentials.
`;

export function sweepCommand(deps: Omit<RuntimeOptions, "env"> & { env?: NodeJS.ProcessEnv } = {}): CliCommand {
  return {
    name: "sweep",
    summary: "fire due timers and repair half-done label edits, once",
    help,
    run: (args, io) => runSweepCommand(args, io, { ...deps, env: deps.env ?? process.env }),
  };
}

async function runSweepCommand(args: string[], io: Io, options: RuntimeOptions): Promise<number> {
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
  const runtime = runtimeFor("sweep", options, io);
  if (typeof runtime === "number") return runtime;
  if (runtime.settings.credentials.kind === "token" && !repo) {
    io.stderr("sweep: with GITHUB_TOKEN, name the repository: --repo owner/name\n");
    return EXIT_USAGE;
  }
  const summary = await runtime.sweep({ repo, dryRun: Boolean(parsed.values["dry-run"]) });
  await runtime.close();
  io.stderr(`${describeSweep(summary)}\n`);
  return summary.failed.length || summary.errors ? EXIT_PROBLEM : EXIT_OK;
}
