//! Purpose: the Probot entry: register events and wire dependencies. No decisions here (they live in src/lifecycle).
import type { ApplicationFunctionOptions, Context, Probot, ProbotOctokit } from "probot";
import { checkConfigChange } from "./checks/config-check.js";
import { forgetConfig, CONFIG_FILE } from "./config/load.js";
import { onIssueEvent } from "./handlers/issue-events.js";
import { onMilestoneClosed } from "./handlers/milestones.js";
import { onPullRequest } from "./handlers/pull-requests.js";
import { firstDelivery, forgetDelivery, type Deps } from "./handlers/shared.js";
import { useTransport } from "./github/transport.js";
import { TtlCache } from "./github/ttl-cache.js";
import { startSweepSchedule } from "./sweep/schedule.js";

export default function app(probot: Probot, options?: ApplicationFunctionOptions): void {
  const deps = depsFromEnv(probot, process.env);
  // `bug-lifecycle simulate` plays scenarios on a simulated clock: `probot.load(app, { ...options, now })`.
  if (typeof options?.now === "function") deps.now = options.now as () => Date;
  const run =
    <C extends Context>(name: string, handler: (context: C, deps: Deps) => Promise<void>) =>
    async (context: C) => {
      // One event can reach two handlers (a PR opened: rules and config check): dedupe per handler.
      const key = `${context.id}:${name}`;
      if (!firstDelivery(key)) return;
      try {
        await handler(context, deps);
      } catch (error) {
        // A redelivery of this id must be able to try again.
        forgetDelivery(key);
        context.log.error({ delivery: context.id, event: context.name, err: error }, "handler failed");
        throw error;
      }
    };

  probot.on(["issues.opened", "issues.reopened", "issues.closed", "issues.labeled", "issues.unlabeled", "issue_comment.created", "issue_comment.edited"], run("issues", onIssueEvent));
  probot.on(["pull_request.opened", "pull_request.edited", "pull_request.closed"], run("pull-requests", onPullRequest));
  probot.on("milestone.closed", run("milestones", onMilestoneClosed));
  probot.on(
    ["pull_request.opened", "pull_request.synchronize", "pull_request.reopened"],
    run("config-check", async (context: Context<"pull_request">) => void (await checkConfigChange(context, { dryRun: deps.dryRun }))),
  );
  probot.on("push", async (context) => {
    const touched = context.payload.commits.some((commit) =>
      [...(commit.added ?? []), ...(commit.modified ?? []), ...(commit.removed ?? [])].includes(`.github/${CONFIG_FILE}`),
    );
    if (!touched) return;
    // The org `.github` repository is every repository's fallback.
    forgetConfig(context.payload.repository.name === ".github" ? undefined : context.payload.repository.full_name);
  });
  // Tests load the app many times and must not sweep behind their backs; the CLI sweeps on demand.
  if (process.env.NODE_ENV !== "test") startSweepSchedule(probot, process.env, { now: deps.now, dryRun: deps.dryRun });
}

export function depsFromEnv(probot: Probot, env: NodeJS.ProcessEnv): Deps {
  const clients = new TtlCache<number, Promise<ProbotOctokit>>(24 * 60 * 60_000, 10_000);
  const slack = env.SLACK_WEBHOOK_URL;
  return {
    now: () => new Date(),
    dryRun: env.DRY_RUN === "true" || env.DRY_RUN === "1",
    notify: slack
      ? async (text) => {
          const response = await fetch(slack, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text }) });
          if (!response.ok) throw new Error(`Slack answered ${response.status}`);
        }
      : undefined,
    // Per-installation clients pace writes per installation (as GitHub limits them), not in one queue per process.
    octokitFor: async (context) => {
      const id = (context.payload as { installation?: { id: number } }).installation?.id;
      if (!id) return context.octokit;
      let client = clients.get(id);
      if (!client) {
        client = probot.auth(id).then(useTransport);
        clients.set(id, client);
      }
      return client;
    },
  };
}
