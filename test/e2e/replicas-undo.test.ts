//! Purpose: `/undo` on two replicas sharing one Redis: the history is on GitHub (the status comment), so either replica undoes, and one delivery sent to both undoes once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLEET_CONFIG, REPO } from "../support/fleet.js";
import { redisAvailable } from "../support/redis.js";
import { createFleet, type FleetWorld } from "./support/fleet-world.js";

const STATUS = "<!-- bug-lifecycle:status -->";

describe.skipIf(!redisAvailable())("/undo on two replicas", () => {
  let world: FleetWorld;
  beforeAll(async () => {
    world = await createFleet({ replicas: 2 });
    world.double.setFile(REPO, ".github/bug-lifecycle.yml", `${FLEET_CONFIG}\nstatusComment: true\n`);
  }, 60_000);
  afterAll(() => world?.stop());

  it("/reproduced on one replica, the same /undo delivered to both: undone once, one status comment", async () => {
    const w = world;
    const number = w.double.addIssue(REPO, { title: "Crash", author: "reporter", labels: ["bug", ":reproduce"], assignees: ["qa-lead"] }).number;
    expect((await w.replicas[0]!.send(w.double.payload("issue_comment.created", { repo: REPO, number, actor: "qa-lead", body: "/reproduced #g-mdm" }))).status).toBe(200);
    await w.drained();
    expect(w.double.issue(REPO, number).labels.sort()).toEqual(["#g-mdm", "bug"]);
    const undo = w.double.payload("issue_comment.created", { repo: REPO, number, actor: "maint", body: "/undo" });
    const answers = await Promise.all(w.replicas.map((r) => r.send(undo)));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    await w.drained();
    const issue = w.double.issue(REPO, number);
    expect(issue.labels.sort()).toEqual([":reproduce", "bug"]);
    expect(issue.assignees).toEqual(["qa-lead"]);
    const statuses = issue.comments.filter((c) => c.body.includes(STATUS));
    expect(statuses).toHaveLength(1);
    // One undo recorded (a second run of the same /undo finds its key there and writes nothing).
    expect(statuses[0]!.body.match(/"undoes":/g)).toHaveLength(1);
    expect(w.replicas.flatMap((r) => r.logs.filter((l) => Number(l.level) >= 50))).toEqual([]);
  });
});
