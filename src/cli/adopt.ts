//! Purpose: `bug-lifecycle adopt --repo owner/name`: the preview a lead approves before the first sweep, and with --apply the repairs only.
import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { applyRepairs } from "../adopt/apply-repairs.js";
import { renderAdoptHtml } from "../adopt/html.js";
import { renderAdoptMarkdown } from "../adopt/markdown.js";
import { previewAdoption, type AdoptPreview } from "../adopt/preview.js";
import { describeFailure } from "../runtime/failure.js";
import type { RuntimeOptions } from "../runtime/runtime.js";
import { MaintainerCheck } from "../sweep/maintainers.js";
import { parseRepo } from "../sweep/targets.js";
import { ContentLimits, GITHUB_CONTENT_LIMITS } from "../write/content-limits.js";
import { adoptProgress, describeRepairs } from "./adopt-progress.js";
import { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, parseCommandLine, type CliCommand, type Io } from "./command.js";
import { runtimeFor } from "./runtime-for.js";

const FORMATS = ["md", "json", "html"] as const;
type Format = (typeof FORMATS)[number];

const help = `Usage: bug-lifecycle adopt --repo owner/name [--format md|json|html] [--out FILE]
       bug-lifecycle adopt --repo owner/name --apply [--comments]

The preview a lead approves before the first sweep (docs/first-day.md). For
every open bug and community pull request: the state its labels say, the
repairs the bot's own rules make (a half-done state completed, an owner
assigned; of two state labels the one added last wins), every write the first
sweep would then make (with the comment text), the rule and clock behind each,
and the items no rule decides, left for a person.

With --apply, the repairs only (never a timer's action: those are the first
sweep's), each item re-read first, at most 80 writes a minute and 500 an hour
(GitHub's content limits, counting the bot's writes of the last hour). Ctrl-C
stops after the item in hand; running it again continues (it recomputes from
GitHub, so nothing is done twice).

Options:
  --repo owner/name  the repository (required)
  --format F         md (default), json or html (one self-contained page)
  --out FILE         write the preview to FILE instead of standard output
  --apply            make the repairs
  --comments         with --apply: one comment on each repaired item saying what
                     was done and why (default: no comment)
  --per-minute N     with --apply: at most N writes a minute (default and most 80)
  --per-hour N       with --apply: at most N writes an hour (default and most 500)
  -h, --help         show this help

Credentials, from the environment, as for sweep: APP_ID + PRIVATE_KEY or
PRIVATE_KEY_PATH, or GITHUB_TOKEN; GHE_HOST, GHE_PROTOCOL. Logs go to standard
error (LOG_LEVEL, LOG_FORMAT); progress too.

Exit status: 0 done, 1 GitHub or config problem or a write failed (run again),
2 usage error, bad or missing credentials, 130 stopped (run again to continue).
`;

interface Parsed {
  repo: { owner: string; name: string };
  format: Format;
  out: string | undefined;
  apply: boolean;
  comments: boolean;
  perMinute: number;
  perHour: number;
}

export function adoptCommand(deps: Omit<RuntimeOptions, "env"> & { env?: NodeJS.ProcessEnv } = {}): CliCommand {
  return {
    name: "adopt",
    summary: "preview what the bot would do to a repository, and make its repairs",
    help,
    run: (args, io) => runAdopt(args, io, { ...deps, env: deps.env ?? process.env }),
  };
}

async function runAdopt(args: string[], io: Io, options: RuntimeOptions): Promise<number> {
  const parsed = parse(args, io);
  if (typeof parsed === "number") return parsed;
  const started = Date.now();
  const name = `${parsed.repo.owner}/${parsed.repo.name}`;
  // Reads go one after another unpaced (Probot paces every GraphQL request ≥ 1 s apart, as it does writes:
  // 50 s of sleep for 5,000 items); with --apply, the writes go through a second, paced runtime.
  const runtime = runtimeFor("adopt", { ...options, pacing: false, logFd: 2 }, io);
  if (typeof runtime === "number") return runtime;
  const writer = parsed.apply ? runtimeFor("adopt", { ...options, pacing: true, logFd: 2 }, io) : null;
  if (typeof writer === "number") return writer;
  try {
    const octokit = await runtime.clients.forRepo(parsed.repo);
    const loaded = await runtime.loadConfig(octokit, parsed.repo);
    if (!loaded.ok) {
      io.stderr(`adopt: .github/bug-lifecycle.yml of ${name} is invalid (fix it first: bug-lifecycle check-config):\n${loaded.errors.map((e) => `  ${e}\n`).join("")}`);
      return EXIT_PROBLEM;
    }
    if (parsed.apply && (loaded.config.dryRun || runtime.dryRun)) {
      io.stderr(`adopt: --apply would write nothing: ${loaded.config.dryRun ? `the config of ${name} says dryRun: true` : "DRY_RUN is set"}; the preview (without --apply) shows what it would do\n`);
      return EXIT_USAGE;
    }
    const self = await runtime.self();
    const check = new MaintainerCheck(octokit, parsed.repo, runtime.caches.sweepMaintainers);
    const progress = adoptProgress(io, started);
    const read = await previewAdoption({ octokit, repo: parsed.repo, config: loaded.config, now: runtime.now(), check, self, onPage: progress.read });
    const preview = read.preview;
    if (!parsed.apply) {
      const text = render(parsed.format, preview);
      if (parsed.out) await writeFile(parsed.out, text);
      else io.stdout(text);
      io.stderr(`${summaryLine(preview)}; ${((Date.now() - started) / 1000).toFixed(1)} s${parsed.out ? `; wrote ${parsed.out}` : ""}\n`);
      return EXIT_OK;
    }
    // A repair in shadow (`rules: {repairs: shadow}`) is the first sweep's to log, not adopt's to make.
    const numbers = preview.items.filter((entry) => entry.repair?.mode === "on").map((entry) => entry.number);
    const limits = new ContentLimits({ perMinute: parsed.perMinute, perHour: parsed.perHour }, read.recentWrites);
    const abort = new AbortController();
    const stop = () => abort.abort();
    // Ctrl-C once: finish the item in hand and say what is left; twice: Node's default (exit at once).
    process.once("SIGINT", stop);
    try {
      const summary = await applyRepairs(
        {
          port: writer!,
          octokit: await writer!.clients.forRepo(parsed.repo),
          reader: octokit,
          repo: parsed.repo,
          repositoryId: read.repositoryId,
          ids: read.ids,
          config: loaded.config,
          check,
          log: writer!.log,
          runId: randomUUID(),
          self,
          comments: parsed.comments,
          limits,
          clock: runtime.now,
          sleep: (ms) => sleep(ms, undefined, { signal: abort.signal }).catch(() => undefined),
          stopped: () => abort.signal.aborted,
          onProgress: progress.repair,
        },
        numbers,
      );
      progress.end();
      io.stderr(`${describeRepairs(name, summary, preview, (Date.now() - started) / 1000)}\n`);
      if (summary.left.length) return 130;
      return summary.failed.length ? EXIT_PROBLEM : EXIT_OK;
    } finally {
      process.removeListener("SIGINT", stop);
    }
  } catch (error) {
    io.stderr(`adopt: ${name}: ${describeFailure(error)}\n`);
    return EXIT_PROBLEM;
  } finally {
    await runtime.close();
    await writer?.close();
  }
}

function render(format: Format, preview: AdoptPreview): string {
  switch (format) {
    case "md":
      return renderAdoptMarkdown(preview);
    case "json":
      return `${JSON.stringify(preview, null, 2)}\n`;
    case "html":
      return renderAdoptHtml(preview);
  }
}

function summaryLine(preview: AdoptPreview): string {
  const t = preview.totals;
  const rules = Object.entries(t.sweep).map(([rule, count]) => `${rule} ${count}`).join(", ") || "nothing";
  const attention = Object.values(t.attention).length ? preview.items.filter((e) => e.attention.length).length : 0;
  const shadow = Object.entries(t.shadow).map(([rule, count]) => `${rule} ${count}`).join(", ");
  return `adopt: ${preview.repo}: ${t.bugs} open bugs, ${t.pulls} community PRs: ${t.repairs} repairs; the first sweep: ${rules}${shadow ? `; in shadow (logged, not written): ${shadow}` : ""}; ${attention} left for a person; ${preview.requests} requests`;
}

function parse(args: string[], io: Io): Parsed | number {
  const parsed = parseCommandLine("adopt", help, io, {
    args,
    options: {
      repo: { type: "string" },
      format: { type: "string", default: "md" },
      out: { type: "string", short: "o" },
      apply: { type: "boolean", default: false },
      comments: { type: "boolean", default: false },
      "per-minute": { type: "string" },
      "per-hour": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (typeof parsed === "number") return parsed;
  const repo = parsed.values.repo === undefined ? null : parseRepo(parsed.values.repo);
  if (!repo) {
    io.stderr(`adopt: --repo owner/name is required${parsed.values.repo === undefined ? "" : `, got ${JSON.stringify(parsed.values.repo)}`}\n`);
    return EXIT_USAGE;
  }
  const format = parsed.values.format as Format;
  if (!FORMATS.includes(format)) {
    io.stderr(`adopt: --format must be one of ${FORMATS.join(", ")}, got ${JSON.stringify(parsed.values.format)}\n`);
    return EXIT_USAGE;
  }
  if (parsed.values.comments && !parsed.values.apply) {
    io.stderr("adopt: --comments goes with --apply\n");
    return EXIT_USAGE;
  }
  const limit = (option: "per-minute" | "per-hour", most: number): number | null => {
    const text = parsed.values[option];
    if (text === undefined) return most;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1 || value > most) {
      io.stderr(`adopt: --${option} must be a whole number from 1 to ${most} (GitHub's limit), got ${JSON.stringify(text)}\n`);
      return null;
    }
    return value;
  };
  const perMinute = limit("per-minute", GITHUB_CONTENT_LIMITS.perMinute);
  const perHour = limit("per-hour", GITHUB_CONTENT_LIMITS.perHour);
  if (perMinute === null || perHour === null) return EXIT_USAGE;
  return { repo, format, out: parsed.values.out, apply: Boolean(parsed.values.apply), comments: Boolean(parsed.values.comments), perMinute, perHour };
}
