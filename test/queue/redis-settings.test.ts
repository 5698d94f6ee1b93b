//! Purpose: REDIS_URL and the queue's env read as documented; exclusion key, shard and job id are stable functions of the job.
import { describe, expect, it } from "vitest";
import { orderingKey } from "../../src/runtime/delivery.js";
import { jobIdOf, keyOf, laneOf, priorityOf } from "../../src/queue/redis-job.js";
import { readSettings } from "../../src/runtime/settings.js";

const redisSettings = (env: NodeJS.ProcessEnv) => readSettings(env).redis;
const queueOptionsFromEnv = (env: NodeJS.ProcessEnv) => readSettings(env).queue;

describe("REDIS_URL (the runtime's settings schema)", () => {
  it.each([
    [{}, null],
    [{ REDIS_URL: "" }, null],
    [{ REDIS_URL: "redis://127.0.0.1:6379" }, { url: "redis://127.0.0.1:6379", prefix: "bug-lifecycle" }],
    [{ REDIS_URL: "redis://redis" }, { url: "redis://redis", prefix: "bug-lifecycle" }],
    [{ REDIS_URL: "redis://user:p%40ss@redis:6379/" }, { url: "redis://user:p%40ss@redis:6379/", prefix: "bug-lifecycle" }],
    [{ REDIS_URL: "rediss://:secret@host:6380/2" }, { url: "rediss://:secret@host:6380/2", prefix: "bug-lifecycle" }],
    [{ REDIS_URL: "/run/redis/redis.sock", REDIS_PREFIX: "staging" }, { url: "/run/redis/redis.sock", prefix: "staging" }],
  ])("%j → %j", (env, expected) => {
    expect(redisSettings(env)).toEqual(expected);
  });

  it.each([
    [{ REDIS_URL: "localhost:6379" }, /^REDIS_URL: takes one of these forms: redis:\/\/.*rediss:\/\/.*absolute path/],
    [{ REDIS_URL: "http://redis" }, /^REDIS_URL: takes one of these forms/],
    // ioredis reads the path as database "tmp/r.sock": `select NaN`, and Probot's own client crashes on it.
    [{ REDIS_URL: "redis:///tmp/r.sock" }, /^REDIS_URL: takes one of these forms.*not redis:\/\/\/path/],
    [{ REDIS_URL: "redis://host:6379/cache" }, /^REDIS_URL: takes one of these forms/],
    [{ REDIS_URL: "redis://host:port" }, /^REDIS_URL: takes one of these forms/],
    [{ REDIS_URL: "redis://x", REDIS_PREFIX: "a:b" }, /^REDIS_PREFIX: letters, digits/],
  ])("%j is refused at start, in the settings' one line", (env, message) => {
    expect(() => redisSettings(env)).toThrow(message);
  });
});

describe("queue settings", () => {
  it.each([
    [{}, { lanes: 64, lockMs: 30_000, attempts: 5 }],
    [{ QUEUE_LANES: "4", QUEUE_LOCK_MS: "2000", QUEUE_ATTEMPTS: "1" }, { lanes: 4, lockMs: 2_000, attempts: 1 }],
  ])("%j → %j", (env, expected) => expect(queueOptionsFromEnv(env)).toEqual(expected));

  it.each([
    [{ QUEUE_LANES: "0" }, /^QUEUE_LANES: an integer ≥ 1/],
    [{ QUEUE_LOCK_MS: "10" }, /^QUEUE_LOCK_MS: an integer ≥ 1000/],
    [{ QUEUE_ATTEMPTS: "1.5" }, /^QUEUE_ATTEMPTS: an integer ≥ 1/],
    [{ QUEUE_ATTEMPTS: "two" }, /^QUEUE_ATTEMPTS: /],
  ])("%j is refused", (env, message) => {
    expect(() => queueOptionsFromEnv(env)).toThrow(message);
  });
});

const delivery = (payload: unknown) => ({ id: "a:b-c", name: "issue_comment", payload });

describe("keys", () => {
  it.each([
    [{ repository: { full_name: "acme/app" }, issue: { number: 7 } }, "acme/app#7"],
    [{ repository: { full_name: "acme/app" }, pull_request: { number: 8 } }, "acme/app#8"],
    [{ repository: { full_name: "acme/app" } }, "acme/app"],
    [{ installation: { id: 1 } }, "a:b-c"],
  ])("a delivery with %j is excluded by %s, as one process orders it", (payload, key) => {
    expect(keyOf({ kind: "delivery", delivery: delivery(payload) })).toBe(key);
    expect(orderingKey(delivery(payload)) ?? "a:b-c").toBe(key);
  });

  it("a sweep's repository job takes the repository key, its due items their issue's key (the webhooks' order)", () => {
    const base = { tick: 1, installationId: 1, owner: "acme", name: "app" };
    expect(keyOf({ kind: "sweep-repo", ...base })).toBe("acme/app");
    const item = { kind: "sweep-issue" as const, ...base, number: 7, nodeId: "I_7", repositoryId: "R_1" };
    const webhook = { kind: "delivery" as const, delivery: delivery({ repository: { full_name: "acme/app" }, issue: { number: 7 } }) };
    expect(keyOf(item)).toBe(keyOf(webhook));
  });

  it("every job of one installation takes its lane, whatever the repository; an installation's is not another's", () => {
    const base = { tick: 1, owner: "acme", name: "app" };
    const webhook = (installation: number, repo: string) => ({ kind: "delivery" as const, delivery: delivery({ repository: { full_name: repo }, issue: { number: 7 }, installation: { id: installation } }) });
    expect(laneOf(webhook(5, "acme/app"))).toBe("5");
    expect(laneOf(webhook(5, "acme/web"))).toBe("5");
    expect(laneOf(webhook(6, "globex/app"))).toBe("6");
    expect(laneOf({ kind: "sweep-repo", ...base, installationId: 5 })).toBe("5");
    expect(laneOf({ kind: "sweep-issue", ...base, installationId: 5, number: 7, nodeId: "I", repositoryId: "R" })).toBe("5");
    // A token run has no installation: one lane for it.
    expect(laneOf({ kind: "delivery", delivery: delivery({ repository: { full_name: "acme/app" } }) })).toBe("none");
  });

  it("people's deliveries come before the sweep's work in a lane", () => {
    const base = { tick: 1, installationId: 1, owner: "acme", name: "app" };
    expect(priorityOf({ kind: "delivery", delivery: delivery({}) })).toBeLessThan(priorityOf({ kind: "sweep-repo", ...base }));
    expect(priorityOf({ kind: "delivery", delivery: delivery({}) })).toBeLessThan(priorityOf({ kind: "sweep-issue", ...base, number: 7, nodeId: "I", repositoryId: "R" }));
  });

  it.each([
    [{ kind: "delivery" as const, delivery: delivery({}) }, "d-a_b-c"],
    [{ kind: "sweep-repo" as const, tick: 1700000000000, installationId: 1, owner: "acme", name: "app" }, "s-1700000000000-acme/app"],
    [{ kind: "sweep-issue" as const, tick: 1700000000000, installationId: 1, owner: "acme", name: "app", number: 7, nodeId: "I", repositoryId: "R" }, "s-1700000000000-acme/app#7"],
  ])("job id of %j is %s (no colon: BullMQ refuses it)", (item, id) => expect(jobIdOf(item)).toBe(id));
});

describe("JOURNAL_DIR", () => {
  it.each([
    [{}, ".bug-lifecycle/journal"],
    [{ JOURNAL_DIR: " /var/lib/bug-lifecycle " }, "/var/lib/bug-lifecycle"],
    [{ JOURNAL_DIR: "off" }, null],
    [{ JOURNAL_DIR: "OFF" }, null],
  ])("%j → %j", (env, expected) => expect(readSettings(env).journalDir).toBe(expected));
});

