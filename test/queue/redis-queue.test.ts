//! Purpose: the BullMQ queue on a real redis-server, two "replicas" (two queues) in one process: one issue's jobs one at a time in order, different issues of one repository at once, one run per delivery id.
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkItem } from "../../src/queue/redis-job.js";
import { RedisWorkQueue } from "../../src/queue/redis-queue.js";
import { redisAvailable, startRedis, type RedisProcess } from "../support/redis.js";

const available = redisAvailable();
const log = pino({ level: "silent" });

const comment = (id: string, number: number, installation = 1) => ({
  id,
  name: "issue_comment",
  payload: { action: "created", repository: { full_name: "acme/app" }, issue: { number }, installation: { id: installation } },
});

/** What the replicas' work saw: start and end of each job, in the order they happened. */
function recorder() {
  const events: string[] = [];
  const running = new Set<number>();
  let overlapped = false;
  const gates = new Map<string, () => void>();
  return {
    events,
    overlapped: () => overlapped,
    /** Until `open(id)`, the job for delivery `id` does not finish. */
    hold(id: string): Promise<void> {
      return new Promise((resolve) => gates.set(id, resolve));
    },
    open(id: string) {
      gates.get(id)?.();
    },
    run: (held: Map<string, Promise<void>>) => async (item: WorkItem) => {
      if (item.kind !== "delivery") return;
      const number = (item.delivery.payload as { issue: { number: number } }).issue.number;
      if (running.has(number)) overlapped = true;
      running.add(number);
      events.push(`start ${item.delivery.id}`);
      await (held.get(item.delivery.id) ?? new Promise((done) => setTimeout(done, 5)));
      events.push(`end ${item.delivery.id}`);
      running.delete(number);
    },
  };
}

describe.skipIf(!available)("the shared queue on Redis", () => {
  let redis: RedisProcess;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis?.dispose());

  const fleet = (prefix: string, run: (item: WorkItem) => Promise<void>, extra: { window?: number; lanes?: number } = {}) => {
    const settings = { url: redis.url, prefix };
    const queues = [0, 1].map(() => new RedisWorkQueue({ settings, log, run, lanes: 16, lockMs: 5_000, attempts: 1, ...extra }));
    for (const queue of queues) queue.start();
    return queues;
  };

  it("two issues of one repository run at the same time: the second finishes while the first is held", async () => {
    const r = recorder();
    const held = new Map([["a1", r.hold("a1")]]);
    const [one, two] = fleet("parallel", r.run(held));
    expect(await one!.accept(comment("a1", 1))).toBe("accepted");
    expect(await two!.accept(comment("b1", 2))).toBe("accepted");
    // Keyed by repository this would wait for a1 forever (one job at a time per repository).
    await expect.poll(() => r.events.includes("end b1"), { timeout: 10_000 }).toBe(true);
    expect(r.events).not.toContain("end a1");
    r.open("a1");
    await one!.idle();
    await Promise.all([one!.close(1_000), two!.close(1_000)]);
  });

  it("one issue's deliveries, accepted alternately by two replicas, run one at a time in acceptance order; a repeated id runs once", async () => {
    const r = recorder();
    const [one, two] = fleet("order", r.run(new Map()));
    const ids = Array.from({ length: 12 }, (_, i) => `c${i}`);
    for (const [i, id] of ids.entries()) expect(await (i % 2 ? two! : one!).accept(comment(id, 7))).toBe("accepted");
    // The same deliveries again, on the other replica: duplicates across the fleet.
    for (const [i, id] of ids.entries()) expect(await (i % 2 ? one! : two!).accept(comment(id, 7))).toBe("duplicate");
    await expect.poll(() => r.events.filter((e) => e.startsWith("end")).length, { timeout: 20_000 }).toBe(ids.length);
    await one!.idle();
    expect(r.overlapped()).toBe(false);
    expect(r.events).toEqual(ids.flatMap((id) => [`start ${id}`, `end ${id}`]));
    await Promise.all([one!.close(1_000), two!.close(1_000)]);
  });

  it("one installation's jobs, however many wait on it, hold nothing another installation needs", async () => {
    const r = recorder();
    // Installation 1: as many held jobs (each its own issue) as its lane runs at once, and more behind them.
    const busy = Array.from({ length: 14 }, (_, i) => `n${i}`);
    const held = new Map(busy.map((id) => [id, r.hold(id)]));
    const [one, two] = fleet("fair", r.run(held), { window: 4, lanes: 1 });
    for (const [i, id] of busy.entries()) await one!.accept(comment(id, 100 + i, 1));
    await expect.poll(() => r.events.filter((e) => e.startsWith("start n")).length, { timeout: 10_000 }).toBe(4);
    // In installation 1's lane it would wait for ten of those; in its own it runs at once.
    await two!.accept(comment("q1", 1, 2));
    await expect.poll(() => r.events.includes("end q1"), { timeout: 10_000 }).toBe(true);
    expect(r.events.filter((e) => e.startsWith("start n"))).toHaveLength(4);
    for (const id of busy) r.open(id);
    await one!.idle();
    expect(r.events.filter((e) => e.startsWith("end n"))).toHaveLength(busy.length);
    await Promise.all([one!.close(1_000), two!.close(1_000)]);
  });

  it("an installation's jobs run on one replica at a time, though both replicas accept them and have room", async () => {
    const settings = { url: redis.url, prefix: "one-owner" };
    const running = new Map<number, Set<string>>([[0, new Set()], [1, new Set()]]);
    let overlapped = false;
    const replicas = [0, 1].map(
      (index) =>
        new RedisWorkQueue({
          settings,
          log,
          // One lane at a time per replica: were an installation's jobs in several lanes, both replicas would take one.
          lanes: 1,
          lockMs: 5_000,
          attempts: 1,
          run: async (item) => {
            if (item.kind !== "delivery") return;
            running.get(index)!.add(item.delivery.id);
            if (running.get(1 - index)!.size > 0) overlapped = true;
            await new Promise((done) => setTimeout(done, 20));
            running.get(index)!.delete(item.delivery.id);
          },
        }),
    );
    for (const replica of replicas) replica.start();
    for (let i = 0; i < 30; i++) await replicas[i % 2]!.accept(comment(`o${i}`, 200 + i, 7));
    await replicas[0]!.idle();
    expect(overlapped).toBe(false);
    expect((await replicas[0]!.stats()).done + (await replicas[1]!.stats()).done).toBe(30);
    await Promise.all(replicas.map((replica) => replica.close(1_000)));
  });

  it("in a lane, people's deliveries go before the sweep's work queued earlier, and the sweep runs one job at a time", async () => {
    const events: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const run = async (item: WorkItem) => {
      const name = item.kind === "delivery" ? item.delivery.id : `sweep #${item.kind === "sweep-issue" ? item.number : 0}`;
      events.push(`start ${name}`);
      if (name === "sweep #1") await gate;
      events.push(`end ${name}`);
    };
    const [one, two] = fleet("priority", run, { window: 2 });
    const sweep = (number: number) => ({ kind: "sweep-issue" as const, tick: 1, installationId: 1, owner: "acme", name: "app", number, nodeId: `I_${number}`, repositoryId: "R" });
    await one!.add(sweep(1));
    await expect.poll(() => events.includes("start sweep #1"), { timeout: 10_000 }).toBe(true);
    await one!.add(sweep(2));
    await one!.add(sweep(3));
    await two!.accept(comment("d1", 9));
    await two!.accept(comment("d2", 10));
    await expect.poll(() => events.includes("end d1"), { timeout: 10_000 }).toBe(true);
    // The sweep's second item waits for its first, though the lane has room.
    expect(events).not.toContain("start sweep #2");
    release();
    await one!.idle();
    // d2 waited for room (the window is 2) and still went before the sweep's items queued before it.
    expect(events.indexOf("start d2")).toBeLessThan(events.indexOf("start sweep #2"));
    expect(events.indexOf("end sweep #2")).toBeLessThan(events.indexOf("start sweep #3"));
    await Promise.all([one!.close(1_000), two!.close(1_000)]);
  });

  it("a delivery whose every attempt failed runs again when redelivered; once it landed, a redelivery is a duplicate", async () => {
    let runs = 0;
    const [one, two] = fleet("failed", async () => {
      runs++;
      if (runs === 1) throw new Error("not a transient failure: no retry");
    });
    expect(await one!.accept(comment("f1", 3))).toBe("accepted");
    await expect.poll(async () => (await one!.stats()).failed + (await two!.stats()).failed, { timeout: 10_000 }).toBe(1);
    expect(await two!.accept(comment("f1", 3))).toBe("accepted");
    await expect.poll(() => runs, { timeout: 10_000 }).toBe(2);
    await one!.idle();
    expect(await one!.accept(comment("f1", 3))).toBe("duplicate");
    // A job added anyway would hold idle() until it ran: idle, it ran no more.
    await Promise.all([one!.idle(), two!.idle()]);
    expect(runs).toBe(2);
    await Promise.all([one!.close(1_000), two!.close(1_000)]);
  });

  it("a finished delivery leaves only its de-dup record (no payload) for GitHub's 3 days, and a redelivery then is a duplicate", async () => {
    let runs = 0;
    const [one, two] = fleet("kept", async () => void runs++);
    expect(await one!.accept(comment("k1", 4))).toBe("accepted");
    await expect.poll(() => runs, { timeout: 10_000 }).toBe(1);
    await one!.idle();
    const client = redis.client();
    const keys = await client.keys("kept:*k1*");
    // The job's hash (its payload) is gone; what is left is BullMQ's de-dup key, expiring within 3 days.
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^kept:lane-\d+:de:d-k1$/);
    const ttl = await client.pttl(keys[0]!);
    expect(ttl).toBeGreaterThan(3 * 24 * 60 * 60_000 - 60_000);
    expect(ttl).toBeLessThanOrEqual(3 * 24 * 60 * 60_000);
    expect(await two!.accept(comment("k1", 4))).toBe("duplicate");
    await Promise.all([one!.idle(), two!.idle()]);
    expect(runs).toBe(1);
    await Promise.all([one!.close(1_000), two!.close(1_000)]);
  });

  it("stats() counts the fleet's waiting jobs, read from Redis when asked, and this replica's own runs", async () => {
    const r = recorder();
    const held = new Map([["w1", r.hold("w1")]]);
    const [one, two] = fleet("stats", r.run(held));
    await one!.accept(comment("w1", 5));
    await two!.accept(comment("w2", 5));
    await two!.accept(comment("w3", 5));
    await expect.poll(() => r.events.includes("start w1"), { timeout: 10_000 }).toBe(true);
    // Issue 5's later deliveries wait behind w1 whichever replica accepted them; both replicas see the
    // fleet's unfinished jobs (w1 running among them: it leaves Redis when it is over).
    expect(await one!.stats()).toMatchObject({ waiting: 3 });
    expect(await two!.stats()).toMatchObject({ waiting: 3 });
    const running = (await one!.stats()).running + (await two!.stats()).running;
    expect(running).toBe(1);
    r.open("w1");
    await one!.idle();
    const [a, b] = [await one!.stats(), await two!.stats()];
    expect(a.waiting + b.waiting).toBe(0);
    expect(a.done + b.done).toBe(3);
    await Promise.all([one!.close(1_000), two!.close(1_000)]);
  });
});
