//! Purpose: the in-memory work queue: at-once accept with de-dup, one key's jobs in order, retries with backoff, delayed jobs, a graceful close.
import { describe, expect, it } from "vitest";
import { createMemoryQueue } from "../../src/queue/memory-queue.js";
import type { QueuedDelivery, RunQueued } from "../../src/queue/work-queue.js";
import { FakeClock, flush } from "./fake-clock.js";

interface Logged {
  level: string;
  fields: Record<string, unknown>;
  msg: string;
}

function logger() {
  const lines: Logged[] = [];
  const at = (level: string) => (fields: Record<string, unknown>, msg: string) => void lines.push({ level, fields, msg });
  return { lines, log: { info: at("info"), warn: at("warn"), error: at("error") } as never };
}

const delivery = (id: string, key: string | null = "o/r#1"): QueuedDelivery => ({ id, name: "issue_comment", payload: { key } });
const keyOf = (d: QueuedDelivery) => (d.payload as { key: string | null }).key;
const status = (code: number, headers: Record<string, string> = {}) => Object.assign(new Error(`HTTP ${code}`), { status: code, response: { headers } });

/** A work function whose calls the test finishes by hand. */
function controlledWork() {
  const calls: { id: string; resolve: () => void; reject: (e: unknown) => void }[] = [];
  const work: RunQueued = (d) => new Promise<void>((resolve, reject) => void calls.push({ id: d.id, resolve, reject }));
  return { calls, work };
}

describe("in-memory work queue", () => {
  it("later: a delayed job runs at its time, in its key's order, once per id; idle() does not wait for it; close drops it and says so", async () => {
    const { calls, work } = controlledWork();
    const { lines, log } = logger();
    const clock = new FakeClock();
    const queue = createMemoryQueue({ work, keyOf, log, clock });
    expect(await queue.later(delivery("t"), 60_000)).toBe("accepted");
    expect(await queue.later(delivery("t"), 60_000)).toBe("duplicate");
    expect(await queue.stats()).toMatchObject({ delayed: 1, waiting: 0 });
    await queue.idle();
    await clock.advance(59_999);
    expect(calls).toHaveLength(0);
    await queue.accept(delivery("w"));
    await clock.advance(1);
    await flush();
    // Due while the key's webhook runs: it waits its turn behind it.
    expect(calls.map((c) => c.id)).toEqual(["w"]);
    expect(await queue.stats()).toMatchObject({ delayed: 0, waiting: 1, running: 1 });
    calls[0]?.resolve();
    await flush();
    expect(calls.map((c) => c.id)).toEqual(["w", "t"]);
    calls[1]?.resolve();
    await queue.idle();
    expect(await queue.later(delivery("t"), 120_000)).toBe("duplicate");

    expect(await queue.later(delivery("u"), 3_600_000)).toBe("accepted");
    const report = await queue.close(1_000);
    expect(report.unfinished).toEqual([]);
    expect(lines.find((line) => line.msg.includes("delayed jobs dropped"))?.fields).toEqual({ delayed: ["u"] });
    await clock.advance(3_600_000);
    expect(calls).toHaveLength(2);
    expect(await queue.later(delivery("v"), 1)).toBe("closed");
  });

  it("a group (an installation) runs a window of its keys at once, the rest in arrival order; another group is not held back", async () => {
    const { calls, work } = controlledWork();
    const { log } = logger();
    const groupOf = (d: QueuedDelivery) => d.id.slice(0, 1);
    const queue = createMemoryQueue({ work, keyOf, log, groupOf, groupWindow: 2 });
    for (const id of ["a1", "a2", "a3", "a4"]) await queue.accept(delivery(id, `o/r#${id}`));
    // Same key as a1: it waits behind a1 in a1's lane, and takes no extra place in the window.
    await queue.accept(delivery("a1-again", "o/r#a1"));
    await queue.accept(delivery("b1", "o/r#b1"));
    await flush();
    expect(calls.map((c) => c.id)).toEqual(["a1", "a2", "b1"]);
    calls.find((c) => c.id === "a2")!.resolve();
    await flush();
    expect(calls.map((c) => c.id)).toEqual(["a1", "a2", "b1", "a3"]);
    calls.find((c) => c.id === "a1")!.resolve();
    await flush();
    // a1's lane goes on with its own next job; a4 still waits for a place.
    expect(calls.map((c) => c.id)).toEqual(["a1", "a2", "b1", "a3", "a1-again"]);
    for (const id of ["a1-again", "a3", "b1"]) calls.find((c) => c.id === id)!.resolve();
    await flush();
    expect(calls.map((c) => c.id).at(-1)).toBe("a4");
    calls.find((c) => c.id === "a4")!.resolve();
    await queue.idle();
    expect(await queue.stats()).toMatchObject({ done: 6, waiting: 0, running: 0 });
  });

  it("accepts at once, before any work runs, and de-duplicates by delivery id", async () => {
    const { calls, work } = controlledWork();
    const { log } = logger();
    const queue = createMemoryQueue({ work, keyOf, log, clock: new FakeClock() });
    expect(await queue.accept(delivery("a"))).toBe("accepted");
    expect(calls).toHaveLength(0);
    expect(await queue.accept(delivery("a"))).toBe("duplicate");
    await flush();
    expect(calls.map((c) => c.id)).toEqual(["a"]);
    calls[0]?.resolve();
    await queue.idle();
    expect(await queue.accept(delivery("a"))).toBe("duplicate");
    expect(await queue.stats()).toMatchObject({ done: 1, failed: 0 });
  });

  it("runs one key's jobs one at a time in order, and other keys concurrently", async () => {
    const { calls, work } = controlledWork();
    const queue = createMemoryQueue({ work, keyOf, log: logger().log, clock: new FakeClock() });
    for (const [id, key] of [["1a", "o/r#1"], ["2a", "o/r#2"], ["1b", "o/r#1"], ["n1", null], ["n2", null], ["1c", "o/r#1"]] as const) {
      await queue.accept(delivery(id, key));
    }
    await flush();
    expect(calls.map((c) => c.id)).toEqual(["1a", "2a", "n1", "n2"]);
    calls.find((c) => c.id === "1a")?.resolve();
    await flush();
    expect(calls.map((c) => c.id)).toEqual(["1a", "2a", "n1", "n2", "1b"]);
    // A failure does not stop the lane: the next job of the key still runs.
    calls.find((c) => c.id === "1b")?.reject(new TypeError("bug"));
    await flush();
    expect(calls.map((c) => c.id).at(-1)).toBe("1c");
    for (const call of calls) call.resolve();
    await queue.idle();
    expect(await queue.stats()).toMatchObject({ done: 5, failed: 1, waiting: 0, running: 0 });
  });

  it("retries a transient failure with exponential backoff, holding the key's later jobs back", async () => {
    const clock = new FakeClock();
    const order: string[] = [];
    let failures = 2;
    const work: RunQueued = async (d) => {
      order.push(d.id);
      if (d.id === "a" && failures-- > 0) throw status(502);
    };
    const { lines, log } = logger();
    const queue = createMemoryQueue({ work, keyOf, log, clock });
    await queue.accept(delivery("a"));
    await queue.accept(delivery("b"));
    await flush();
    expect(order).toEqual(["a"]);
    await clock.advance(1_000);
    expect(order).toEqual(["a", "a"]);
    await clock.advance(1_999);
    expect(order).toEqual(["a", "a"]);
    await clock.advance(1);
    await queue.idle();
    expect(order).toEqual(["a", "a", "a", "b"]);
    expect(clock.sleeps).toEqual([1_000, 2_000]);
    expect(lines.filter((l) => l.msg === "job failed; retrying").map((l) => l.fields.attempts)).toEqual([1, 2]);
  });

  it("waits what retry-after asks for a secondary rate limit", async () => {
    const clock = new FakeClock();
    let first = true;
    const work: RunQueued = async () => {
      if (first) {
        first = false;
        throw status(403, { "retry-after": "20" });
      }
    };
    const queue = createMemoryQueue({ work, keyOf, log: logger().log, clock });
    await queue.accept(delivery("a"));
    await flush();
    await clock.advance(20_000);
    await queue.idle();
    expect(clock.sleeps).toEqual([20_000]);
    expect((await queue.stats()).done).toBe(1);
  });

  it("gives up after the limit and logs the failure with its context", async () => {
    const clock = new FakeClock();
    let runs = 0;
    const work: RunQueued = async () => {
      runs += 1;
      throw status(502);
    };
    const { lines, log } = logger();
    const queue = createMemoryQueue({ work, keyOf, log, clock, retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 } });
    await queue.accept(delivery("a"));
    await flush();
    await clock.advance(100);
    await clock.advance(200);
    await queue.idle();
    expect(runs).toBe(3);
    const failed = lines.find((l) => l.level === "error");
    expect(failed?.msg).toBe("job failed; the next sweep repairs it");
    expect(failed?.fields).toMatchObject({ delivery: "a", event: "issue_comment", key: "o/r#1", attempts: 3 });
    expect(await queue.stats()).toMatchObject({ failed: 1, done: 0 });
  });

  it("does not retry a final error", async () => {
    let runs = 0;
    const work404: RunQueued = async () => {
      runs += 1;
      throw status(404);
    };
    const q2 = createMemoryQueue({ work: work404, keyOf, log: logger().log, clock: new FakeClock() });
    await q2.accept(delivery("a"));
    await q2.idle();
    expect(runs).toBe(1);
    expect((await q2.stats()).failed).toBe(1);
  });

  it("close: refuses new deliveries, finishes what it can within the grace period, and logs the rest", async () => {
    const clock = new FakeClock();
    const { calls, work } = controlledWork();
    const { lines, log } = logger();
    const queue = createMemoryQueue({ work, keyOf, log, clock });
    await queue.accept(delivery("fast", "o/r#1"));
    await queue.accept(delivery("slow", "o/r#2"));
    await queue.accept(delivery("behind", "o/r#2"));
    await flush();
    const closing = queue.close(5_000);
    expect(await queue.accept(delivery("late", "o/r#3"))).toBe("closed");
    calls.find((c) => c.id === "fast")?.resolve();
    await flush();
    await clock.advance(5_000);
    const report = await closing;
    expect(report.finished).toBe(1);
    expect(report.unfinished).toEqual([
      { id: "slow", name: "issue_comment", key: "o/r#2", state: "running", attempts: 1 },
      { id: "behind", name: "issue_comment", key: "o/r#2", state: "waiting", attempts: 0 },
    ]);
    expect(lines.find((l) => l.level === "warn")?.msg).toMatch(/^shutdown: 2 accepted deliveries not finished/);
    // The lane stopped: the job behind never starts after the grace period.
    calls.find((c) => c.id === "slow")?.resolve();
    await flush();
    expect(calls.map((c) => c.id)).toEqual(["fast", "slow"]);
  });

  it("close with nothing left says so", async () => {
    const { lines, log } = logger();
    const queue = createMemoryQueue({ work: async () => {}, keyOf, log, clock: new FakeClock() });
    await queue.accept(delivery("a"));
    const report = await queue.close(1_000);
    expect(report).toEqual({ finished: 1, unfinished: [] });
    expect(lines.at(-1)?.msg).toBe("shutdown: every accepted delivery finished");
  });
});
