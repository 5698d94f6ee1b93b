//! Purpose: the GitHub Action's entry (dist/action.mjs): the runner's environment in, one delivery or one sweep through the bot's handlers, the outcome in the log, the job summary and the exit status.
import { readFile } from "node:fs/promises";
import { describeSweep } from "../sweep/describe.js";
import { renderMarkdown } from "../report/markdown.js";
import { describeFailure } from "../runtime/failure.js";
import { createRuntime, type Runtime } from "../runtime/runtime.js";
import { SettingsError } from "../runtime/settings.js";
import { readSettings } from "./inputs.js";
import { runnerFiles, type RunnerFiles } from "./runner-files.js";
import { workFor } from "./work.js";

const CONFIG_TITLE = "invalid .github/bug-lifecycle.yml";

function problemsMarkdown(title: string, problems: readonly string[]): string {
  return `### bug-lifecycle: ${title}\n\n${problems.map((problem) => `- ${problem.replace(/\n/g, " ")}`).join("\n")}\n`;
}

function fail(files: RunnerFiles, title: string, problems: readonly string[]): number {
  for (const problem of problems) files.error(problem, `bug-lifecycle: ${title}`);
  files.summary(problemsMarkdown(title, problems));
  return 1;
}

export async function main(env: NodeJS.ProcessEnv, write: (text: string) => void): Promise<number> {
  const read = readSettings(env);
  if (!read.ok) {
    return fail(runnerFiles({ summaryPath: env.GITHUB_STEP_SUMMARY, outputPath: env.GITHUB_OUTPUT }, write), "the action is not set up right", read.problems);
  }
  const settings = read.settings;
  const files = runnerFiles(settings, write);
  let payload: unknown;
  try {
    payload = JSON.parse(await readFile(settings.eventPath, "utf8"));
  } catch (error) {
    return fail(files, "no event", [`GITHUB_EVENT_PATH ${settings.eventPath}: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const work = workFor(settings.eventName, payload, settings.deliveryId);
  if (work.kind === "ignored") {
    files.line(`${work.reason}: nothing to do.`);
    files.output("handled", "ignored");
    files.summary(`bug-lifecycle: ${work.reason}; nothing done.\n`);
    return 0;
  }

  let runtime;
  try {
    runtime = createRuntime({ env: settings.env });
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    return fail(files, "the action is not set up right", [error.message]);
  }
  const repo = settings.repository;

  if (work.kind === "delivery") {
    files.output("handled", "delivery");
    let failure: unknown;
    try {
      await runtime.handle(work.delivery);
    } catch (error) {
      failure = error;
    }
    // An invalid config was answered on the issue by the handlers; the job fails too, so its owner sees why.
    // (The handlers loaded it through the runtime's cache: this reads nothing more.)
    const checked = await runtime.checkConfig(repo);
    await runtime.close();
    if (!checked.ok) return fail(files, CONFIG_TITLE, checked.errors);
    if (failure !== undefined) {
      return fail(files, "a write failed: re-run the job to finish it", [failure instanceof Error ? failure.message : String(failure)]);
    }
    return 0;
  }

  const checked = await runtime.checkConfig(repo);
  if (!checked.ok) return fail(files, CONFIG_TITLE, checked.errors);
  const summary = await runtime.sweep({ repo, dryRun: settings.dryRun });
  const line = describeSweep(summary);
  files.line(line);
  files.output("handled", "sweep");
  files.summary(`### bug-lifecycle sweep${summary.dryRun ? " (dry run: nothing written)" : ""}\n\n${line}\n`);
  let code = summary.failed.length || summary.errors ? 1 : 0;
  if (settings.report) {
    // A report only reads: its own runtime, unpaced (pacing would space each GraphQL page a second apart).
    const reported = await report(createRuntime({ env: settings.env, pacing: false }), repo);
    if (typeof reported === "string") files.summary(reported);
    else code = fail(files, "the report could not be made", reported);
  }
  await runtime.close();
  return code;
}

/** The report's markdown for the job summary, or its problems. */
async function report(runtime: Runtime, repo: { owner: string; name: string }): Promise<string | string[]> {
  try {
    const made = await runtime.report({ repo });
    if (made.ok) return `${renderMarkdown(made.report.metrics, made.timeZone)}\n`;
    return made.problem === "config" ? made.errors : ["the report's window is not before now"];
  } catch (error) {
    return [`${repo.owner}/${repo.name}: ${describeFailure(error)}`];
  } finally {
    await runtime.close();
  }
}

// `node dist/action.mjs` as the runner starts it (runs.using: node20).
main(process.env, (text) => process.stdout.write(text)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stdout.write(`::error title=bug-lifecycle::${String(error instanceof Error ? (error.stack ?? error.message) : error).replace(/%/g, "%25").replace(/\n/g, "%0A")}\n`);
    process.exitCode = 1;
  },
);
