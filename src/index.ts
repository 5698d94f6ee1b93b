//! Purpose: the Probot server adapter: every delivery goes to the runtime; the schedule runs in the server. No decisions here.
import type { ApplicationFunction, Probot } from "probot";
import { createRuntime, type Runtime } from "./runtime/runtime.js";

/** The app function for a runtime that already exists (tests and `simulate` build theirs on a double). */
export function serverApp(runtime: Runtime, options: { schedule?: boolean } = {}): ApplicationFunction {
  return (probot: Probot) => {
    probot.onAny(async (context) => runtime.handle({ id: context.id, name: context.name, payload: context.payload }));
    if (options.schedule ?? true) runtime.startSchedule();
  };
}

/** `probot run ./lib/index.js`: a runtime from the environment, on Probot's auth and log. */
export default function app(probot: Probot): void {
  const runtime = createRuntime({ env: process.env, probot });
  // Tests load the app many times and must not sweep behind their backs; the CLI sweeps on demand.
  void serverApp(runtime, { schedule: runtime.settings.nodeEnv !== "test" })(probot, { cwd: process.cwd(), addHandler: () => {} });
}
