//! Purpose: the server as one replica of many (`REDIS_URL`): the shared BullMQ queue feeds the runtime; one sweep schedule for the fleet.
import type { Runtime } from "../runtime/runtime.js";
import { ConfigBroadcast } from "./config-broadcast.js";
import { FleetSweep } from "./fleet-sweep.js";
import type { RedisSettings } from "./redis-connection.js";
import type { WorkItem } from "./redis-job.js";
import { RedisWorkQueue } from "./redis-queue.js";
import type { DueItem } from "../sweep/sweep-repo.js";

export interface Replica {
  queue: RedisWorkQueue;
  sweep: FleetSweep | null;
  /** Tells every replica (this one included) that `repo`'s config changed (undefined: every repository's). */
  configChanged(repo: string | undefined): void;
  close(): Promise<void>;
}

/**
 * The runtime's handlers run here as BullMQ jobs; the HTTP side (src/index.ts) only accepts into the queue.
 * The runtime's clients come from the server's Probot, built from the same env: with REDIS_URL its
 * Bottleneck pacing is clustered per installation across the fleet.
 */
export function startReplica(runtime: Runtime, settings: RedisSettings): Replica {
  const log = runtime.log.child({ name: "replica" });
  const broadcast = new ConfigBroadcast(settings, log, (repo) => {
    if (repo === undefined) runtime.caches.config.clear();
    else runtime.caches.config.delete(repo);
    log.info({ repo: repo ?? "(every repository)" }, "config changed: this replica's cached config forgotten");
  });

  // `queue` is assigned below, before any job runs (the workers start after it).
  let queue: RedisWorkQueue;
  const run = async (item: WorkItem) => {
    if (item.kind === "delivery") return runtime.handle(item.delivery);
    const tick = new Date(item.tick).toISOString();
    if (item.kind === "sweep-issue") {
      const result = await runtime.sweepIssue({ ...item, runId: `tick-${tick}` });
      if (result.error) log.error({ ...result, tick }, "sweep: invalid config, this item is left alone");
      return;
    }
    const repo = { owner: item.owner, name: item.name };
    // The repository's job reads and plans; each due item is written by its own job in the issue's shard,
    // so it waits behind (and blocks) that issue's webhooks on whichever replica runs them.
    const handOff = async (_repo: unknown, _installation: unknown, due: DueItem) => {
      await queue.add({ kind: "sweep-issue", tick: item.tick, installationId: item.installationId, ...repo, ...due });
    };
    const summary = await runtime.sweep({ repo, handOff });
    // A failed repository is logged by the sweep itself; the next tick sweeps it again.
    log.info({ ...summary, repo: `${item.owner}/${item.name}`, tick }, "sweep done in this repository");
  };
  queue = new RedisWorkQueue({ settings, log, run, ...runtime.settings.queue });
  queue.start();

  const pattern = runtime.settings.sweepSchedule;
  const scheduled = pattern.toLowerCase() !== "off";
  const sweep = scheduled ? new FleetSweep({ settings, pattern, clients: runtime.clients, work: queue, log, afterTick: () => runtime.redeliverFailed() }) : null;
  sweep?.start();

  log.info({ prefix: settings.prefix, shards: queue.queues.length }, "replica: work queue shared through Redis");
  return {
    queue,
    sweep,
    configChanged: (repo) => void broadcast.publish(repo),
    async close() {
      await sweep?.close();
      broadcast.close();
    },
  };
}
