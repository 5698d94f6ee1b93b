//! Purpose: the Probot server adapter: every delivery goes to the runtime; the schedule runs in the server. No decisions here.
import type { ApplicationFunction, Probot } from "probot";
import { createRuntime, type Runtime } from "./runtime/runtime.js";
import { webhookSecretProblem } from "./runtime/settings.js";

/** The app function for a runtime that already exists (tests and `simulate` build theirs on a double). */
export function serverApp(runtime: Runtime, options: { schedule?: boolean } = {}): ApplicationFunction {
  return (probot: Probot) => {
    probot.onAny(async (context) => runtime.handle({ id: context.id, name: context.name, payload: context.payload }));
    if (options.schedule ?? true) runtime.startSchedule();
  };
}

/** `probot run ./lib/index.js`: a runtime from the environment, on Probot's auth and log. */
export default function app(probot: Probot): void {
  const problem = webhookSecretProblem(process.env);
  if (problem) {
    // One line and exit 1: a thrown error here would print Probot's stack trace, and the server would listen anyway.
    process.stderr.write(`${problem}\n`);
    process.exit(1);
  }
  const runtime = createRuntime({ env: process.env, probot });
  // Tests load the app many times and must not sweep behind their backs; the CLI sweeps on demand.
  void serverApp(runtime, { schedule: runtime.settings.nodeEnv !== "test" })(probot, { cwd: process.cwd(), addHandler: () => {} });
}
