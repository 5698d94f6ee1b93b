//! Purpose: with REDIS_URL, GitHub's pacing stays in each replica (an installation's lane runs on one at a time): writes ≥ 1 s apart per installation, no limiter in Redis, and a write after a long idle lands.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisAvailable } from "../support/redis.js";
import { createFleet, markers, type FleetWorld } from "./support/fleet-world.js";
import { waitFor } from "./support/server.js";

const available = redisAvailable();
const REPOS = ["acme/app", "globex/web"];
/** Writes per installation: enough that two unsynchronised limiters would land two of them close together. */
const WRITES = 6;

describe.skipIf(!available)("GitHub's pacing with replicas", () => {
  let world: FleetWorld;
  // Pacing ON (no preload): each replica's own throttling plugin paces its installations.
  beforeAll(async () => {
    world = await createFleet({ replicas: 2, preloads: [], repos: REPOS });
  }, 60_000);
  afterAll(() => world?.stop());

  it("an installation's writes, sent to both replicas, land ≥ 1 s apart; nothing of Probot's limiter is in Redis", async () => {
    const w = world;
    const numbers = new Map<string, number[]>();
    for (const repo of REPOS) numbers.set(repo, Array.from({ length: WRITES }, () => w.double.addIssue(repo, { title: "Crash", author: "reporter", labels: ["bug", "#g-mdm"] }).number));
    w.double.resetRecords();
    let turn = 0;
    for (const repo of REPOS) for (const number of numbers.get(repo)!) expect((await w.replicas[turn++ % 2]!.send(w.double.payload("issue_comment.created", { repo, number, actor: "maint", body: "/why" }))).status).toBe(200);
    await w.drained();
    for (const repo of REPOS) for (const number of numbers.get(repo)!) expect(markers(w.double, repo, number)).toEqual(["why"]);
    const installations = new Set(w.double.writes().map((r) => r.installation));
    expect(installations.size).toBe(REPOS.length);
    for (const installation of installations) {
      const times = w.double
        .writes()
        .filter((r) => r.installation === installation)
        .map((r) => r.at)
        .sort((a, b) => a - b);
      expect(times).toHaveLength(WRITES);
      // Sent ≥ 1000 ms apart by one limiter; arrival times may differ from send times by the transport and a
      // busy test process. Two replicas pacing one installation each on its own land writes at any distance.
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(900);
    }
    // Bottleneck's clustered keys (`b_…`) expire after 2 idle minutes and on Redis 7 lose the next write.
    expect(await w.redis.client().keys("b_*")).toEqual([]);
  });

  it("a write after the installation's pacing record expired (it was idle) lands, from either replica", async () => {
    const w = world;
    const repo = REPOS[0]!;
    const number = w.double.addIssue(repo, { title: "Idle", author: "reporter", labels: ["bug", "#g-mdm"] }).number;
    expect((await w.replicas[0]!.send(w.double.payload("issue_comment.created", { repo, number, actor: "maint", body: "/why" }))).status).toBe(200);
    await w.drained();
    // The lane's hand-over record lives 2 s; wait for Redis to drop it rather than for a clock.
    const client = w.redis.client();
    await waitFor(async () => ((await client.keys("bug-lifecycle:pace:*")).length === 0 ? true : undefined), 10_000, "the pacing record to expire");
    for (const replica of w.replicas) expect((await replica.send(w.double.payload("issue_comment.created", { repo, number, actor: "maint", body: "/why" }))).status).toBe(200);
    await w.drained();
    expect(markers(w.double, repo, number)).toEqual(["why", "why", "why"]);
    for (const replica of w.replicas) expect(JSON.stringify(replica.logs) + replica.output.join("\n")).not.toMatch(/SETTINGS_KEY_NOT_FOUND|failed after its last attempt|job failed|lane failed/);
  });
});
