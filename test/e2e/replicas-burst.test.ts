//! Purpose: 200 deliveries over 20 issues round-robin over 3 replicas (bot echoes included) reach one process's end state, also through a SIGKILL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO } from "../support/fleet.js";
import { redisAvailable } from "../support/redis.js";
import { burstDeliveries, endState, NEW_BUG, STEPS, trySend } from "./support/burst.js";
import { createFleet, type FleetWorld } from "./support/fleet-world.js";
import { waitFor } from "./support/server.js";
import { createWorld, type World } from "./support/world.js";

const available = redisAvailable();
const ISSUES = 20;

/** One process, one delivery at a time: the end state every fleet issue must reach. */
let control: ReturnType<typeof endState>;

describe.skipIf(!available)("a burst over three replicas", () => {
  let single: World;
  beforeAll(async () => {
    single = await createWorld();
    const number = single.double.addIssue(REPO, NEW_BUG).number;
    // Built first, as in the burst (a label a person adds is on the issue before the bot handles anything), then handled one by one.
    const deliveries = STEPS.map(([name, action]) => single.double.payload(name, { repo: REPO, number, ...action }));
    for (const delivery of deliveries) {
      expect((await single.server.send(delivery)).status).toBe(200);
      await single.settled();
    }
    control = endState(single.double, REPO, number);
    await single.stop();
  }, 60_000);

  describe("all replicas up", () => {
    let world: FleetWorld;
    beforeAll(async () => {
      world = await createFleet({ replicas: 3 });
    }, 60_000);
    afterAll(() => world?.stop());

    it("every issue ends as one process leaves it, with no duplicate comment", async () => {
      const w = world;
      const numbers = Array.from({ length: ISSUES }, () => w.double.addIssue(REPO, NEW_BUG).number);
      const deliveries = burstDeliveries(w.double, REPO, numbers).map((make) => make());
      expect(deliveries).toHaveLength(200);
      const answers = await Promise.all(deliveries.map((d) => w.next().send(d)));
      expect(answers.map((a) => a.status)).toEqual(Array(200).fill(200));
      await w.drained();
      expect(control.markers).toContain("critical");
      for (const number of numbers) expect(endState(w.double, REPO, number), `#${number}`).toEqual(control);
      expect(w.failed).toEqual([]);
      expect(w.replicas.flatMap((r) => r.logs.filter((l) => Number(l.level) >= 50))).toEqual([]);
    }, 90_000);
  });

  describe("one replica SIGKILLed mid-burst", () => {
    let world: FleetWorld;
    beforeAll(async () => {
      world = await createFleet({ replicas: 3 });
    }, 60_000);
    afterAll(() => world?.stop());

    it("the others finish its jobs after the lease: the same end state, no duplicate", async () => {
      const w = world;
      const numbers = Array.from({ length: ISSUES }, () => w.double.addIssue(REPO, NEW_BUG).number);
      // Slow comment writes keep jobs active long enough that the killed replica certainly holds some.
      w.double.fault({ method: "POST", path: "/repos/{owner}/{repo}/issues/{issue_number}/comments", delayMs: 300, times: Infinity });
      const deliveries = burstDeliveries(w.double, REPO, numbers).map((make) => make());
      const first = await Promise.all(deliveries.slice(0, 100).map((d) => trySend(() => w.next().send(d))));
      expect(first.map((a) => a.status)).toEqual(Array(100).fill(200));
      // The replica that is running this repository's jobs (a finishing worker takes the next job of its
      // queue, so one replica tends to hold a repository's streak) is killed in the middle of one: SIGKILL,
      // no chance to hand anything back.
      const working = () => w.replicas.find((r) => r.logs.some((l) => l.msg === "transition"));
      const victim = await waitFor(working, 30_000, "a replica to run this repository's jobs");
      victim.child.kill("SIGKILL");
      const rest = deliveries.slice(100);
      const answers = await Promise.all(rest.map((d) => trySend(() => w.next().send(d))));
      // A delivery the dead replica could not answer is a failed one: GitHub's redelivery sends it again.
      const failed = rest.filter((_, i) => answers[i]!.status !== 200);
      for (const delivery of failed) expect((await w.next().send(delivery)).status).toBe(200);
      w.double.clearFaults();
      await w.drained(90_000);
      // The survivors saw the dead replica's leases lapse and ran its jobs.
      const stalled = w.replicas.filter((r) => r !== victim).flatMap((r) => r.logs.filter((l) => String(l.msg).startsWith("lane's replica stopped renewing")));
      expect(stalled.length).toBeGreaterThan(0);
      // Echoes the dead replica never answered: GitHub lists them as failed, and they are redelivered too.
      for (const echo of w.failed.splice(0)) expect((await w.next().send(echo)).status).toBe(200);
      await w.drained(90_000);
      for (const number of numbers) expect(endState(w.double, REPO, number), `#${number}`).toEqual(control);
    }, 120_000);
  });
});
