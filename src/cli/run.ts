//! Purpose: the `bug-lifecycle` subcommand dispatcher: find the command, hand it the rest of the arguments.
import { createRequire } from "node:module";
import { checkConfigCommand } from "./check-config.js";
import { EXIT_OK, EXIT_USAGE, type CliCommand, type Io } from "./command.js";
import { sweepCommand } from "./sweep.js";
import { reportCommand } from "./report.js";
import { simulateCommand } from "./simulate.js";
import { adoptCommand } from "./adopt.js";
import { initCommand } from "./init.js";

/**
 * Every subcommand, in the order `--help` lists them. To add one (docs/contract.md §7), write `src/cli/NAME.ts` exporting a
 * `CliCommand` and import it here; this file needs no other change.
 */
export const commands: readonly CliCommand[] = [
  sweepCommand(),
  reportCommand,
  checkConfigCommand,
  simulateCommand,
  initCommand(),
  adoptCommand(),
];

export async function runCli(
  argv: readonly string[],
  io: Io,
  available: readonly CliCommand[] = commands,
): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === "-h" || first === "--help") {
    (first === undefined ? io.stderr : io.stdout)(usage(available));
    return first === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (first === "-v" || first === "--version") {
    io.stdout(`${version()}\n`);
    return EXIT_OK;
  }
  // `bug-lifecycle help check-config` reads as naturally as `bug-lifecycle check-config --help`.
  if (first === "help") return runCli(rest[0] ? [rest[0], "--help"] : ["--help"], io, available);
  const command = available.find((candidate) => candidate.name === first);
  if (!command) {
    io.stderr(`bug-lifecycle: unknown command ${JSON.stringify(first)}\n\n${usage(available)}`);
    return EXIT_USAGE;
  }
  return command.run(rest, io);
}

function usage(available: readonly CliCommand[]): string {
  const width = Math.max(...available.map((command) => command.name.length));
  const list = available.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join("\n");
  return `Usage: bug-lifecycle COMMAND [options]

Commands:
${list}

Run "bug-lifecycle COMMAND --help" for a command's options.
Options: -h, --help; -v, --version
`;
}

/** Both src/cli and lib/cli sit two levels below the package root. */
function version(): string {
  const manifest = createRequire(import.meta.url)("../../package.json") as { version?: string };
  return manifest.version ?? "unknown";
}
