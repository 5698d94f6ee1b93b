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
 * The runtime's clients come from the server's Probot; their pacing is this process's own: an installation's
 * work runs on one replica at a time (its lane), so nothing needs a clustered limiter.
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
    // The repository's job reads and plans; each due item is written by its own job in the installation's
    // lane, after that issue's webhooks (people's deliveries go first), on whichever replica holds the lane.
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
  // A tick's end also rescues lanes a replica that died between a turn's end and its re-check left without a lane job.
  const afterTick = async () => {
    await queue.rescue();
    await runtime.redeliverFailed();
  };
  const sweep = scheduled ? new FleetSweep({ settings, pattern, clients: runtime.clients, work: queue, log, afterTick }) : null;
  sweep?.start();

  log.info({ prefix: settings.prefix, lanes: runtime.settings.queue.lanes }, "replica: work queue shared through Redis, one lane per installation");
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
