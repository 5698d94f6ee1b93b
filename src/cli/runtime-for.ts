//! Purpose: a command's runtime from its environment, or the one line (and exit 2) that says what to set.
import { existsSync } from "node:fs";
import { createRuntime, type Runtime, type RuntimeOptions } from "../runtime/runtime.js";
import { SettingsError } from "../runtime/settings.js";
import { EXIT_USAGE, type Io } from "./command.js";
import { dotEnvPath } from "./dotenv.js";

/** Every GitHub-facing command needs credentials: none, or ones that cannot work, is a usage error (exit 2). */
export function runtimeFor(command: string, options: RuntimeOptions, io: Io): Runtime | number {
  let runtime: Runtime;
  try {
    runtime = createRuntime(options);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    io.stderr(`${command}: ${error.message}\n`);
    return EXIT_USAGE;
  }
  const credentials = runtime.settings.credentials;
  if (credentials.kind === "none") {
    io.stderr(`${command}: ${credentials.reason}${dotEnvHint()}\n`);
    return EXIT_USAGE;
  }
  return runtime;
}

/** The command read `.env` (src/cli/main.ts) and it did not hold what is missing: say so, or people look in the wrong place. */
function dotEnvHint(): string {
  const path = dotEnvPath();
  return existsSync(path) ? ` (${path} was read: it does not set them)` : "";
}
