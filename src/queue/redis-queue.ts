//! Purpose: the shared work queue on BullMQ: one lane per installation, held by one replica at a time (a lease), fleet-wide de-dup by delivery id, retries; lane turns: lane-run.ts.
import { randomUUID } from "node:crypto";
import { DelayedError, Job, Queue, Worker, type JobsOptions } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "probot";
import type { Delivery } from "../runtime/delivery.js";
import { PACE_MS, paceRecord, paceWait } from "./lane-pace.js";
import { runLaneTurn } from "./lane-run.js";
import { connect, type RedisSettings } from "./redis-connection.js";
import { RedisHealth } from "./redis-health.js";
import { jobIdOf, keyOf, laneOf, priorityOf, type JobData, type WorkItem } from "./redis-job.js";
import { DEFAULT_RETRY, nextDelay, type RetryPolicy } from "./retry-policy.js";
import { INSTALLATION_WINDOW, QueueUnavailable, type AcceptResult, type CloseReport, type QueueStats, type WorkQueue } from "./work-queue.js";

export interface RedisQueueOptions {
  settings: RedisSettings;
  log: Logger;
  run: (item: WorkItem) => Promise<void>;
  /** `QUEUE_LANES`: installations' lanes this replica runs at once (default 64). */
  lanes: number;
  /** `QUEUE_LOCK_MS`: the lease on a lane; a replica that dies loses its lanes to others after it (default 30 s). */
  lockMs: number;
  /** `QUEUE_ATTEMPTS`: runs per job (default 5), with the bursts issue's backoff (transient failures only, honouring retry-after). */
  attempts: number;
  /** A job's de-dup record is kept this long so a redelivery is a duplicate: GitHub's 3 days. */
  keepMs?: number;
  /** Jobs of one lane in flight at once (default `INSTALLATION_WINDOW`). */
  window?: number;
}

export const KEEP_MS = 3 * 24 * 60 * 60_000;

/**
 * An idle worker wakes this often (seconds) to look for work it was not told about (BullMQ caps it at 10 s);
 * a new lane wakes one worker at once (BullMQ's marker). The wait matters only when a replica took that
 * wake-up and died. Its default, 5 s, was most of a replica's Redis commands at rest.
 */
const DRAIN_DELAY_S = 15;

/** A lane that held its replica's slot this long gives it up when other lanes wait (checked this often). */
const SHARE_MS = 5_000;

/**
 * Fairness on open-source BullMQ (groups are BullMQ Pro's): every job of one installation waits in that
 * installation's lane (a queue `lane-<installation>`: people's deliveries first, then the sweep's work, each
 * in arrival order), and a lane with work has one job in the `lanes` queue. A replica's worker takes a lane
 * job and runs the lane's jobs (src/queue/lane-run.ts); the lane job's lock is the lease, renewed while it
 * runs, so one replica at a time runs an installation's work, and its writes wait for that replica's own
 * per-installation limiter, holding nothing another installation needs. A replica that dies stops renewing
 * the lease; BullMQ's stalled-job check hands the lane to another replica, which runs the jobs it had not
 * removed again (the handlers are safe to run twice). No lock of ours, and no clustered limiter.
 */
export class RedisWorkQueue implements WorkQueue {
  /** One job per lane with work. */
  readonly lanes: Queue<{ lane: string }>;
  /**
   * Delayed jobs (`later`) wait here, apart from the lanes, so an hour-long timer does not hold up `idle()`.
   * When due, a timer job only hands its delivery to `accept`, so the work itself runs in its lane, in order.
   */
  readonly timers: Queue;
  private readonly laneQueues = new Map<string, Queue<JobData>>();
  /** The turns this replica runs now, by lane: a job it queues into one wakes that turn at once. */
  private readonly pokes = new Map<string, () => void>();
  private readonly workers: Worker[] = [];
  private readonly client: Redis;
  /** Whether Redis answers this replica now (its readiness: src/queue/server-queue.ts). */
  readonly health: RedisHealth;
  private readonly blocking: Redis;
  private lastOutageLog = 0;
  private readonly keepMs: number;
  private readonly retry: RetryPolicy;
  private readonly replica = randomUUID();
  private closing = false;
  private readonly running = new Map<string, { id: string; name: string; key: string | null; attempts: number; state: "running" | "retrying" }>();
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
    this.lanes = new Queue("lanes", { connection: this.client, prefix: settings.prefix });
    this.lanes.on("error", (error) => this.outage(error));
    this.timers = new Queue("timers", { connection: this.client, prefix: settings.prefix });
    this.timers.on("error", (error) => this.outage(error));
  }

  /** The installation's lane (its jobs), made once per process. */
  private laneQueue(lane: string): Queue<JobData> {
    let queue = this.laneQueues.get(lane);
    if (!queue) {
      queue = new Queue<JobData>(`lane-${lane}`, { connection: this.client, prefix: this.options.settings.prefix, skipVersionCheck: true });
      queue.on("error", (error) => this.outage(error));
      this.laneQueues.set(lane, queue);
    }
    return queue;
  }

  /** Starts this replica's workers: one for the lanes (up to `lanes` at once), one for the timers. */
  start(): void {
    const { settings, lockMs } = this.options;
    const worker = new Worker<{ lane: string }>(this.lanes.name, (job, token) => this.turn(job, token), {
      connection: this.blocking,
      prefix: settings.prefix,
      concurrency: this.options.lanes,
      drainDelay: DRAIN_DELAY_S,
      lockDuration: lockMs,
      stalledInterval: Math.max(500, Math.floor(lockMs / 2)),
      // A lane whose replicas keep dying loses its lane job after this many leases (BullMQ drops it, quietly);
      // its jobs stay, and run when the installation's next delivery, a sweep tick or a reconnection re-adds one.
      maxStalledCount: 3,
    });
    worker.on("error", (error) => this.outage(error));
    // Another replica stopped renewing this lane's lease (it died): the lane runs again on a live replica.
    worker.on("stalled", (jobId) => this.options.log.warn({ lane: jobId }, "lane's replica stopped renewing its lease: its jobs run again on a live replica"));
    // A lane emptied just as a job arrived: that job's own lane job was a no-op beside the running one.
    worker.on("completed", (job) => void this.recheck(job.data.lane));
    worker.on("failed", (job, error) => {
      if (job && !(error instanceof DelayedError)) this.options.log.error({ lane: job.data.lane, err: error }, "lane failed: its jobs wait for the lane's next turn");
      if (job) void this.recheck(job.data.lane);
    });
    this.workers.push(worker);
    const timers = new Worker(this.timers.name, (job: Job<JobData | { delivery: Delivery }>) => this.fire(job), {
      connection: this.blocking,
      prefix: settings.prefix,
      concurrency: 1,
      // A due timer wakes it (BullMQ's marker carries the next one's time); the wait only bounds idle wake-ups.
      drainDelay: DRAIN_DELAY_S,
      lockDuration: lockMs,
    });
    timers.on("error", (error) => this.outage(error));
    this.workers.push(timers);
    // On every (re)connection: Redis may have restarted, or a replica died between a turn's end and its re-check.
    this.client.on("ready", () => void this.rescue());
    if (this.client.status === "ready") void this.rescue();
  }

  /** One turn of a lane on this replica: until it is empty, this replica closes, or it had its share while others wait. */
  private async turn(job: Job<{ lane: string }>, token: string | undefined): Promise<void> {
    const lane = job.data.lane;
    await this.paceAfterOtherReplica(lane);
    let since = Date.now();
    const result = await runLaneTurn({
      queue: this.laneQueue(lane),
      run: (item) => this.process(item),
      log: this.options.log,
      retry: this.retry,
      window: this.options.window ?? INSTALLATION_WINDOW,
      stop: async () => {
        if (this.closing) return true;
        if (Date.now() - since < SHARE_MS) return false;
        since = Date.now();
        return (await this.lanes.getWaitingCount().catch(() => 0)) > 0;
      },
      finish: (done, outcome) => this.finish(done, outcome),
      onPoke: (poke) => (poke ? this.pokes.set(lane, poke) : this.pokes.delete(lane)),
    });
    // GitHub's pacing is this replica's own limiter; a replica that takes the lane next waits out its last second.
    await this.client.set(this.paceKey(lane), paceRecord(this.replica, Date.now()), "PX", 2 * PACE_MS).catch(() => undefined);
    if (result === "stopped") {
      // Back of the line (or to another replica when this one closes): BullMQ's documented way to requeue a running job.
      await job.moveToDelayed(Date.now(), token);
      throw new DelayedError();
    }
  }

  private paceKey(lane: string): string {
    return `${this.options.settings.prefix}:pace:${lane}`;
  }

  /** The lane ran on another replica a moment ago: its last write's second is waited out here. */
  private async paceAfterOtherReplica(lane: string): Promise<void> {
    const wait = paceWait(await this.client.get(this.paceKey(lane)).catch(() => null), this.replica, Date.now());
    if (wait > 0) await new Promise((done) => setTimeout(done, wait));
  }

  /** A lane job exists whenever the lane has jobs: after a turn, and for lanes a replica that died between the two left. */
  private async recheck(lane: string): Promise<void> {
    try {
      if ((await this.laneQueue(lane).getPrioritizedCount()) > 0) await this.lanes.add("lane", { lane }, this.laneJobOptions(lane));
    } catch (error) {
      this.outage(error);
    }
  }

  /** At start and after each fleet sweep tick: every lane with jobs has its lane job. */
  async rescue(): Promise<void> {
    try {
      const pattern = `${this.options.settings.prefix}:lane-*:prioritized`;
      const lanes = new Set<string>();
      for await (const keys of this.client.scanStream({ match: pattern, count: 1_000 })) {
        for (const key of keys as string[]) lanes.add(key.slice(`${this.options.settings.prefix}:lane-`.length, -":prioritized".length));
      }
      await Promise.all([...lanes].map((lane) => this.recheck(lane)));
    } catch (error) {
      this.outage(error);
    }
  }

  private laneJobOptions(lane: string): JobsOptions {
    return { jobId: `lane-${lane}`, removeOnComplete: true, removeOnFail: true };
  }

  /**
   * A job's work is over: it leaves its lane. One that landed keeps its de-dup record for GitHub's 3 days:
   * BullMQ deletes that record with the job only while it still names the job, so it is renamed first (a
   * redelivery in between is a duplicate). One that failed loses it, so a redelivery runs it again.
   */
  private async finish(job: Job<JobData>, outcome: "done" | "failed"): Promise<void> {
    if (outcome === "done") await this.client.set(`${job.queueQualifiedName}:de:${job.id}`, `landed ${job.id}`, "PX", this.keepMs);
    else this.failed++;
    await job.remove();
  }

  private async process(item: WorkItem): Promise<void> {
    const id = jobIdOf(item);
    const entry = this.running.get(id);
    this.running.set(id, {
      id: item.kind === "delivery" ? item.delivery.id : id,
      name: item.kind === "delivery" ? item.delivery.name : item.kind,
      key: keyOf(item),
      attempts: (entry?.attempts ?? 0) + 1,
      state: "running",
    });
    try {
      await this.options.run(item);
      this.running.delete(id);
      this.done++;
    } catch (caught) {
      // Probot's `receive` wraps handler errors in an AggregateError: the retry policy reads the first one.
      const error: unknown = caught instanceof AggregateError && caught.errors.length ? caught.errors[0] : caught;
      const failing = this.running.get(id);
      if (failing) failing.state = "retrying";
      if (failing && nextDelay(this.retry, failing.attempts, error) === null) this.running.delete(id);
      throw error;
    }
  }

  async accept(delivery: Delivery): Promise<AcceptResult> {
    if (this.closing) return "closed";
    return this.add({ kind: "delivery", delivery });
  }

  /** Resolves when no lane of the fleet has work waiting or running (tests, benchmarks). */
  async idle(): Promise<void> {
    for (;;) {
      const counts = await this.lanes.getJobCounts("waiting", "active", "delayed", "prioritized", "paused");
      if (Object.values(counts).every((n) => n === 0)) return;
      await new Promise((done) => setTimeout(done, 100));
    }
  }

  /**
   * Running, retrying, done and failed are this replica's; waiting and delayed are the fleet's, read from
   * Redis now (on `GET /bug-lifecycle/queue` and at SIGTERM only). `waiting` is every job not finished yet,
   * those a lane's turn is running included: a job leaves Redis only when its work is over, and which of them
   * run now is known only to the replicas running them. Redis away: throws `QueueUnavailable`.
   */
  async stats(): Promise<QueueStats> {
    const mine = [...this.running.values()];
    const local = { running: mine.filter((job) => job.state === "running").length, retrying: mine.filter((job) => job.state === "retrying").length, done: this.done, failed: this.failed };
    try {
      let waiting = 0;
      const pattern = `${this.options.settings.prefix}:lane-*:prioritized`;
      for await (const keys of this.client.scanStream({ match: pattern, count: 1_000 })) {
        for (const key of keys as string[]) waiting += await this.client.zcard(key);
      }
      const timers = await this.timers.getJobCounts("delayed");
      return { ...local, waiting, delayed: timers.delayed ?? 0 };
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
    return this.enqueue(this.timers, "timer", item, { delay: Math.max(0, runAt - Date.now()), backoff: { type: "fixed", delay: 1_000 }, attempts: this.options.attempts }, null);
  }

  /** Timers scheduled before the job data was `{ kind, item }` held `{ delivery }`: a rolling deploy fires both. */
  private async fire(job: Job<JobData | { delivery: Delivery }>): Promise<void> {
    await this.add("item" in job.data ? job.data.item : { kind: "delivery", delivery: job.data.delivery });
  }

  /** Into the item's installation lane, people's deliveries ahead of the sweep's work. */
  async add(item: WorkItem): Promise<"accepted" | "duplicate"> {
    const lane = laneOf(item);
    const result = await this.enqueue(this.laneQueue(lane), item.kind, item, { priority: priorityOf(item) }, lane);
    if (result === "accepted") this.pokes.get(lane)?.();
    return result;
  }

  /**
   * De-dup is BullMQ's own (`deduplication` with a TTL, kept when the job leaves its lane: `finish`), so a
   * redelivery within GitHub's 3 days is a duplicate. A job whose attempts all failed leaves no record, and
   * its redelivery runs it again. With a lane, its lane job is added in the same round trip (a no-op while
   * the lane has one).
   */
  private async enqueue(queue: Queue, name: string, item: WorkItem, extra: JobsOptions, lane: string | null): Promise<"accepted" | "duplicate"> {
    const jobId = jobIdOf(item);
    const keep = Math.ceil(this.keepMs / 1000);
    const opts: JobsOptions = { jobId, deduplication: { id: jobId, ttl: this.keepMs }, removeOnComplete: true, removeOnFail: { age: keep }, ...extra };
    try {
      // Fail fast while Redis is away (the webhook is answered 503 and GitHub keeps it for redelivery): a lane's
      // queue first used now would wait for Redis to come back. The lanes queue's client is the shared one.
      if (["reconnecting", "close", "end"].includes(this.client.status)) throw new Error(`Redis connection is ${this.client.status}`);
      const client = await this.lanes.client;
      // BullMQ's transaction wraps ioredis's, whose every command it keeps (its type lists only BullMQ's).
      const pipeline = client.pipeline() as ReturnType<typeof client.pipeline> & { exists(key: string): unknown; zscore(key: string, member: string): unknown };
      pipeline.exists(queue.toKey(`de:${jobId}`));
      // A lane keeps no failed jobs (`finish`); a timer does.
      if (lane === null) pipeline.zscore(queue.toKey("failed"), jobId);
      void new Job(queue, name, { kind: item.kind, item } satisfies JobData, opts, jobId).addJob(pipeline);
      if (lane !== null) void new Job(this.lanes, "lane", { lane }, this.laneJobOptions(lane), `lane-${lane}`).addJob(pipeline);
      const results = (await pipeline.exec()) ?? [];
      const failure = results.find(([error]) => error)?.[0];
      if (failure) throw failure;
      const seen = results[0]![1] as number;
      const failedAt = lane === null ? (results[1]![1] as string | null) : null;
      if (!seen) return "accepted";
      if (failedAt !== null) {
        // A timer whose every attempt failed, fired again: try once more.
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
   * Stops taking jobs: each lane this replica holds finishes the jobs it took within `graceMs` and goes back
   * to the fleet with the rest. What is still running then is reported; its lease lapses and another replica
   * runs it. Queued jobs are the fleet's, not this replica's: they stay in Redis and are not "unfinished".
   */
  async close(graceMs = 10_000): Promise<CloseReport> {
    this.closing = true;
    const finished = this.done;
    const closed = Promise.all(this.workers.map((worker) => worker.close()));
    const inTime = await Promise.race([closed.then(() => true), new Promise<boolean>((done) => setTimeout(() => done(false), graceMs).unref())]);
    const unfinished = [...this.running.values()].map(({ id, name, key, attempts, state }) => ({ id, name, key, attempts, state }));
    if (!inTime) await Promise.all(this.workers.map((worker) => worker.close(true)));
    await Promise.all([this.lanes, this.timers, ...this.laneQueues.values()].map((queue) => queue.close()));
    this.client.disconnect();
    this.blocking.disconnect();
    return { finished, unfinished };
  }
}
