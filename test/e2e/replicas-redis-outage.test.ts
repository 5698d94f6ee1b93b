//! Purpose: Redis stopped and restarted mid-burst: webhooks answered 503 meanwhile (logged once a minute), then recovery by itself, nothing lost or doubled.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO } from "../support/fleet.js";
import { redisAvailable } from "../support/redis.js";
import { burstDeliveries, endState, NEW_BUG, STEPS } from "./support/burst.js";
import { createFleet, type FleetWorld } from "./support/fleet-world.js";
import { startServer, waitFor } from "./support/server.js";
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

describe.skipIf(!available)("Redis gone: readiness, answers, log volume, no false claims, SIGTERM", () => {
  let fleet: FleetWorld;
  beforeAll(async () => {
    fleet = await createFleet({ replicas: 1, env: { SHUTDOWN_GRACE_MS: "3000" } });
  }, 60_000);
  afterAll(() => fleet?.stop());

  const get = async (replica: { url: string }, path: string) => {
    const response = await fetch(`${replica.url}${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it("reports not ready, answers every endpoint at once, logs one line, and exits within its grace on SIGTERM", async () => {
    const replica = fleet.replicas[0]!;
    expect(await get(replica, "/bug-lifecycle/ready")).toEqual({ status: 200, body: { ready: true } });
    // Said once Redis holds the schedule.
    await waitFor(() => (replica.logs.some((l) => l.msg === "sweep scheduled for the fleet (one tick per schedule, any replica)") ? true : undefined), 15_000, "the schedule");
    const number = fleet.double.addIssue(REPO, NEW_BUG).number;
    const deliveries = burstDeliveries(fleet.double, REPO, [number]).map((make) => make());

    await fleet.redis.stop();
    // Away through several of the client's reconnection attempts (at most 2 s apart), measured by the replica itself.
    const away = await waitFor(async () => {
      const ready = await get(replica, "/bug-lifecycle/ready");
      return ready.status === 503 && Number(ready.body.redisDownForMs) >= 8_000 ? ready : undefined;
    }, 30_000, "the replica to report Redis away for 8 s");
    expect(away.body).toMatchObject({ ready: false, reason: expect.stringMatching(/^Redis unreachable/) });
    // The queue's status cannot be read without Redis: said at once (it hung for 10 minutes).
    expect(await get(replica, "/bug-lifecycle/queue")).toEqual({ status: 503, body: { error: "the work queue's store (Redis) did not answer" } });
    expect((await fetch(`${replica.url}/ping`)).status).toBe(200);
    for (const delivery of deliveries.slice(0, 5)) expect((await replica.send(delivery)).status).toBe(503);

    // One line while it lasts (a minute has not passed), not a block per reconnection attempt or per client.
    const text = [...replica.output, ...replica.logs.map((l) => JSON.stringify(l))];
    expect(replica.output.filter((line) => /ECONNREFUSED|ENOENT|Unhandled error event|^\s+at /.test(line))).toEqual([]);
    expect(replica.logs.filter((l) => String(l.msg).startsWith("Redis unreachable"))).toHaveLength(1);
    const errors = replica.logs.filter((l) => Number(l.level) >= 50 && !/^(Redis unreachable|handler failed)/.test(String(l.msg)) && !String(l.msg).includes("the work queue is unreachable"));
    expect(errors.map((l) => l.msg), text.slice(-20).join("\n")).toEqual([]);

    replica.child.kill("SIGTERM");
    await waitFor(() => (replica.alive() ? undefined : true), 20_000, "the replica to exit");
    // By itself within SHUTDOWN_GRACE_MS, not SIGKILLed.
    expect(replica.child.signalCode).toBeNull();
    expect(replica.child.exitCode).not.toBeNull();
  }, 120_000);

  it("a replica whose Redis never answered is not ready and claims no sweep schedule", async () => {
    const gone = await startServer({ appId: fleet.double.appId, gheHost: fleet.gheHost, env: { REDIS_URL: "/nonexistent/redis.sock", SHUTDOWN_GRACE_MS: "3000" } });
    try {
      const ready = await waitFor(async () => {
        const answer = await get(gone, "/bug-lifecycle/ready");
        return answer.status === 503 ? answer : undefined;
      }, 20_000, "readiness to say not ready");
      expect(ready.body).toMatchObject({ ready: false });
      expect(await get(gone, "/bug-lifecycle/queue")).toMatchObject({ status: 503 });
      expect(gone.logs.filter((l) => String(l.msg).startsWith("sweep scheduled"))).toEqual([]);
      gone.child.kill("SIGTERM");
      await waitFor(() => (gone.alive() ? undefined : true), 20_000, "the replica to exit");
      expect(gone.child.signalCode).toBeNull();
    } finally {
      await gone.stop();
    }
  }, 60_000);
});
