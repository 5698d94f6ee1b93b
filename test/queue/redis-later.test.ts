//! Purpose: the shared queue's delayed jobs (real redis-server): kept in Redis, handed to the repository's shard when due, outside idle().
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkItem } from "../../src/queue/redis-job.js";
import { RedisWorkQueue } from "../../src/queue/redis-queue.js";
import { redisAvailable, startRedis, type RedisProcess } from "../support/redis.js";

const available = redisAvailable();
let redis: RedisProcess;
beforeAll(async () => {
  if (available) redis = await startRedis();
});
afterAll(async () => {
  if (available) await redis.dispose();
});

const timer = (id: string) => ({ id, name: "bug-lifecycle.timer", payload: { action: "critical-escalation", repository: { full_name: "acme/app" }, issue: { number: 7 } } });

function replica(prefix: string, ran: string[]) {
  const queue = new RedisWorkQueue({
    settings: { url: redis.url, prefix },
    log: pino({ level: "silent" }) as never,
    run: async (item: WorkItem) => void ran.push(item.kind === "delivery" ? item.delivery.id : "sweep"),
    lanes: 64,
    lockMs: 2_000,
    attempts: 3,
  });
  queue.start();
  return queue;
}

describe.runIf(available)("RedisWorkQueue.later", () => {
  it("runs at its time once per id, idle() does not wait for it, and it outlives the replica that scheduled it", async () => {
    const ran: string[] = [];
    const first = replica("later-a", ran);
    expect(await first.later(timer("t1"), Date.now() + 2_500)).toBe("accepted");
    expect(await first.later(timer("t1"), Date.now() + 2_500)).toBe("duplicate");
    // idle() does not wait for the timer: it returns while the timer has not run.
    await first.idle();
    expect(ran).toEqual([]);
    // The replica that scheduled it goes away; another one fires it.
    await first.close(1_000);
    const second = replica("later-a", ran);
    try {
      await expect.poll(() => ran, { timeout: 10_000 }).toContain("t1");
      expect(ran).toEqual(["t1"]);
      await second.idle();
      expect(await second.later(timer("t1"), Date.now() + 100)).toBe("duplicate");
    } finally {
      await second.close(1_000);
    }
  }, 20_000);
});
