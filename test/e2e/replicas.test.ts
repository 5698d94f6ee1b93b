//! Purpose: two replicas on one Redis behave as one process: concurrent commands split across them, one delivery sent to both.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO } from "../support/fleet.js";
import { redisAvailable } from "../support/redis.js";
import { createFleet, markers, type FleetWorld } from "./support/fleet-world.js";

const available = redisAvailable();

describe.skipIf(!available)("two replicas sharing one Redis", () => {
  let world: FleetWorld;
  beforeAll(async () => {
    world = await createFleet({ replicas: 2 });
  }, 60_000);
  afterAll(() => world?.stop());

  it("six concurrent /critical alternated between the replicas post one checklist", async () => {
    const w = world;
    const number = w.double.addIssue(REPO, { title: "Crash", author: "reporter", labels: ["bug", "#g-mdm"], assignees: ["mdm-em"] }).number;
    const actors = ["maint", "mdm-em", "qa-lead", "product-head", "dev-1", "maint"];
    const deliveries = actors.map((actor) => w.double.payload("issue_comment.created", { repo: REPO, number, actor, body: "/critical" }));
    const answers = await Promise.all(deliveries.map((d, i) => w.replicas[i % 2]!.send(d)));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
    await w.drained();
    expect(markers(w.double, REPO, number).filter((m) => m === "critical")).toHaveLength(1);
    expect(w.double.issue(REPO, number).labels).toContain("~critical bug");
    // Both replicas did work: the fleet shares the queue rather than one replica doing it all by chance.
    for (const replica of w.replicas) expect(replica.logs.some((l) => l.msg === "replica: work queue shared through Redis, one lane per installation")).toBe(true);
  });

  it("one delivery reaching every replica gets one /why reply", async () => {
    const w = world;
    const number = w.double.addIssue(REPO, { title: "Slow", author: "reporter", labels: ["bug", "#g-mdm"], assignees: ["mdm-em"] }).number;
    const delivery = w.double.payload("issue_comment.created", { repo: REPO, number, actor: "reporter", body: "/why" });
    const answers = await Promise.all(w.replicas.map((r) => r.send(delivery)));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    await w.drained();
    // And a redelivery after the work landed (GitHub's "Redeliver", days later) is still one reply.
    expect((await w.replicas[1]!.send(delivery)).status).toBe(200);
    await w.drained();
    expect(markers(w.double, REPO, number)).toEqual(["why"]);
    expect(w.replicas.flatMap((r) => r.logs.filter((l) => Number(l.level) >= 50))).toEqual([]);
  });
});
