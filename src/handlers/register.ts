//! Purpose: the app's event handlers on a Probot instance (the server's own, or the queue worker's): registration only, no decisions.
import type { Context, Probot } from "probot";
import { checkConfigChange } from "../checks/config-check.js";
import { CONFIG_FILE } from "../config/load.js";
import { onIssueEvent } from "./issue-events.js";
import { onMilestoneClosed } from "./milestones.js";
import { onPullRequest } from "./pull-requests.js";
import { firstDelivery, forgetDelivery, type Deps } from "./shared.js";

export interface RegisterHooks {
  /** `.github/bug-lifecycle.yml` changed in `repo` (undefined: the org's `.github`, every repository's fallback). */
  configChanged(repo: string | undefined): void;
}

export function registerHandlers(probot: Probot, deps: Deps, hooks: RegisterHooks): void {
  const run =
    <C extends Context>(name: string, handler: (context: C, deps: Deps) => Promise<void>) =>
    async (context: C) => {
      // One event can reach two handlers (a PR opened: rules and config check): dedupe per handler.
      const key = `${context.id}:${name}`;
      if (!firstDelivery(key)) return;
      try {
        await handler(context, deps);
      } catch (error) {
        // A redelivery (or the queue's retry) of this id must be able to try again.
        forgetDelivery(key);
        context.log.error({ delivery: context.id, event: context.name, err: error }, "handler failed");
        throw error;
      }
    };

  probot.on(["issues.opened", "issues.reopened", "issues.labeled", "issues.unlabeled", "issue_comment.created"], run("issues", onIssueEvent));
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
    hooks.configChanged(context.payload.repository.name === ".github" ? undefined : context.payload.repository.full_name);
  });
}
