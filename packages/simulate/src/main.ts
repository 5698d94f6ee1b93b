#!/usr/bin/env node
//! Purpose: the `bug-lifecycle-simulate` executable: process arguments and streams in, an exit code out; nothing escapes as a stack trace.
import { EXIT_PROBLEM, simulateCli } from "./cli.js";

const io = {
  stdout: (text: string) => void process.stdout.write(text),
  stderr: (text: string) => void process.stderr.write(text),
};

try {
  process.exitCode = await simulateCli(process.argv.slice(2), io);
} catch (error) {
  // What the command did not handle (the app's own failures are in the report): one line, exit 1.
  io.stderr(`bug-lifecycle-simulate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = EXIT_PROBLEM;
}
