//! Purpose: the Probot server adapter: every delivery goes to the runtime; the schedule runs in the server. No decisions here.
import type { ApplicationFunction, Probot } from "probot";
import { createRuntime, type Runtime } from "./runtime/runtime.js";

/** The app function for a runtime that already exists (tests and `simulate` build theirs on a double). */
export function serverApp(runtime: Runtime, options: { schedule?: boolean } = {}): ApplicationFunction {
  return (probot: Probot) => {
    probot.onAny(async (context) => {
      try {
        await runtime.handle({ id: context.id, name: context.name, payload: context.payload });
      } catch (error) {
        // Probot answers with an error's `status`: GitHub's 403 (a rate limit) would read as the sender's fault.
        // A failed handler is ours: 500, so GitHub lists the delivery as failed and it can be redelivered.
        throw new Error(error instanceof Error ? error.message : String(error), { cause: error });
      }
    });
    if (options.schedule ?? true) runtime.startSchedule();
  };
}

/** `probot run ./lib/index.js`: a runtime from the environment, on Probot's auth and log. */
export default function app(probot: Probot): void {
  const runtime = createRuntime({ env: process.env, probot });
  // Tests load the app many times and must not sweep behind their backs; the CLI sweeps on demand.
  void serverApp(runtime, { schedule: runtime.settings.nodeEnv !== "test" })(probot, { cwd: process.cwd(), addHandler: () => {} });
}
