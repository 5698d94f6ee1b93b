//! Purpose: the bot's handlers and sweep behind the two calls the action makes; until src/runtime/ lands, the server's own app function on a token-authenticated Probot.
import { createProbot, type Logger, type ProbotOctokit } from "probot";
import app from "../index.js";
import { loadRepoConfig, type LoadedConfig } from "../config/load.js";
import { runSweep, type RunSummary } from "../sweep/run-sweep.js";
import { tokenTarget } from "../sweep/targets.js";
import type { Delivery } from "./work.js";

export interface Engine {
  log: Logger;
  /** Every handler the delivery concerns, as the server runs them; throws when a write failed. */
  handle(delivery: Delivery): Promise<void>;
  sweep(options: { repo: { owner: string; name: string }; dryRun: boolean }): Promise<RunSummary>;
  /** The repository's config as the handlers loaded it (cached: no second read after a delivery). */
  config(repo: { owner: string; name: string }): Promise<LoadedConfig>;
}

/**
 * `env` is the only configuration: the same variables the server reads (GITHUB_TOKEN, GHE_HOST, DRY_RUN,
 * LOG_LEVEL…). The app function is src/index.ts itself, so the action registers exactly the server's handlers.
 */
export async function createEngine(env: NodeJS.ProcessEnv): Promise<Engine> {
  const probot = createProbot({ env, overrides: { githubToken: env.GITHUB_TOKEN } });
  await probot.load(app, { cwd: process.cwd(), addHandler: () => {} });
  let client: Promise<ProbotOctokit> | undefined;
  const octokit = () => (client ??= probot.auth());
  return {
    log: probot.log,
    handle: (delivery) => probot.receive({ ...delivery, payload: withoutInstallation(delivery.payload) } as Parameters<typeof probot.receive>[0]),
    sweep: ({ repo, dryRun }) => runSweep({ targets: () => tokenTarget(probot, repo), now: () => new Date(), dryRun, log: probot.log }),
    config: async (repo) => loadRepoConfig(await octokit(), repo),
  };
}

/**
 * The job's token is the credential. An `installation` in the payload would make the handlers ask for that
 * installation's token, which only the app's private key can mint.
 */
function withoutInstallation(payload: unknown): unknown {
  if (!payload || typeof payload !== "object" || !("installation" in payload)) return payload;
  const { installation: _installation, ...rest } = payload as Record<string, unknown>;
  return rest;
}
