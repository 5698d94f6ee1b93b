//! Purpose: the Probot entry: register events and wire dependencies. No decisions here (they live in src/lifecycle).
import type { ApplicationFunctionOptions, Probot, ProbotOctokit } from "probot";
import { forgetConfig } from "./config/load.js";
import { registerHandlers } from "./handlers/register.js";
import type { Deps } from "./handlers/shared.js";
import { redisSettings } from "./queue/redis-connection.js";
import { startReplica } from "./queue/replica.js";
import { useTransport } from "./github/transport.js";
import { TtlCache } from "./github/ttl-cache.js";
import { startSweepSchedule } from "./sweep/schedule.js";

export default function app(probot: Probot, options?: ApplicationFunctionOptions): void {
  // `bug-lifecycle simulate` plays scenarios on a simulated clock: `probot.load(app, { ...options, now })`.
  const simulated = typeof options?.now === "function";
  const redis = simulated ? null : redisSettings(process.env);
  if (redis) {
    // Replicas: the server only accepts into the shared queue; a worker Probot runs the handlers (src/queue/replica.ts).
    startReplica(probot, redis, process.env, depsFromEnv);
    return;
  }
  const deps = depsFromEnv(probot, process.env);
  if (simulated) deps.now = options!.now as () => Date;
  registerHandlers(probot, deps, { configChanged: (repo) => forgetConfig(repo) });
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
