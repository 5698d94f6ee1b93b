//! Purpose: REDIS_URL and the queue's env read as documented; shard and job id are stable functions of the delivery.
import { describe, expect, it } from "vitest";
import { orderingKey, repositoryKey } from "../../src/queue/delivery.js";
import { redisSettings } from "../../src/queue/redis-connection.js";
import { jobIdOf, queueOptionsFromEnv, shardOf } from "../../src/queue/redis-queue.js";

describe("REDIS_URL", () => {
  it.each([
    [{}, null],
    [{ REDIS_URL: "" }, null],
    [{ REDIS_URL: "redis://127.0.0.1:6379" }, { url: "redis://127.0.0.1:6379", prefix: "bug-lifecycle" }],
    [{ REDIS_URL: "rediss://:secret@host:6380/2" }, { url: "rediss://:secret@host:6380/2", prefix: "bug-lifecycle" }],
    [{ REDIS_URL: "/run/redis/redis.sock", REDIS_PREFIX: "staging" }, { url: "/run/redis/redis.sock", prefix: "staging" }],
  ])("%j → %j", (env, expected) => {
    expect(redisSettings(env)).toEqual(expected);
  });

  it.each([
    [{ REDIS_URL: "localhost:6379" }, /neither a redis:\/\/ .* nor a unix socket path/],
    [{ REDIS_URL: "http://redis" }, /neither/],
    [{ REDIS_URL: "redis://x", REDIS_PREFIX: "a:b" }, /REDIS_PREFIX/],
  ])("%j is refused at start", (env, message) => {
    expect(() => redisSettings(env)).toThrow(message);
  });
});

describe("queue settings", () => {
  it.each([
    [{}, { shards: 16, lockMs: 30_000, attempts: 5 }],
    [{ QUEUE_SHARDS: "4", QUEUE_LOCK_MS: "2000", QUEUE_ATTEMPTS: "1" }, { shards: 4, lockMs: 2_000, attempts: 1 }],
  ])("%j → %j", (env, expected) => expect(queueOptionsFromEnv(env)).toEqual(expected));

  it.each([[{ QUEUE_SHARDS: "0" }], [{ QUEUE_LOCK_MS: "10" }], [{ QUEUE_ATTEMPTS: "two" }]])("%j is refused", (env) => {
    expect(() => queueOptionsFromEnv(env)).toThrow(/an integer ≥/);
  });
});

const delivery = (payload: unknown) => ({ id: "a:b-c", name: "issue_comment", payload });

describe("keys", () => {
  it.each([
    [{ repository: { full_name: "acme/app" }, issue: { number: 7 } }, "acme/app#7", "acme/app"],
    [{ repository: { full_name: "acme/app" }, pull_request: { number: 8 } }, "acme/app#8", "acme/app"],
    [{ repository: { full_name: "acme/app" } }, "acme/app", "acme/app"],
    [{ installation: { id: 1 } }, null, null],
  ])("%j orders by %s, shards by %s", (payload, ordering, repository) => {
    expect(orderingKey(delivery(payload))).toBe(ordering);
    expect(repositoryKey(delivery(payload))).toBe(repository);
  });

  it("a repository always lands in the same shard, and shards spread repositories", () => {
    expect(shardOf("acme/app", 16)).toBe(shardOf("acme/app", 16));
    const used = new Set(Array.from({ length: 100 }, (_, i) => shardOf(`acme/repo-${i}`, 16)));
    expect(used.size).toBeGreaterThan(12);
  });

  it.each([
    [{ kind: "delivery" as const, delivery: delivery({}) }, "d-a_b-c"],
    [{ kind: "sweep-repo" as const, tick: 1700000000000, installationId: 1, owner: "acme", name: "app" }, "s-1700000000000-acme/app"],
  ])("job id of %j is %s (no colon: BullMQ refuses it)", (item, id) => expect(jobIdOf(item)).toBe(id));
});
