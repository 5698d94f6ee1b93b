//! Purpose: one sweep per tick for the whole fleet: a BullMQ job scheduler fires once, and the tick fans out per-repository jobs.
import { Queue, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "probot";
import type { RuntimeClients } from "../runtime/clients.js";
import { appTargets } from "../sweep/targets.js";
import type { RedisWorkQueue } from "./redis-queue.js";
import { connect, type RedisSettings } from "./redis-connection.js";

export const SCHEDULER_ID = "sweep";

export interface FleetSweepOptions {
  settings: RedisSettings;
  /** A cron expression (seconds allowed), as `SWEEP_SCHEDULE`. */
  pattern: string;
  /** The runtime's clients (the app's JWT lists the installations). */
  clients: RuntimeClients;
  work: RedisWorkQueue;
  /** Once per tick, after the repositories are queued: the runtime's redelivery of failed webhooks. */
  afterTick?: () => Promise<void>;
  log: Logger;
}

/** When the tick was due: the id BullMQ gives a scheduled job ends with it (`repeat:<scheduler>:<millis>`). */
export function tickOf(job: Pick<Job, "id" | "timestamp">): number {
  const millis = Number(job.id?.split(":").pop());
  return Number.isFinite(millis) && millis > 0 ? millis : job.timestamp;
}

/**
 * Every replica upserts the same scheduler (idempotent: the fleet holds one), and every replica runs a worker
 * for it, so a tick is one job that exactly one replica takes. That job only lists the repositories and
 * queues one `sweep-repo` job each; that job reads and plans, and queues each due item as a `sweep-issue`
 * job into the shard, where it waits its turn behind (and blocks) the webhooks: the sweep
 * and the webhooks share one per-issue exclusion. Job ids carry the tick, so a tick re-run after its
 * replica died queues nothing twice.
 */
export class FleetSweep {
  private readonly client: Redis;
  private readonly blocking: Redis;
  private readonly queue: Queue;
  private worker: Worker | null = null;
  private announced = false;

  constructor(private readonly options: FleetSweepOptions) {
    this.client = connect(options.settings, { blocking: false, name: "sweep" });
    this.blocking = connect(options.settings, { blocking: true, name: "sweep-worker" });
    this.client.on("error", () => undefined);
    this.blocking.on("error", () => undefined);
    this.queue = new Queue("sweep", { connection: this.client, prefix: options.settings.prefix });
    this.queue.on("error", () => undefined);
    // Checked on every (re)connection: a Redis that restarted empty gets its schedule back.
    this.client.on("ready", () => void this.upsert());
  }

  /**
   * Writes the schedule only when the fleet has none, or another pattern. BullMQ's upsert replaces the next
   * tick, and one that computed its time just before a tick fired but ran just after re-adds that tick, which
   * then runs twice (reproduced against BullMQ 5.81: test/queue/fleet-sweep.test.ts). Replicas that start or
   * reconnect while the schedule stands leave it alone, so that window only opens when it is created or changed.
   */
  private async upsert(): Promise<void> {
    try {
      const current = await this.queue.getJobScheduler(SCHEDULER_ID);
      if (current?.pattern !== this.options.pattern) {
        await this.queue.upsertJobScheduler(SCHEDULER_ID, { pattern: this.options.pattern }, { name: "tick", opts: { removeOnComplete: 100, removeOnFail: 100 } });
      }
      await this.queue.setGlobalConcurrency(1);
      // Said once Redis holds the schedule, not when the worker starts: with Redis away nothing is scheduled.
      if (!this.announced) this.options.log.info({ schedule: this.options.pattern }, "sweep scheduled for the fleet (one tick per schedule, any replica)");
      this.announced = true;
    } catch (error) {
      this.options.log.warn({ err: error }, "sweep schedule: could not reach Redis, trying again on reconnection");
    }
  }

  start(): void {
    // A tick wakes it when due (BullMQ's marker); 15 s only bounds its idle wake-ups (default 5 s).
    this.worker = new Worker("sweep", (job) => this.tick(job), { connection: this.blocking, prefix: this.options.settings.prefix, concurrency: 1, drainDelay: 15 });
    this.worker.on("error", () => undefined);
  }

  private async tick(job: Job): Promise<void> {
    const tick = tickOf(job);
    const { targets, reads } = await appTargets(this.options.clients);
    let queued = 0;
    let already = 0;
    for (const target of targets) {
      if (target.installationId === undefined) continue;
      for (const repo of target.repos) {
        const added = await this.options.work.add({ kind: "sweep-repo", tick, installationId: target.installationId, owner: repo.owner, name: repo.name });
        if (added === "accepted") queued++;
        else already++;
      }
    }
    if (queued === 0 && already > 0) {
      // Every repository of this tick was queued before: BullMQ ran the tick again (the race above while the
      // schedule is created or changed, or a tick whose replica died after queueing). Its work is not redone.
      this.options.log.info({ tick: new Date(tick).toISOString(), repos: already }, "sweep tick already run for the fleet: nothing queued");
      return;
    }
    this.options.log.info({ tick: new Date(tick).toISOString(), repos: queued, reads }, "sweep tick: one job per repository queued");
    // As one process's sweep over every installation: the deliveries are the app's, so once per tick for the fleet.
    await this.options.afterTick?.();
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    this.client.disconnect();
    this.blocking.disconnect();
  }
}
