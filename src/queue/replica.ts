//! Purpose: the server as one replica of many (`REDIS_URL`): the shared BullMQ queue feeds the runtime; one sweep schedule for the fleet.
import type { Runtime } from "../runtime/runtime.js";
import { DEFAULT_SWEEP_SCHEDULE } from "../sweep/schedule.js";
import { ConfigBroadcast } from "./config-broadcast.js";
import { FleetSweep } from "./fleet-sweep.js";
import type { RedisSettings } from "./redis-connection.js";
import { queueOptionsFromEnv, RedisWorkQueue, type WorkItem } from "./redis-queue.js";

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
export function startReplica(runtime: Runtime, settings: RedisSettings, env: NodeJS.ProcessEnv): Replica {
  const log = runtime.log.child({ name: "replica" });
  const broadcast = new ConfigBroadcast(settings, log, (repo) => {
    if (repo === undefined) runtime.caches.config.clear();
    else runtime.caches.config.delete(repo);
    log.info({ repo: repo ?? "(every repository)" }, "config changed: this replica's cached config forgotten");
  });

  const run = async (item: WorkItem) => {
    if (item.kind === "delivery") return runtime.handle(item.delivery);
    const repo = { owner: item.owner, name: item.name };
    const summary = await runtime.sweep({ repo });
    // A failed repository is logged by the sweep itself; the next tick sweeps it again.
    log.info({ ...summary, repo: `${item.owner}/${item.name}`, tick: new Date(item.tick).toISOString() }, "sweep done in this repository");
  };
  const queue = new RedisWorkQueue({ settings, log, run, ...queueOptionsFromEnv(env) });
  queue.start();

  const pattern = runtime.settings.sweepSchedule?.trim() || DEFAULT_SWEEP_SCHEDULE;
  // As in one process: tests keep the schedule off unless they set one.
  const scheduled = pattern.toLowerCase() !== "off" && (runtime.settings.nodeEnv !== "test" || Boolean(runtime.settings.sweepSchedule));
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
