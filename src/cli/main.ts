#!/usr/bin/env node
//! Purpose: the `bug-lifecycle` executable: process arguments and streams in, an exit code out; nothing else.
import { runCli } from "./run.js";

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
