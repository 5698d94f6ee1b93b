//! Purpose: `bug-lifecycle report owner/name`: read the repository in bulk, print the docs/contract.md §8 report as md, json, csv or html.
import { writeFile } from "node:fs/promises";
import { chartJsSource } from "../report/chart-library.js";
import { CredentialsError } from "../runtime/clients.js";
import { describeFailure } from "../runtime/failure.js";
import { csvHeader, renderCsv } from "../report/csv.js";
import { renderHtml } from "../report/html.js";
import { renderMarkdown } from "../report/markdown.js";
import type { ReadProgress } from "../report/read.js";
import type { Report } from "../report/report.js";
import { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, parseCommandLine, type CliCommand, type Io } from "./command.js";
import { runtimeFor } from "./runtime-for.js";

const FORMATS = ["md", "json", "csv", "html"] as const;
type Format = (typeof FORMATS)[number];

const help = `Usage: bug-lifecycle report owner/name [--since DATE] [--format md|json|csv|html] [--out FILE]

The handbook's measurement for one repository (docs/contract.md §8): bugs opened and
closed since DATE, open bugs per state and per group, orphans, inbox SLA
breaches, ages, customer-reported bugs, community PRs, and median / 90th
percentile time from opened to reproduced and from reproduced to awaiting QA.

Options:
  --since DATE   start of "this week": YYYY-MM-DD (midnight in the config's
                 time zone) or an ISO time; default 7 days before now
  --format F     md (default), json, csv (one line, the KPI sheet's columns;
                 see docs/reports.md), or html (one self-contained page with charts)
  --header       with --format csv, print the column names first
  --out FILE     write the report to FILE instead of standard output
  -h, --help     show this help

Credentials (environment): APP_ID with PRIVATE_KEY or PRIVATE_KEY_PATH (the
app's installation on the repository is used), or GITHUB_TOKEN; the app's
win when both are set. LOG_LEVEL, LOG_FORMAT: logs go to standard error.
GHE_HOST and GHE_PROTOCOL point it at GitHub Enterprise Server (or a double).
Progress goes to standard error.

Exit status: 0 report written, 1 GitHub or config problem, 2 usage error,
bad or missing credentials.
`;

interface Parsed {
  repo: { owner: string; name: string };
  since: string | undefined;
  format: Format;
  out: string | undefined;
  header: boolean;
}

export const reportCommand: CliCommand = {
  name: "report",
  summary: "print a repository's bug metrics (md, json, csv or html)",
  help,
  run: (args, io) => runReport(args, io, process.env),
};

export async function runReport(args: string[], io: Io, env: NodeJS.ProcessEnv, clock?: () => Date): Promise<number> {
  const parsed = parse(args, io);
  if (typeof parsed === "number") return parsed;
  const started = Date.now();
  // A report only reads, one request after another: Probot's pacing would space every GraphQL query ≥1 s
  // apart (it paces anything under /graphql like a write), ~2 minutes of sleep for 10,000 bugs.
  const runtime = runtimeFor("report", { env, now: clock, pacing: false, logFd: 2 }, io);
  if (typeof runtime === "number") return runtime;
  try {
    // The charts go 12 weeks back: html and json need the bugs closed since then too.
    const history = parsed.format === "html" || parsed.format === "json";
    const made = await runtime.report({ repo: parsed.repo, since: parsed.since, history, onProgress: progress(io, started) });
    if (!made.ok && made.problem === "config") {
      io.stderr(`report: .github/bug-lifecycle.yml of ${parsed.repo.owner}/${parsed.repo.name} is invalid:\n${made.errors.map((e) => `  ${e}\n`).join("")}`);
      return EXIT_PROBLEM;
    }
    if (!made.ok) {
      io.stderr(`report: --since ${parsed.since ?? ""} is not a date before now (YYYY-MM-DD or an ISO time)\n`);
      return EXIT_USAGE;
    }
    const text = render(parsed, made.report, made.timeZone);
    if (parsed.out) await writeFile(parsed.out, text);
    else io.stdout(text);
    io.stderr(`report: ${made.bugs} bugs and ${made.pulls} pull requests read in ${made.requests} requests, ${((Date.now() - started) / 1000).toFixed(1)} s${parsed.out ? `; wrote ${parsed.out}` : ""}\n`);
    return EXIT_OK;
  } catch (error) {
    io.stderr(`report: ${error instanceof CredentialsError ? "" : `${parsed.repo.owner}/${parsed.repo.name}: `}${describeFailure(error)}\n`);
    return EXIT_PROBLEM;
  }
}

function render(parsed: Parsed, report: Report, timeZone: string): string {
  switch (parsed.format) {
    case "md":
      return `${renderMarkdown(report.metrics, timeZone)}\n`;
    case "json":
      return `${JSON.stringify(report, null, 2)}\n`;
    case "csv":
      return `${parsed.header ? csvHeader() : ""}${renderCsv(report.metrics, timeZone)}`;
    case "html":
      return renderHtml(report, timeZone, chartJsSource());
  }
}

function parse(args: string[], io: Io): Parsed | number {
  const parsed = parseCommandLine("report", help, io, {
      args,
      options: {
        since: { type: "string" },
        format: { type: "string", default: "md" },
        out: { type: "string", short: "o" },
        header: { type: "boolean", default: false },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: true,
    });
  if (typeof parsed === "number") return parsed;
  const [full, ...extra] = parsed.positionals;
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(full ?? "");
  if (!match || extra.length > 0) {
    io.stderr(`report: expected one repository as owner/name\n\n${help}`);
    return EXIT_USAGE;
  }
  const format = parsed.values.format as Format;
  if (!FORMATS.includes(format)) {
    io.stderr(`report: --format must be one of ${FORMATS.join(", ")}, got ${JSON.stringify(parsed.values.format)}\n`);
    return EXIT_USAGE;
  }
  return { repo: { owner: match[1]!, name: match[2]! }, since: parsed.values.since, format, out: parsed.values.out, header: Boolean(parsed.values.header) };
}

/** Silent for a quick run; past a second, one line per second and one as each phase ends. */
function progress(io: Io, started: number): (p: ReadProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - started < 1000) return;
    if (p.done < p.total && now - last < 1000) return;
    last = now;
    io.stderr(`report: ${p.what} ${p.done}/${p.total} (${p.requests} requests)\n`);
  };
}
