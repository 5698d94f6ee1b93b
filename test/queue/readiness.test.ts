//! Purpose: readiness answers and the status route's bound: no endpoint waits on a store that does not answer.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { readinessHandler, readinessOf, statsWithin, type Readiness } from "../../src/queue/readiness.js";
import type { QueueStats, WorkQueue } from "../../src/queue/work-queue.js";

const STATS: QueueStats = { waiting: 1, running: 0, retrying: 0, done: 2, failed: 0, delayed: 0 };
const queueWith = (stats: () => Promise<QueueStats>) => ({ stats }) as unknown as WorkQueue;

describe("statsWithin", () => {
  it.each<[string, () => Promise<QueueStats>, QueueStats | null]>([
    ["a store that answers", async () => STATS, STATS],
    ["a store that never answers (Redis away: BullMQ waits for the connection)", () => new Promise<QueueStats>(() => undefined), null],
    ["a store that refuses", async () => Promise.reject(new Error("ECONNREFUSED")), null],
  ])("%s", async (_name, stats, expected) => {
    expect(await statsWithin(queueWith(stats), 20)).toEqual(expected);
  });
});

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

async function ask(state: Readiness, path = "/bug-lifecycle/ready") {
  const handler = readinessHandler(() => state);
  server = createServer((req, res) => {
    if (!handler(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((done) => server!.listen(0, "127.0.0.1", done));
  const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`);
  return { status: response.status, body: await response.text() };
}

describe("GET /bug-lifecycle/ready", () => {
  it.each<[string, Readiness, number]>([
    ["ready", { ready: true }, 200],
    ["Redis away", { ready: false, reason: "Redis unreachable: webhooks are answered 503", redisDownForMs: 4_000 }, 503],
    ["shutting down", { ready: false, reason: "shutting down" }, 503],
  ])("%s", async (_name, state, status) => {
    expect(await ask(state)).toEqual({ status, body: JSON.stringify(state) });
  });

  it("leaves other paths to the next handler", async () => {
    expect((await ask({ ready: true }, "/ping")).status).toBe(404);
  });
});

describe("readinessOf", () => {
  const redis = (reachable: boolean) => ({ state: () => ({ reachable, downForMs: reachable ? 0 : 3_000 }) });
  it.each<[string, boolean, ReturnType<typeof redis> | undefined, Readiness]>([
    ["one process", false, undefined, { ready: true }],
    ["one process, shutting down", true, undefined, { ready: false, reason: "shutting down" }],
    ["a replica, Redis up", false, redis(true), { ready: true }],
    ["a replica, Redis away", false, redis(false), { ready: false, reason: "Redis unreachable: webhooks are answered 503", redisDownForMs: 3_000 }],
    ["a replica shutting down, Redis away", true, redis(false), { ready: false, reason: "shutting down" }],
  ])("%s", (_name, stopping, health, expected) => expect(readinessOf(stopping, health)).toEqual(expected));
});
