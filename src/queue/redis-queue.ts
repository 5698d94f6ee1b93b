//! Purpose: the shared work queue on BullMQ (its jobs' keys, shards and ids: redis-job.ts): fleet-wide de-dup by delivery id, one issue's jobs one at a time in order, leases, retries.
import { Job, Queue, Worker, type JobsOptions } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "probot";
import type { Delivery } from "../runtime/delivery.js";
import { connect, type RedisSettings } from "./redis-connection.js";
import { RedisHealth } from "./redis-health.js";
import { jobIdOf, keyOf, shardOf, type JobData, type WorkItem } from "./redis-job.js";
import { DEFAULT_RETRY, nextDelay, type RetryPolicy } from "./retry-policy.js";
import { QueueUnavailable, type AcceptResult, type CloseReport, type QueueStats, type WorkQueue } from "./work-queue.js";

export interface RedisQueueOptions {
  settings: RedisSettings;
  log: Logger;
  run: (item: WorkItem) => Promise<void>;
  /** `QUEUE_SHARDS`: queues, each running one job at a time across the fleet: the fleet's parallelism (default 64). */
  shards: number;
  /** `QUEUE_LOCK_MS`: the lease on an active job; a replica that dies loses its job to another after it (default 30 s). */
  lockMs: number;
  /** `QUEUE_ATTEMPTS`: runs per job (default 5), with the bursts issue's backoff (transient failures only, honouring retry-after). */
  attempts: number;
  /** A job's de-dup record is kept this long so a redelivery is a duplicate: GitHub's 3 days. */
  keepMs?: number;
}

export const KEEP_MS = 3 * 24 * 60 * 60_000;

/**
 * An idle shard worker wakes this often (seconds) to look for work it was not told about; a new job wakes
 * one worker at once (BullMQ's marker), and a shard's next job goes to the worker that finished the last.
 * The wait matters only when that worker stops instead: a replica that took a marker and died, or one shut
 * down (SIGTERM) after its job, whose shard's next job then waits up to this long for another replica.
 * BullMQ's default is 5 s: with 64 shard workers per replica the wake-ups alone were ~230 Redis commands a
 * second at rest. The one timers worker keeps 5 s: a timer whose replica died is late by at most that.
 */
const DRAIN_DELAY_S = 15;

/**
 * Per-issue ordering on open-source BullMQ (groups are BullMQ Pro's): each key (`keyOf`: an issue, or a
 * repository for repository-level work) hashes to one of `shards` queues whose *global* concurrency is 1
 * (`Queue.setGlobalConcurrency`), so across every replica a shard runs one job at a time, oldest first:
 * one issue's jobs never overlap and keep their order, and up to `shards` issues run at once. The job's lock is the lease: a worker that dies stops renewing
 * it, BullMQ's stalled-job check moves the job back to waiting, and another replica runs it. No lock of ours.
 */
export class RedisWorkQueue implements WorkQueue {
  readonly queues: Queue[];
  /**
   * Delayed jobs (`later`) wait here, apart from the shards: a shard's "delayed" count means retries, which
   * `idle()` waits for, and an hour-long timer must not hold up `idle()`. When due, a timer job only hands
   * its delivery to `accept`, so the work itself runs in its repository's shard, in order.
   */
  readonly timers: Queue;
  private readonly workers: Worker[] = [];
  private readonly client: Redis;
  /** Whether Redis answers this replica now (its readiness: src/queue/server-queue.ts). */
  readonly health: RedisHealth;
  private readonly blocking: Redis;
  private lastOutageLog = 0;
  private readonly keepMs: number;
  private readonly retry: RetryPolicy;
  private closing = false;
  private readonly running = new Map<string, { id: string; name: string; key: string | null; attempts: number }>();
  /** This replica's own counts; the fleet's queue lengths are read from Redis when asked (`stats()`). */
  private done = 0;
  private failed = 0;

  constructor(private readonly options: RedisQueueOptions) {
    const { settings } = options;
    this.keepMs = options.keepMs ?? KEEP_MS;
    this.retry = { ...DEFAULT_RETRY, maxAttempts: options.attempts };
    this.client = connect(settings, { blocking: false, name: "queue" });
    this.blocking = connect(settings, { blocking: true, name: "worker" });
    this.health = new RedisHealth(this.client);
    this.client.on("error", (error) => this.outage(error));
    this.blocking.on("error", (error) => this.outage(error));
    this.queues = Array.from({ length: options.shards }, (_, shard) => {
      const queue = new Queue(`work-${shard}`, { connection: this.client, prefix: settings.prefix });
      queue.on("error", (error) => this.outage(error));
      return queue;
    });
    this.timers = new Queue("timers", { connection: this.client, prefix: settings.prefix });
    this.timers.on("error", (error) => this.outage(error));
    // Redis may restart empty: the limit is set again on every (re)connection.
    this.client.on("ready", () => void this.limit());
  }

  private async limit(): Promise<void> {
    try {
      await Promise.all(this.queues.map((queue) => queue.setGlobalConcurrency(1)));
    } catch (error) {
      this.outage(error);
    }
  }

  /** Starts this replica's workers: one per shard, each one job at a time. */
  start(): void {
    const { settings, lockMs } = this.options;
    for (const queue of this.queues) {
      const worker = new Worker(queue.name, (job: Job<JobData>) => this.process(job), {
        connection: this.blocking,
        prefix: settings.prefix,
        concurrency: 1,
        drainDelay: DRAIN_DELAY_S,
        lockDuration: lockMs,
        stalledInterval: Math.max(500, Math.floor(lockMs / 2)),
        // A job whose replicas keep dying is failed (and logged) after this many leases, not retried forever.
        maxStalledCount: 3,
        // The same policy as the in-memory queue: only GitHub's passing trouble is retried, honouring retry-after.
        settings: { backoffStrategy: (attemptsMade: number, _type?: string, error?: Error) => nextDelay(this.retry, attemptsMade, error) ?? -1 },
      });
      worker.on("error", (error) => this.outage(error));
      // Another replica stopped renewing this job's lock (it died): the job is back in the queue, and this replica saw it.
      worker.on("stalled", (jobId) => this.options.log.warn({ job: jobId }, "job's replica stopped renewing its lease: the job runs again on a live replica"));
      worker.on("failed", (job, error) => {
        if (!job) return;
        const final = job.attemptsMade >= (job.opts.attempts ?? 1) || nextDelay(this.retry, job.attemptsMade, error) === null;
        if (final) this.failed++;
        const context = { job: job.id, kind: job.data.kind, attempt: job.attemptsMade, err: error };
        if (final) this.options.log.error(context, "job failed after its last attempt: the next sweep repairs what it left undone");
        else this.options.log.warn(context, "job failed, retrying with backoff");
      });
      this.workers.push(worker);
    }
    const timers = new Worker(this.timers.name, (job: Job<JobData | { delivery: Delivery }>) => this.fire(job), {
      connection: this.blocking,
      prefix: settings.prefix,
      concurrency: 1,
      lockDuration: lockMs,
    });
    timers.on("error", (error) => this.outage(error));
    this.workers.push(timers);
  }

  private async process(job: Job<JobData>): Promise<void> {
    // A job of the version before this one whose work landed (it dropped the payload) before its replica died.
    if (!job.data.item) return;
    const item = job.data.item;
    const id = job.id ?? "";
    this.running.set(id, {
      id: item.kind === "delivery" ? item.delivery.id : id,
      name: item.kind === "delivery" ? item.delivery.name : item.kind,
      key: keyOf(item),
      attempts: job.attemptsMade + 1,
    });
    try {
      await this.options.run(item);
    } catch (error) {
      // Probot's `receive` wraps handler errors in an AggregateError: the retry policy reads the first one.
      throw error instanceof AggregateError && error.errors.length ? error.errors[0] : error;
    } finally {
      this.running.delete(id);
    }
    this.done++;
  }

  async accept(delivery: Delivery): Promise<AcceptResult> {
    if (this.closing) return "closed";
    return this.add({ kind: "delivery", delivery });
  }

  /** Resolves when the fleet's queues hold nothing waiting, running or retrying. */
  async idle(): Promise<void> {
    for (;;) {
      const all = await Promise.all(this.queues.map((queue) => queue.getJobCounts("waiting", "active", "delayed", "prioritized", "paused")));
      if (all.every((c) => Object.values(c).every((n) => n === 0))) return;
      await new Promise((done) => setTimeout(done, 100));
    }
  }

  /**
   * Running, done and failed are this replica's; waiting, retrying and delayed are the fleet's, read from
   * Redis now (on `GET /bug-lifecycle/queue` and at SIGTERM only: polling them cost every replica a read of
   * every shard every few seconds). Redis away: throws `QueueUnavailable` (the outage is logged once a minute).
   */
  async stats(): Promise<QueueStats> {
    const mine = { running: this.running.size, done: this.done, failed: this.failed };
    try {
      const shards = await Promise.all(this.queues.map((queue) => queue.getJobCounts("waiting", "prioritized", "delayed")));
      const timers = await this.timers.getJobCounts("delayed");
      const sum = (pick: (c: Record<string, number>) => number) => shards.reduce((total, c) => total + pick(c), 0);
      return { ...mine, waiting: sum((c) => (c.waiting ?? 0) + (c.prioritized ?? 0)), retrying: sum((c) => c.delayed ?? 0), delayed: timers.delayed ?? 0 };
    } catch (error) {
      // Unknown, not 0: the status route answers 503 rather than claim an empty queue.
      this.outage(error);
      throw new QueueUnavailable(error);
    }
  }

  /** A delayed job in Redis: it survives this replica, and any replica's timers worker hands it to `accept` when due. */
  async later(delivery: Delivery, runAt: number): Promise<AcceptResult> {
    if (this.closing) return "closed";
    const item: WorkItem = { kind: "delivery", delivery };
    return this.enqueue(this.timers, "timer", item, { delay: Math.max(0, runAt - Date.now()), backoff: { type: "fixed", delay: 1_000 } });
  }

  /** Timers scheduled before the job data was `{ kind, item }` held `{ delivery }`: a rolling deploy fires both. */
  private async fire(job: Job<JobData | { delivery: Delivery }>): Promise<void> {
    await this.add("item" in job.data ? job.data.item : { kind: "delivery", delivery: job.data.delivery });
  }

  async add(item: WorkItem): Promise<"accepted" | "duplicate"> {
    return this.enqueue(this.queues[shardOf(keyOf(item), this.queues.length)]!, item.kind, item, { backoff: { type: "github-transient" } });
  }

  /**
   * De-dup is BullMQ's own (`deduplication` with a TTL): the job id's record outlives the job for `keepMs`,
   * so a finished job is deleted at once (no payload kept, no write to drop it) and a redelivery within
   * GitHub's 3 days is still a duplicate. A failed job is kept (with its payload) as long, for a person to
   * look at, and a redelivery of it runs it again.
   */
  private async enqueue(queue: Queue, name: string, item: WorkItem, extra: JobsOptions): Promise<"accepted" | "duplicate"> {
    const jobId = jobIdOf(item);
    const keep = Math.ceil(this.keepMs / 1000);
    const opts: JobsOptions = {
      jobId,
      deduplication: { id: jobId, ttl: this.keepMs },
      attempts: this.options.attempts,
      removeOnComplete: true,
      removeOnFail: { age: keep },
      ...extra,
    };
    try {
      // One round trip, as BullMQ's own `addBulk` builds it: was the id seen (and did its job fail), then add
      // (a no-op for an id BullMQ already holds). Two replicas adding one id at once both answer 200; one job exists.
      const client = await queue.client;
      // BullMQ's transaction wraps ioredis's, whose every command it keeps (its type lists only BullMQ's).
      const pipeline = client.pipeline() as ReturnType<typeof client.pipeline> & { exists(key: string): unknown; zscore(key: string, member: string): unknown };
      pipeline.exists(queue.toKey(`de:${jobId}`));
      pipeline.zscore(queue.toKey("failed"), jobId);
      void new Job(queue, name, { kind: item.kind, item } satisfies JobData, opts, jobId).addJob(pipeline);
      const results = (await pipeline.exec()) ?? [];
      const failure = results.find(([error]) => error)?.[0];
      if (failure) throw failure;
      const [[, seen], [, failedAt]] = results as [[null, number], [null, string | null]];
      if (!seen) return "accepted";
      if (failedAt !== null) {
        // Every attempt failed; GitHub (or a person) redelivers it: try again, once more.
        const job = await queue.getJob(jobId);
        await job?.retry("failed");
        return "accepted";
      }
      return "duplicate";
    } catch (error) {
      this.outage(error);
      throw new QueueUnavailable(error);
    }
  }

  /** Redis away: said once a minute, not once per delivery or reconnection attempt (other connections of this replica's report here too). */
  outage(error: unknown): void {
    const now = Date.now();
    if (now - this.lastOutageLog < 60_000) return;
    this.lastOutageLog = now;
    this.options.log.error({ err: error }, "Redis unreachable: webhooks are answered 503 until it is back (logged once a minute)");
  }

  /**
   * Stops taking jobs and lets the running ones finish within `graceMs`. What is still running then is
   * reported and handed back: its lock lapses and another replica runs it. Queued jobs are the fleet's, not
   * this replica's: they stay in Redis and are not "unfinished".
   */
  async close(graceMs = 10_000): Promise<CloseReport> {
    this.closing = true;
    const finished = this.done;
    const closed = Promise.all(this.workers.map((worker) => worker.close()));
    const inTime = await Promise.race([closed.then(() => true), new Promise<boolean>((done) => setTimeout(() => done(false), graceMs).unref())]);
    const unfinished = [...this.running.values()].map((job) => ({ ...job, state: "running" as const }));
    if (!inTime) await Promise.all(this.workers.map((worker) => worker.close(true)));
    await Promise.all([...this.queues, this.timers].map((queue) => queue.close()));
    this.client.disconnect();
    this.blocking.disconnect();
    return { finished, unfinished };
  }
}
