//! Purpose: the journal around the in-memory queue: a file per accepted delivery before the answer, gone when its work is over, replayed (once, in order) by the next process.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openJournal } from "../../src/queue/journal.js";
import { journaledQueue } from "../../src/queue/journaled-queue.js";
import { createMemoryQueue } from "../../src/queue/memory-queue.js";
import type { QueuedDelivery, RunQueued } from "../../src/queue/work-queue.js";
import { FakeClock } from "./fake-clock.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function logger() {
  const lines: { level: string; msg: string; fields: Record<string, unknown> }[] = [];
  const at = (level: string) => (fields: Record<string, unknown>, msg: string) => void lines.push({ level, fields, msg });
  return { lines, log: { info: at("info"), warn: at("warn"), error: at("error") } as never };
}

const delivery = (id: string, key = "o/r#1"): QueuedDelivery => ({ id, name: "issue_comment", payload: { key } });
const keyOf = (d: QueuedDelivery) => (d.payload as { key: string }).key;

/** A work function whose calls the test settles by hand. */
function controlledWork() {
  const calls: { id: string; resolve: () => void; reject: (e: unknown) => void }[] = [];
  const work: RunQueued = (d) => new Promise<void>((resolve, reject) => void calls.push({ id: d.id, resolve, reject }));
  return { calls, work };
}

/** One process's queue on `dir`, as the server builds it (src/queue/server-queue.ts). */
function durable(dir: string, work: RunQueued, clock = new FakeClock()) {
  const { lines, log } = logger();
  const journal = openJournal(dir, log);
  const memory = createMemoryQueue({ work, keyOf, log, clock, settled: (d) => void journal.done(d.id) });
  return { queue: journaledQueue(memory, journal, log), lines };
}

const files = (dir: string) => readdirSync(dir).filter((name) => name.endsWith(".json"));

describe("journaled queue", () => {
  it("writes a delivery's file before accept resolves and removes it when the work is done; a duplicate leaves none", async () => {
    const dir = mkdtempSync(join(tmpdir(), "journal-"));
    dirs.push(dir);
    const { calls, work } = controlledWork();
    const { queue } = durable(dir, work);
    expect(await queue.accept(delivery("a"))).toBe("accepted");
    // On disk when the 200 is written: the work has not started.
    expect(calls).toHaveLength(0);
    expect(files(dir)).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dir, files(dir)[0]!), "utf8"))).toEqual(delivery("a"));
    expect(await queue.accept(delivery("a"))).toBe("duplicate");
    expect(files(dir)).toHaveLength(1);
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    calls[0]!.resolve();
    await queue.idle();
    await vi.waitFor(() => expect(files(dir)).toEqual([]));
  });

  it("removes the file of work that failed for good (logged by the queue): it is not replayed at every start", async () => {
    const dir = mkdtempSync(join(tmpdir(), "journal-"));
    dirs.push(dir);
    const { calls, work } = controlledWork();
    const { queue, lines } = durable(dir, work);
    await queue.accept(delivery("bad"));
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    calls[0]!.reject(Object.assign(new Error("HTTP 404"), { status: 404 }));
    await queue.idle();
    await vi.waitFor(() => expect(files(dir)).toEqual([]));
    expect(lines.some((line) => line.level === "error" && line.msg.startsWith("job failed"))).toBe(true);
  });

  it("a process stopped with work unfinished leaves its files; the next one runs them at start, in acceptance order, before new deliveries", async () => {
    const dir = mkdtempSync(join(tmpdir(), "journal-"));
    dirs.push(dir);
    const first = controlledWork();
    const one = durable(dir, first.work);
    for (const id of ["1", "2", "3"]) await one.queue.accept(delivery(id));
    await vi.waitFor(() => expect(first.calls).toHaveLength(1));
    first.calls[0]!.resolve();
    await vi.waitFor(() => expect(first.calls).toHaveLength(2));
    await vi.waitFor(() => expect(files(dir)).toHaveLength(2));
    // The process dies here (nothing more runs in it): "2" was running, "3" waiting.
    // A torn write of a delivery never answered, and a file that is not a delivery.
    writeFileSync(join(dir, ".000000000000001-000000-x.json.ab12.tmp"), "{\"id\":");
    writeFileSync(join(dir, "000000000000002-000000-junk.json"), "not json");

    const second = controlledWork();
    const two = durable(dir, second.work);
    expect(await two.queue.accept(delivery("4"))).toBe("accepted");
    await vi.waitFor(() => expect(second.calls.map((c) => c.id)).toEqual(["2"]));
    second.calls[0]!.resolve();
    await vi.waitFor(() => expect(second.calls.map((c) => c.id)).toEqual(["2", "3"]));
    second.calls[1]!.resolve();
    await vi.waitFor(() => expect(second.calls.map((c) => c.id)).toEqual(["2", "3", "4"]));
    second.calls[2]!.resolve();
    await two.queue.idle();
    await vi.waitFor(() => expect(readdirSync(dir)).toEqual([]));
    expect(two.lines.find((line) => line.msg.startsWith("journal: 2 accepted deliveries"))?.fields).toMatchObject({ deliveries: ["2", "3"] });
    expect(two.lines.filter((line) => line.msg.startsWith("journal: an unreadable file was removed"))).toHaveLength(1);
    // A redelivery of a replayed id is a duplicate, as in the first process.
    expect(await two.queue.accept(delivery("3"))).toBe("duplicate");
  });

  it("SIGTERM's close with work unfinished keeps its file for the next start, and says so", async () => {
    const dir = mkdtempSync(join(tmpdir(), "journal-"));
    dirs.push(dir);
    const { calls, work } = controlledWork();
    const clock = new FakeClock();
    const { queue, lines } = durable(dir, work, clock);
    await queue.accept(delivery("slow"));
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    const closing = queue.close(1_000);
    await clock.advance(1_000);
    expect((await closing).unfinished.map((u) => u.id)).toEqual(["slow"]);
    expect(files(dir)).toHaveLength(1);
    expect(lines.find((line) => line.msg.startsWith("journal: 1 unfinished deliveries kept"))?.fields).toMatchObject({ deliveries: ["slow"] });
  });

  it("a delayed job is not journaled: its file would outlive the timer the sweep re-derives anyway", async () => {
    const dir = mkdtempSync(join(tmpdir(), "journal-"));
    dirs.push(dir);
    const { work } = controlledWork();
    const { queue } = durable(dir, work);
    expect(await queue.later(delivery("t"), 60_000)).toBe("accepted");
    expect(files(dir)).toEqual([]);
  });
});
