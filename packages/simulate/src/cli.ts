//! Purpose: `bug-lifecycle-simulate SCENARIO.yml`: play people's actions and elapsed time against an in-memory GitHub, print what the bot does.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { loadScenario } from "./load-scenario.js";
import { play } from "./play.js";
import { renderText } from "./render.js";

/** Where the command writes. Injected so tests capture output without touching the process. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** The exit codes of every bug-lifecycle command: 0 success, 1 a problem found, 2 a wrong command line. */
export const EXIT_OK = 0;
export const EXIT_PROBLEM = 1;
export const EXIT_USAGE = 2;

export const help = `Usage: bug-lifecycle-simulate SCENARIO.yml [--format text|json]

Try the bot and a config without GitHub: the scenario file gives the config
(inline), the issues at the start and a list of steps (people comment, edit
labels, open bugs, merge pull requests, close milestones; days pass and the
sweep runs). Each step goes through the real app against an in-memory GitHub
on a simulated clock; after each one the command prints what the bot wrote
and where every issue stands. No network.

From a clone of bug-lifecycle: npm ci, then npm run simulate -- SCENARIO.yml
(docs/simulate.md).

Examples: examples/scenarios/*.yml.

Step kinds (each step is a map with one key):
  comment:          { by, on, body }
  label:            { by, on, add: LABEL|[..], remove: LABEL|[..] }
  edit:             { by, on, title, body }
  open:             { by, title, body, labels }
  pr:               { by, title, body }
  merge:            { by, pr } or { by, author, title, body }
  set-milestone:    { by, on, milestone }
  close-milestone:  { by, milestone }
  close / reopen:   { by, on } (close also takes reason: not_planned)
  wait:             15 days   (then the sweep runs; { for: 2 hours, sweep: false })
  sweep:            (nothing)
  expect:           { on, state, labels, without, assignees, milestone, botComments, lastComment }

Options:
  --format text|json  text (default) for people, json for scripts
  -h, --help          show this help

Exit status: 0 played and every expect: held, 1 a check failed or the app
failed, 2 usage error, unreadable or invalid scenario (FILE:LINE:COL lines).
`;

/** Runs the command line (without `node` and the script); returns the exit code. */
export async function simulateCli(args: string[], io: Io): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(args);
  } catch (error) {
    // parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes for bad command lines: those are usage errors.
    if (!(error instanceof Error && String((error as { code?: unknown }).code).startsWith("ERR_PARSE_ARGS"))) throw error;
    io.stderr(`simulate: ${error.message}\n\n${help}`);
    return EXIT_USAGE;
  }
  if (parsed.values.help) {
    io.stdout(help);
    return EXIT_OK;
  }
  const format = parsed.values.format;
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length || (format !== "text" && format !== "json")) {
    io.stderr(`simulate: expected one SCENARIO file${format !== "text" && format !== "json" ? ` and --format text or json, got ${JSON.stringify(format)}` : ""}\n\n${help}`);
    return EXIT_USAGE;
  }
  return simulateFile(file, format, io);
}

function parseCommandLine(args: string[]) {
  return parseArgs({ args, options: { format: { type: "string", default: "text" }, help: { type: "boolean", short: "h" } }, allowPositionals: true });
}

export async function simulateFile(file: string, format: "text" | "json", io: Io, read = (path: string) => readFile(path, "utf8")): Promise<number> {
  let text: string;
  try {
    text = await read(file);
  } catch (error) {
    io.stderr(`simulate: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_USAGE;
  }
  const loaded = loadScenario(text);
  if (!loaded.ok) {
    for (const problem of loaded.problems) io.stderr(`${file}:${problem.line}:${problem.column} ${problem.severity} ${problem.message}\n`);
    io.stderr(`simulate: ${file} is not a valid scenario\n`);
    return EXIT_USAGE;
  }
  for (const warning of loaded.warnings) io.stderr(`${file}:${warning.line}:${warning.column} warning ${warning.message}\n`);
  const result = await play(loaded.scenario);
  io.stdout(format === "json" ? `${JSON.stringify(result, null, 2)}\n` : renderText(result));
  return result.ok ? EXIT_OK : EXIT_PROBLEM;
}
