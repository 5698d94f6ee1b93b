//! Purpose: a repository on the GitHub double over HTTP and a job's token, for the Action's process tests.
import { GitHubDouble, type Listening } from "@bug-lifecycle/github-double";
import { daysAgo } from "../../support/fixtures.js";
import { FLEET_CONFIG, FLEET_LABELS, REPO } from "../../support/fleet.js";
import { runAction, type RunOptions } from "./run-action.js";

// The Action reads the real clock.
export const ago = (days: number, seconds = 0) => daysAgo(days, seconds, new Date());

let listening: Listening | undefined;

/** For afterEach: the double of the last `world()` stops listening. */
export async function closeWorld(): Promise<void> {
  await listening?.close();
  listening = undefined;
}

/**
 * A repository on the double, and the token a job gets. `github-actions`: the workflow's GITHUB_TOKEN (an
 * installation token of GitHub's own app, writing as github-actions[bot]); `bug-lifecycle`: a token from
 * actions/create-github-app-token, writing as the team's app.
 */
export async function world(identity: "github-actions" | "bug-lifecycle" = "github-actions", config = FLEET_CONFIG, defaults: Partial<RunOptions> = {}) {
  const double = new GitHubDouble({ appSlug: identity });
  double.addRepo(REPO, { labels: FLEET_LABELS });
  for (const login of ["maint", "qa-lead", "mdm-em", "mdm-pm", "orch-em", "orch-pm", "product-head", "dev-1"]) double.addCollaborator(REPO, login, "write");
  double.addUser("reporter");
  double.setFile(REPO, ".github/bug-lifecycle.yml", config);
  listening = await double.listen();
  // The repository's installation (addRepo placed it in one): the token a job is handed.
  const token = double.installationToken();
  const bot = `${identity}[bot]`;
  const run = (event: string, payload: unknown, more: Partial<RunOptions> = {}) =>
    runAction({ api: listening!.url, token, repository: REPO, event, payload, ...defaults, ...more });
  /** Requests the step made after `from`. */
  const writesSince = (from: number) => double.requests.slice(from).filter((r) => r.write);
  return { double, run, bot, writesSince };
}

/** A bug waiting to be reproduced: the bot put `:reproduce` on it when it was filed. */
export function newBug(bot: string) {
  return {
    title: "MDM profile fails to install",
    author: "reporter",
    createdAt: ago(1),
    labels: ["bug", ":reproduce"],
    events: [
      { kind: "labeled" as const, actor: "reporter", createdAt: ago(1), label: "bug" },
      { kind: "labeled" as const, actor: bot, createdAt: ago(1, 1), label: ":reproduce" },
    ],
  };
}

/** Asked for more information 15 days ago (by the bot, under this identity): the reminder is due. */
export function waitingForInfo(bot: string) {
  return {
    title: "Crash on enroll",
    author: "reporter",
    createdAt: ago(20),
    labels: ["bug", ":reproduce", "~needs info"],
    comments: [{ author: "qa-lead", body: "/needs-info", createdAt: ago(15) }],
    events: [{ kind: "labeled" as const, actor: bot, createdAt: ago(15, 1), label: "~needs info" }],
  };
}

