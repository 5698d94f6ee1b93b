//! Purpose: three replicas with a 5-second sweep schedule for a minute: one sweep per tick for the fleet (and one check of failed deliveries), a due item written once from its issue's shard; a config push reaches every replica's cache.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisAvailable } from "../support/redis.js";
import { BOT, createFleet, type FleetWorld } from "./support/fleet-world.js";
import { waitFor } from "./support/server.js";

const available = redisAvailable();
const REPOS = ["acme/app", "globex/web"];
const TICK_MS = 5_000;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

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

  it("for a minute: exactly one sweep per tick across the fleet, each repository swept once per tick, a due reminder posted once", async () => {
    const w = world;
    // A bug QA asked for information 15 days ago: due for its reminder at the first tick.
    const asked = Date.now() - 15 * DAY;
    const { number } = w.double.addIssue(REPOS[1]!, {
      author: "reporter",
      createdAt: iso(asked - 5 * DAY),
      labels: ["bug", ":reproduce", "~needs info"],
      comments: [{ author: "qa-lead", body: "/needs-info", createdAt: iso(asked) }],
      events: [{ kind: "labeled", actor: BOT, createdAt: iso(asked + 1_000), label: "~needs info" }],
    });
    const from = Date.now();
    // The twelve 5-second boundaries of the next minute; the test waits for their ticks themselves (each
    // repository swept), however late a loaded machine runs them, not for a minute of wall time.
    const due = Array.from({ length: 60_000 / TICK_MS }, (_, i) => (Math.floor(from / TICK_MS) + 1 + i) * TICK_MS);
    // The ticks that swept (a tick BullMQ ran twice, as when the replicas created the schedule together, logs "already run" the second time).
    const sweptTick = (l: { msg?: unknown }) => l.msg === "sweep tick: one job per repository queued";
    const sweepsLogged = () => w.replicas.flatMap((r) => r.logs.filter((l) => l.msg === "sweep done in this repository").map((l) => `${Date.parse(String(l.tick))} ${String(l.repo)}`));
    await waitFor(() => (due.every((tick) => REPOS.every((repo) => sweepsLogged().includes(`${tick} ${repo}`))) ? true : undefined), 85_000, "the minute's ticks to sweep every repository");
    await w.drained();
    const ticks = w.replicas.flatMap((r) => r.logs.filter(sweptTick).map((l) => Date.parse(String(l.tick))));
    const repoSweeps = sweepsLogged();
    // Every 5-second boundary of the minute had its tick, once, on one replica.
    expect(ticks.filter((t) => t > from && t <= due.at(-1)!).sort((a, b) => a - b)).toEqual(due);
    expect(new Set(ticks).size).toBe(ticks.length);
    // The fleet shares the ticks: not all of them on one replica (any replica takes a tick).
    expect(w.replicas.filter((r) => r.logs.some(sweptTick)).length).toBeGreaterThan(1);
    expect(new Set(repoSweeps).size).toBe(repoSweeps.length);
    // The reminder: handed off by one tick's repository sweep, written by the issue's job, once; later ticks see its marker.
    const bot = w.double.issue(REPOS[1]!, number).comments.filter((c) => c.author === BOT);
    expect(bot).toHaveLength(1);
    expect(bot[0]!.body).toContain("bug-lifecycle:needs-info-reminder");
    // Each tick also checks the app's failed deliveries once for the fleet (as one process's sweep does).
    const checked = w.replicas.flatMap((r) => r.logs.filter((l) => l.msg === "failed deliveries checked"));
    expect(checked.length).toBeGreaterThanOrEqual(ticks.length - 1);
    expect(checked.length).toBeLessThanOrEqual(ticks.length);
    expect(w.replicas.flatMap((r) => r.logs.filter((l) => Number(l.level) >= 50))).toEqual([]);
  }, 100_000);
});
