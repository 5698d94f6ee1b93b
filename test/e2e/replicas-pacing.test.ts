//! Purpose: with REDIS_URL the built server starts (ioredis installed) and Probot's pacing is clustered through Redis, one limiter per installation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisAvailable } from "../support/redis.js";
import { createFleet, markers, type FleetWorld } from "./support/fleet-world.js";

const available = redisAvailable();
const REPOS = ["acme/app", "globex/web"];

describe.skipIf(!available)("Probot's pacing through Redis", () => {
  let world: FleetWorld;
  // Pacing ON (no preload): the throttling plugin's Bottleneck limiters live in Redis.
  beforeAll(async () => {
    world = await createFleet({ replicas: 2, preloads: [], repos: REPOS });
  }, 60_000);
  afterAll(() => world?.stop());

  it("keeps one write limiter per installation, shared by every replica, and none for the whole fleet; the in-flight cap per process", async () => {
    const w = world;
    const installations: number[] = [];
    for (const [index, repo] of REPOS.entries()) {
      const number = w.double.addIssue(repo, { title: "Crash", author: "reporter", labels: ["bug", "#g-mdm"] }).number;
      const delivery = w.double.payload("issue_comment.created", { repo, number, actor: "maint", body: "/why" });
      installations.push((delivery.payload as { installation: { id: number } }).installation.id);
      expect((await w.replicas[index % 2]!.send(delivery)).status).toBe(200);
    }
    await w.drained();
    for (const repo of REPOS) expect(markers(w.double, repo, 1)).toEqual(["why"]);
    const keys = await w.redis.client().keys("b_octokit-write-*_settings");
    expect(keys.sort()).toEqual(installations.map((id) => `b_octokit-write-${id}_settings`).sort());
    expect(installations[0]).not.toBe(installations[1]);
    // The concurrency cap (at most 10 requests in flight) and token minting stay in each process: clustered,
    // they would cost Redis round trips on every request and protect nothing GitHub limits fleet-wide.
    expect(await w.redis.client().keys("b_octokit-global-*")).toEqual([]);
    expect(await w.redis.client().keys("b_octokit-auth-*")).toEqual([]);
  });
});
