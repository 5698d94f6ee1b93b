//! Purpose: the server as one replica of many (`REDIS_URL`): webhooks accepted into the shared queue, a worker Probot runs the handlers.
import { createProbot, type Probot } from "probot";
import { forgetConfig } from "../config/load.js";
import { registerHandlers } from "../handlers/register.js";
import type { Deps } from "../handlers/shared.js";
import { useTransport } from "../github/transport.js";
import { DEFAULT_SWEEP_SCHEDULE } from "../sweep/schedule.js";
import { sweepRepo } from "../sweep/sweep-repo.js";
import { ConfigBroadcast } from "./config-broadcast.js";
import { FleetSweep } from "./fleet-sweep.js";
import type { RedisSettings } from "./redis-connection.js";
import { queueOptionsFromEnv, RedisWorkQueue, type WorkItem } from "./redis-queue.js";
import { QueueUnavailable } from "./work-queue.js";

/** What SIGTERM leaves running jobs to finish in (orchestrators send SIGKILL after about 30 s). */
const GRACE_MS = 20_000;

export interface Replica {
  queue: RedisWorkQueue;
  sweep: FleetSweep | null;
  close(): Promise<void>;
}

export function startReplica(probot: Probot, settings: RedisSettings, env: NodeJS.ProcessEnv, depsFor: (probot: Probot, env: NodeJS.ProcessEnv) => Deps): Replica {
  const log = probot.log.child({ name: "replica" });
  // A second Probot, built from the same env (and so the same REDIS_URL-clustered, per-installation pacing),
  // that nothing delivers to over HTTP: jobs reach its handlers through `receive`.
  const worker = createProbot({ env, overrides: { log: probot.log } });
  const deps = depsFor(worker, env);
  const broadcast = new ConfigBroadcast(settings, log, (repo) => {
    forgetConfig(repo);
    log.info({ repo: repo ?? "(every repository)" }, "config changed: this replica's cached config forgotten");
  });
  registerHandlers(worker, deps, {
    // This replica forgets at once; the others (and this one again, harmlessly) when the message arrives.
    configChanged: (repo) => {
      forgetConfig(repo);
      void broadcast.publish(repo);
    },
  });

  const run = async (item: WorkItem) => {
    if (item.kind === "delivery") {
      await worker.receive(item.delivery as Parameters<Probot["receive"]>[0]);
      return;
    }
    const octokit = useTransport(await worker.auth(item.installationId));
    const result = await sweepRepo({ octokit, repo: { owner: item.owner, name: item.name }, now: deps.now(), dryRun: deps.dryRun, log, runId: `tick-${item.tick}` });
    log.info({ ...result, tick: new Date(item.tick).toISOString() }, "sweep done in this repository");
    if (result.error && result.error !== "invalid config") throw new Error(`sweep of ${result.repo} failed: ${result.error}`);
  };
  const queue = new RedisWorkQueue({ settings, log, run, ...queueOptionsFromEnv(env) });
  queue.start();

  // The HTTP side only accepts: answered as soon as the delivery is stored in Redis (503 when it cannot be).
  probot.onAny(async (context) => {
    const outcome = await queue.accept({ id: context.id, name: context.name, payload: context.payload });
    if (outcome === "closed") throw new QueueUnavailable("this replica is shutting down");
    if (outcome === "duplicate") log.debug({ delivery: context.id }, "delivery already accepted by the fleet: skipped");
  });

  const pattern = env.SWEEP_SCHEDULE?.trim() || DEFAULT_SWEEP_SCHEDULE;
  // As in one process: tests keep the schedule off unless they set one.
  const scheduled = pattern.toLowerCase() !== "off" && (env.NODE_ENV !== "test" || Boolean(env.SWEEP_SCHEDULE));
  const sweep = scheduled ? new FleetSweep({ settings, pattern, probot: worker, work: queue, log }) : null;
  sweep?.start();

  const replica: Replica = {
    queue,
    sweep,
    async close() {
      await sweep?.close();
      const report = await queue.close(GRACE_MS);
      broadcast.close();
      if (report.unfinished.length) log.warn({ unfinished: report.unfinished }, "closed with jobs still running: their leases lapse and another replica runs them");
    },
  };
  // Hands back what it holds: active jobs finish, waiting ones stay in Redis for the other replicas.
  process.once("SIGTERM", () => {
    log.info("SIGTERM: finishing active jobs; queued ones stay in Redis for the other replicas");
    void replica.close().finally(() => process.exit(0));
  });
  log.info({ prefix: settings.prefix, shards: queue.queues.length }, "replica: work queue shared through Redis");
  return replica;
}
