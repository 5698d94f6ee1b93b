#!/usr/bin/env node
//! Purpose: the `bug-lifecycle` executable: process arguments and streams in, an exit code out; nothing escapes as a stack trace.
import { EXIT_PROBLEM } from "./command.js";
import { describeFailure } from "../runtime/failure.js";
import { applyDotEnv } from "./dotenv.js";
import { runCli } from "./run.js";

const io = {
  stdout: (text: string) => void process.stdout.write(text),
  stderr: (text: string) => void process.stderr.write(text),
  isTTY: Boolean(process.stderr.isTTY),
};

try {
  // The setup page writes the app's credentials to `.env`; `npm start` reads it, so the commands do too.
  applyDotEnv(process.env);
  process.exitCode = await runCli(process.argv.slice(2), io);
} catch (error) {
  // What a command did not handle: one line a person can act on, exit 1 (LOG_LEVEL=debug logs the rest).
  io.stderr(`bug-lifecycle: ${describeFailure(error)}\n`);
  process.exitCode = EXIT_PROBLEM;
}
