//! Purpose: `bug-lifecycle check-config FILE`: validate a config file offline, in the format editors and CI understand.
import { readFile } from "node:fs/promises";
import { checkConfigText } from "../config/lint.js";
import { countProblems, plural } from "../config/problem.js";
import { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, parseCommandLine, type CliCommand, type Io } from "./command.js";

const help = `Usage: bug-lifecycle check-config [FILE]

Validate a bug-lifecycle config file (default: .github/bug-lifecycle.yml) without
network access: YAML syntax, the schema (unknown keys are errors), and warnings
for settings that will not do what they seem to (groups without an owner,
contradicting timers, unknown message placeholders). Label names and logins are
checked against the repository only by the check run on pull requests.

Each problem is printed on its own line as
  FILE:LINE:COL severity message
where severity is "error" or "warning".

Exit status: 0 valid (warnings alone do not fail), 1 any error,
2 usage error or unreadable file.

Options:
  -h, --help  show this help

Editors: add this first line to the file for completion and inline errors
(yaml-language-server, e.g. the VS Code YAML extension):
  # yaml-language-server: $schema=<url or path of schema/bug-lifecycle.schema.json>
`;

/** Where the app reads a repository's config: run from the repository's root, `check-config` checks it. */
export const DEFAULT_FILE = ".github/bug-lifecycle.yml";

/** Reads through an injected function so tests need no files on disk. */
export type ReadText = (file: string) => Promise<string>;

export async function checkConfigFile(file: string, io: Io, read: ReadText = readUtf8): Promise<number> {
  let text: string;
  try {
    text = await read(file);
  } catch (error) {
    if (file === DEFAULT_FILE && (error as { code?: unknown }).code === "ENOENT") {
      io.stderr(`check-config: no ${DEFAULT_FILE} here: run it from the repository's root, or name the FILE\n`);
      return EXIT_USAGE;
    }
    io.stderr(`check-config: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_USAGE;
  }
  const { problems } = checkConfigText(text);
  for (const problem of problems) {
    io.stdout(`${file}:${problem.line}:${problem.column} ${problem.severity} ${problem.message}\n`);
  }
  const { errors, warnings } = countProblems(problems);
  const verdict = errors ? "invalid" : "valid";
  io.stderr(`check-config: ${file} is ${verdict} (${plural(errors, "error")}, ${plural(warnings, "warning")})\n`);
  return errors ? EXIT_PROBLEM : EXIT_OK;
}

export const checkConfigCommand: CliCommand = {
  name: "check-config",
  summary: "validate a config file offline",
  help,
  async run(args: string[], io: Io): Promise<number> {
    const parsed = parseCommandLine("check-config", help, io, { args, options: { help: { type: "boolean", short: "h" } }, allowPositionals: true });
    if (typeof parsed === "number") return parsed;
    const [file = DEFAULT_FILE, ...extra] = parsed.positionals;
    if (extra.length > 0) {
      io.stderr(`check-config: expected at most one FILE\n\n${help}`);
      return EXIT_USAGE;
    }
    return checkConfigFile(file, io);
  },
};

function readUtf8(file: string): Promise<string> {
  return readFile(file, "utf8");
}
