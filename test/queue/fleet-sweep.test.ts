//! Purpose: the fleet's sweep schedule (real redis-server): a replica that starts while it stands leaves it alone, and a tick BullMQ runs twice is swept once.
import { Writable } from "node:stream";
import { Queue } from "bullmq";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GitHubDouble } from "@bug-lifecycle/github-double";
import { FleetSweep, SCHEDULER_ID } from "../../src/queue/fleet-sweep.js";
import type { WorkItem } from "../../src/queue/redis-job.js";
import type { RedisWorkQueue } from "../../src/queue/redis-queue.js";
import { createRuntime } from "../../src/runtime/runtime.js";
import { redisAvailable, startRedis, type RedisProcess } from "../support/redis.js";
import { rsaKey } from "../support/fixtures.js";

const available = redisAvailable();
const privateKey = rsaKey();
let redis: RedisProcess;
beforeAll(async () => {
  if (available) redis = await startRedis();
});
afterAll(async () => {
  if (available) await redis.dispose();
});

/** One replica's sweep: the app's clients against the in-process double, and a work queue that de-duplicates by job id as the shared one does. */
function replica(prefix: string, pattern: string, seen: Set<string>, checks: number[]) {
  const double = new GitHubDouble({ appSlug: "bug-lifecycle" });
  double.addRepo("acme/app");
  double.addInstallation({ id: 1, account: "acme" });
  const logs: Record<string, unknown>[] = [];
  const log = pino({ level: "info" }, new Writable({ write: (chunk, _e, done) => (logs.push(JSON.parse(String(chunk)) as Record<string, unknown>), done()) }));
  const runtime = createRuntime({ env: { APP_ID: String(double.appId), PRIVATE_KEY: privateKey }, fetch: double.fetch, log });
  const work = {
    add: async (item: WorkItem) => {
      const id = item.kind === "sweep-repo" ? `${item.tick}:${item.owner}/${item.name}` : "other";
      if (seen.has(id)) return "duplicate" as const;
      seen.add(id);
      return "accepted" as const;
    },
  } as unknown as RedisWorkQueue;
  const sweep = new FleetSweep({ settings: { url: redis.url, prefix }, pattern, clients: runtime.clients, work, log: log as never, afterTick: async () => void checks.push(Date.now()) });
  return { sweep, logs };
}

const SWEPT = "sweep tick: one job per repository queued";
const ALREADY = "sweep tick already run for the fleet: nothing queued";
const ticksLogged = (logs: Record<string, unknown>[], msg: string) => logs.filter((l) => l.msg === msg).map((l) => String(l.tick));

describe.runIf(available)("FleetSweep", () => {
  it("a replica that starts while the fleet's schedule stands leaves it alone (its next tick is not replaced)", async () => {
    // A replica's check of the schedule ends with setting the queue's concurrency: counting those calls says
    // when each replica has finished deciding (and written, or not), with no wait of a fixed time.
    const settled = vi.spyOn(Queue.prototype, "setGlobalConcurrency");
    const probe = new Queue("sweep", { connection: redis.client(), prefix: "stands" });
    try {
      const first = replica("stands", "0 0 * * * *", new Set(), []);
      await expect.poll(() => settled.mock.calls.length, { timeout: 5_000 }).toBe(1);
      const next = (await probe.getDelayed())[0];
      expect(next?.id).toMatch(/^repeat:sweep:\d+$/);
      const second = replica("stands", "0 0 * * * *", new Set(), []);
      await expect.poll(() => settled.mock.calls.length, { timeout: 5_000 }).toBe(2);
      const after = await probe.getDelayed();
      expect(after.map((job) => [job.id, job.timestamp])).toEqual([[next!.id, next!.timestamp]]);
      // Another pattern (a deploy that changed SWEEP_SCHEDULE) is written.
      const third = replica("stands", "0 30 * * * *", new Set(), []);
      await expect.poll(() => settled.mock.calls.length, { timeout: 5_000 }).toBe(3);
      expect((await probe.getJobScheduler(SCHEDULER_ID))?.pattern).toBe("0 30 * * * *");
      await Promise.all([first.sweep.close(), second.sweep.close(), third.sweep.close()]);
    } finally {
      settled.mockRestore();
      await probe.close();
    }
  });

  it("a tick BullMQ runs twice (an upsert that raced it) queues nothing the second time and checks failed deliveries once", async () => {
    const seen = new Set<string>();
    const checks: number[] = [];
    const { sweep, logs } = replica("raced", "* * * * * *", seen, checks);
    sweep.start();
    try {
      await expect.poll(() => ticksLogged(logs, SWEPT).length, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
      // Another replica's upsert computes its next tick just before the last one fired, and runs just after:
      // BullMQ re-adds that tick (what a replica upserting at the wrong moment did).
      const last = Date.parse(ticksLogged(logs, SWEPT).at(-1)!);
      // BullMQ's own clock read, in its job scheduler, answers that moment; nothing else's.
      const other = new Queue("sweep", { connection: redis.client(), prefix: "raced" });
      const real = Date.now;
      let once = true;
      Date.now = () => (once && new Error().stack?.includes("job-scheduler") ? ((once = false), last - 50) : real());
      try {
        await other.upsertJobScheduler(SCHEDULER_ID, { pattern: "* * * * * *" }, { name: "tick", opts: { removeOnComplete: 100, removeOnFail: 100 } });
      } finally {
        Date.now = real;
      }
      await other.close();
      // BullMQ runs the re-added tick again: wait for that run itself.
      await expect.poll(() => ticksLogged(logs, ALREADY).length, { timeout: 10_000 }).toBe(1);
    } finally {
      await sweep.close();
    }
    // BullMQ did run one tick twice (the race happened), and the second run did no sweep work.
    const swept = ticksLogged(logs, SWEPT);
    const runs = [...swept, ...ticksLogged(logs, ALREADY)];
    expect(runs.length - new Set(runs).size).toBe(1);
    expect(new Set(swept).size).toBe(swept.length);
    expect(checks).toHaveLength(swept.length);
    expect([...seen].every((id) => id.endsWith(":acme/app"))).toBe(true);
    expect(seen.size).toBe(swept.length);
  }, 20_000);
});
