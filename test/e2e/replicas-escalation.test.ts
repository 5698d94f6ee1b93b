//! Purpose: the critical escalation's delayed job on replicas: kept in Redis, fired once by a live replica after the one that scheduled it is gone.
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escalatingConfig, REPO } from "../support/fleet.js";
import { redisAvailable } from "../support/redis.js";
import { waitFor } from "./support/server.js";
import { createFleet, markers, type FleetWorld } from "./support/fleet-world.js";

const available = redisAvailable();
// 0.05 minutes (3 s): the replicas' own delayed job, on real time.
const ESCALATING = escalatingConfig(["@acme/help-p1"], 0.05);

describe.skipIf(!available)("critical escalation across replicas", () => {
  let world: FleetWorld;
  beforeAll(async () => {
    world = await createFleet({ replicas: 2 });
    world.double.setFile(REPO, ".github/bug-lifecycle.yml", ESCALATING);
  }, 60_000);
  afterAll(() => world?.stop());

  it("/critical on one replica, that replica stops: the other fires the escalation once", async () => {
    const w = world;
    const number = w.double.addIssue(REPO, { title: "Data loss", author: "reporter", labels: ["bug", ":release", "#g-mdm"], assignees: ["mdm-em"] }).number;
    const delivery = w.double.payload("issue_comment.created", { repo: REPO, number, actor: "maint", body: "/critical" });
    expect((await w.replicas[0]!.send(delivery)).status).toBe(200);
    await w.drained();
    // Whichever replica ran /critical (the shard's worker, not necessarily the one that answered) scheduled the job.
    const scheduled = (r: (typeof w.replicas)[number]) => r.logs.find((line) => line.msg === "timer scheduled" && line.issue === number);
    const scheduler = w.replicas.findIndex((r) => scheduled(r));
    expect(scheduler).toBeGreaterThanOrEqual(0);
    expect(scheduled(w.replicas[scheduler]!)).toMatchObject({ result: "accepted" });
    const survivor = w.replicas[1 - scheduler]!;
    await w.replicas[scheduler]!.stop();
    await waitFor(() => (markers(w.double, REPO, number).includes("critical-escalation") ? true : undefined), 20_000, "the escalation comment");
    await w.drained();
    // Later ticks of the timers worker and redeliveries of /critical add nothing: once the redelivery is
    // handled, no timer is left in Redis to fire (none pending, none running), and the escalation is there once.
    expect((await survivor.send(delivery)).status).toBe(200);
    await w.drained();
    const timers = new Queue("timers", { connection: w.redis.client(), prefix: "bug-lifecycle" });
    try {
      await expect.poll(() => timers.getJobCounts("waiting", "active", "delayed", "prioritized", "paused"), { timeout: 10_000 }).toEqual({ waiting: 0, active: 0, delayed: 0, prioritized: 0, paused: 0 });
    } finally {
      await timers.close();
    }
    await w.drained();
    expect(markers(w.double, REPO, number).filter((m) => m === "critical-escalation")).toHaveLength(1);
    expect(survivor.logs.find((line) => line.msg === "timer fired" && line.issue === number)).toBeDefined();
  }, 60_000);
});
