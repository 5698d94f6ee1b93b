//! Purpose: three replicas with a 5-second sweep schedule sweep once per tick for the fleet (and check failed deliveries once); a config push reaches every replica's cache.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisAvailable } from "../support/redis.js";
import { createFleet, type FleetWorld } from "./support/fleet-world.js";
import { waitFor } from "./support/server.js";

const available = redisAvailable();
const REPOS = ["acme/app", "globex/web"];

describe.skipIf(!available)("three replicas, one schedule", () => {
  let world: FleetWorld;
  beforeAll(async () => {
    world = await createFleet({ replicas: 3, repos: REPOS, env: { SWEEP_SCHEDULE: "*/5 * * * * *" } });
  }, 60_000);
  afterAll(() => world?.stop());

  it("a config push is forgotten by every replica's cache", async () => {
    const w = world;
    const installation = (w.double.payload("issues.opened", { repo: REPOS[0]!, actor: "reporter", title: "x" }).payload as { installation: { id: number } }).installation;
    const [owner, name] = REPOS[0]!.split("/") as [string, string];
    const push = {
      id: randomUUID(),
      name: "push",
      payload: {
        ref: "refs/heads/main",
        repository: { full_name: REPOS[0], name, owner: { login: owner } },
        commits: [{ id: "c1", added: [], modified: [".github/bug-lifecycle.yml"], removed: [] }],
        installation,
        sender: { login: "maint", type: "User" },
      },
    };
    expect((await w.next().send(push)).status).toBe(200);
    await w.drained();
    for (const replica of w.replicas) {
      expect(replica.logs.filter((l) => l.msg === "config changed: this replica's cached config forgotten").map((l) => l.repo)).toEqual([REPOS[0]]);
    }
  });

  it("runs one sweep per tick across the fleet, each repository swept once per tick", async () => {
    const w = world;
    const ticksSeen = () => w.replicas.flatMap((r) => r.logs.filter((l) => String(l.msg).startsWith("sweep tick")).map((l) => String(l.tick)));
    // Decided by what happened (five ticks logged), not by how long a sleep lasted.
    await waitFor(() => (ticksSeen().length >= 5 ? true : undefined), 45_000, "five sweep ticks across the fleet");
    const ticks = ticksSeen();
    const repoSweeps = w.replicas.flatMap((r) => r.logs.filter((l) => l.msg === "sweep done in this repository").map((l) => `${String(l.tick)} ${String(l.repo)}`));
    // Never two for one tick.
    expect(ticks.length).toBeGreaterThanOrEqual(5);
    expect(new Set(ticks).size).toBe(ticks.length);
    for (const tick of ticks) expect(new Date(tick).getUTCSeconds() % 5).toBe(0);
    // Every tick's repositories swept exactly once (the last tick's may still be running).
    expect(new Set(repoSweeps).size).toBe(repoSweeps.length);
    const finished = ticks.filter((tick) => REPOS.every((repo) => repoSweeps.includes(`${tick} ${repo}`)));
    expect(finished.length).toBeGreaterThanOrEqual(ticks.length - 1);
    // Each tick also checks the app's failed deliveries once for the fleet (as one process's sweep does).
    const checked = w.replicas.flatMap((r) => r.logs.filter((l) => l.msg === "failed deliveries checked"));
    expect(checked.length).toBeGreaterThanOrEqual(ticks.length - 1);
    expect(checked.length).toBeLessThanOrEqual(ticks.length);
    expect(w.replicas.flatMap((r) => r.logs.filter((l) => Number(l.level) >= 50))).toEqual([]);
  }, 60_000);
});
