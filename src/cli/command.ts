//! Purpose: the contract every `bug-lifecycle` subcommand implements, so the dispatcher stays a plain list.
import { parseArgs, type ParseArgsConfig } from "node:util";

/** Where a command writes. Injected so tests capture output without touching the process. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Standard error is a terminal: a long command redraws one progress line there. */
  isTTY?: boolean;
}

export interface CliCommand {
  name: string;
  /** One line for the command list in `bug-lifecycle --help`. */
  summary: string;
  /** The full `bug-lifecycle NAME --help` text. */
  help: string;
  /** Returns the exit code: 0 success, 1 the command found a problem, 2 the command line was wrong. */
  run: (args: string[], io: Io) => Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_PROBLEM = 1;
export const EXIT_USAGE = 2;

/** `parseArgs` throws TypeErrors with ERR_PARSE_ARGS_* codes for bad command lines: those are usage errors. */
export function isUsageError(error: unknown): error is Error {
  return error instanceof Error && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS");
}

/**
 * Parses a subcommand's arguments the same way for every command: a bad command line prints the error and
 * the help on stderr (exit 2), `--help` prints the help on stdout (exit 0); otherwise the parsed arguments.
 */
export function parseCommandLine<T extends ParseArgsConfig>(
  name: string,
  help: string,
  io: Io,
  config: T,
): ReturnType<typeof parseArgs<T>> | number {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    if (!isUsageError(error)) throw error;
    io.stderr(`${name}: ${error.message}\n\n${help}`);
    return EXIT_USAGE;
  }
  if ((parsed.values as { help?: unknown }).help) {
    io.stdout(help);
    return EXIT_OK;
  }
  return parsed;
}
