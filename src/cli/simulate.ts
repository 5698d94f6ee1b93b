//! Purpose: `bug-lifecycle simulate SCENARIO.yml`: play people's actions and elapsed time against an in-memory GitHub, print what the bot does.
import { readFile } from "node:fs/promises";
import { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, parseCommandLine, type CliCommand, type Io } from "./command.js";

const help = `Usage: bug-lifecycle simulate SCENARIO.yml [--format text|json]

Try the bot and a config without GitHub: the scenario file gives the config
(inline), the issues at the start and a list of steps (people comment, edit
labels, open bugs, merge pull requests, close milestones; days pass and the
sweep runs). Each step goes through the real app against an in-memory GitHub
on a simulated clock; after each one the command prints what the bot wrote
and where every issue stands. No network.

Needs a development checkout (npm ci): the in-memory GitHub checks requests
against GitHub's API descriptions, which are development dependencies.

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

export const simulateCommand: CliCommand = {
  name: "simulate",
  summary: "play a scenario against an in-memory GitHub and print what the bot does",
  help,
  async run(args: string[], io: Io): Promise<number> {
    const parsed = parseCommandLine("simulate", help, io, { args, options: { format: { type: "string", default: "text" }, help: { type: "boolean", short: "h" } }, allowPositionals: true });
    if (typeof parsed === "number") return parsed;
    const format = parsed.values.format;
    const [file, ...extra] = parsed.positionals;
    if (!file || extra.length || (format !== "text" && format !== "json")) {
      io.stderr(`simulate: expected one SCENARIO file${format !== "text" && format !== "json" ? ` and --format text or json, got ${JSON.stringify(format)}` : ""}\n\n${help}`);
      return EXIT_USAGE;
    }
    return simulateFile(file, format, io);
  },
};

export async function simulateFile(file: string, format: "text" | "json", io: Io, read = (path: string) => readFile(path, "utf8")): Promise<number> {
  let text: string;
  try {
    text = await read(file);
  } catch (error) {
    io.stderr(`simulate: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_USAGE;
  }
  const { loadScenario } = await import("../simulate/load-scenario.js");
  const loaded = loadScenario(text);
  if (!loaded.ok) {
    for (const problem of loaded.problems) io.stderr(`${file}:${problem.line}:${problem.column} ${problem.severity} ${problem.message}\n`);
    io.stderr(`simulate: ${file} is not a valid scenario\n`);
    return EXIT_USAGE;
  }
  for (const warning of loaded.warnings) io.stderr(`${file}:${warning.line}:${warning.column} warning ${warning.message}\n`);
  // Loaded only now: the in-memory GitHub pulls in GitHub's API descriptions (dev dependencies), which no other command needs.
  let modules: [typeof import("../simulate/play.js"), typeof import("../simulate/render.js")];
  try {
    modules = await Promise.all([import("../simulate/play.js"), import("../simulate/render.js")]);
  } catch (error) {
    if ((error as { code?: string }).code !== "ERR_MODULE_NOT_FOUND") throw error;
    io.stderr(`simulate: needs the development install (\`npm ci\`, not \`npm ci --omit=dev\`): ${error instanceof Error ? error.message.split("\n")[0] : String(error)}\n`);
    return EXIT_PROBLEM;
  }
  const [{ play }, { renderText }] = modules;
  const result = await play(loaded.scenario);
  io.stdout(format === "json" ? `${JSON.stringify(result, null, 2)}\n` : renderText(result));
  return result.ok ? EXIT_OK : EXIT_PROBLEM;
}
