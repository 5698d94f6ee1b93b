//! Purpose: Redis stopped and restarted mid-burst: webhooks answered 503 meanwhile (logged once a minute), then recovery by itself, nothing lost or doubled.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO } from "../support/fleet.js";
import { redisAvailable } from "../support/redis.js";
import { burstDeliveries, endState, NEW_BUG, STEPS } from "./support/burst.js";
import { createFleet, type FleetWorld } from "./support/fleet-world.js";
import { waitFor } from "./support/server.js";
import { createWorld } from "./support/world.js";

const available = redisAvailable();

describe.skipIf(!available)("Redis away for a while", () => {
  let world: FleetWorld;
  let control: ReturnType<typeof endState>;
  beforeAll(async () => {
    const single = await createWorld();
    const number = single.double.addIssue(REPO, NEW_BUG).number;
    const deliveries = STEPS.map(([name, action]) => single.double.payload(name, { repo: REPO, number, ...action }));
    for (const delivery of deliveries) {
      await single.server.send(delivery);
      await single.settled();
    }
    control = endState(single.double, REPO, number);
    await single.stop();
    // A queue's Redis keeps what it accepted across a restart (AOF), as a deployment's must.
    world = await createFleet({ replicas: 2, persist: true });
  }, 60_000);
  afterAll(() => world?.stop());

  it("answers 503 while it is away, recovers by itself, and the redelivered work lands once", async () => {
    const w = world;
    const numbers = Array.from({ length: 10 }, () => w.double.addIssue(REPO, NEW_BUG).number);
    const deliveries = burstDeliveries(w.double, REPO, numbers).map((make) => make());
    const first = await Promise.all(deliveries.slice(0, 50).map((d) => w.next().send(d)));
    expect(first.map((a) => a.status)).toEqual(Array(50).fill(200));

    await w.redis.stop();
    const during = await Promise.all(deliveries.slice(50).map((d) => w.next().send(d)));
    expect(new Set(during.map((a) => a.status))).toEqual(new Set([503]));
    // Away until every replica has noticed (and said so), not for a fixed time.
    for (const replica of w.replicas) await waitFor(() => (replica.logs.some((l) => String(l.msg).startsWith("Redis unreachable")) ? true : undefined), 15_000, "the replica to notice the outage");
    await w.redis.start();

    // Recovery needs nobody: every replica accepts again within a few seconds (each reconnects on its own).
    const probe = deliveries[0]!;
    for (const replica of w.replicas) await waitFor(async () => ((await replica.send(probe)).status === 200 ? true : undefined), 15_000, "the replica to accept again");
    // GitHub lists the 503s (and any echo the outage refused) as failed; the redelivery step sends them again.
    for (const delivery of deliveries.slice(50)) expect((await w.next().send(delivery)).status).toBe(200);
    await w.drained(90_000);
    for (const echo of w.failed.splice(0)) expect((await w.next().send(echo)).status).toBe(200);
    await w.drained(90_000);
    for (const number of numbers) expect(endState(w.double, REPO, number), `#${number}`).toEqual(control);
    // The outage is said once (a minute has not passed), not once per delivery or per reconnection attempt.
    // (Probot itself also logs each refused delivery with its id, as it logs any failed delivery.)
    for (const replica of w.replicas) {
      expect(replica.logs.filter((l) => String(l.msg).startsWith("Redis unreachable"))).toHaveLength(1);
    }
  }, 120_000);
});
