//! Purpose: the contract every `bug-lifecycle` subcommand implements, so the dispatcher stays a plain list.

/** Where a command writes. Injected so tests capture output without touching the process. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface Command {
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
