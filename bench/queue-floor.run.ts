//! Purpose: `npm run bench:queue-floor`: the client CPU of what the Redis path adds per delivery, without the app: a BullMQ job through `RedisWorkQueue`, a request through the clustered write limiter.
import { cpus, loadavg } from "node:os";
import Bottleneck from "bottleneck";
import BottleneckLight from "bottleneck/light.js";
import { pino } from "pino";
import { it } from "vitest";
import type { Logger } from "probot";
import { GitHubDouble } from "@bug-lifecycle/github-double";
import { RedisWorkQueue } from "../src/queue/redis-queue.js";
import { startRedis } from "../test/support/redis.js";

/**
 * Why this exists: bench:replicas measures a replica's whole CPU per delivery against one process's. This
 * measures the two parts of the difference the issue itself asks for (a shared queue on a well-kept Redis
 * queue, Probot's throttling clustered per installation), alone, in this process, so the ratio's floor is
 * known on the machine it runs on: no wiring of ours can make a replica cheaper than one process plus these.
 */
const JOBS = Number(process.env.BENCH_JOBS ?? 3000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PACED_ROUNDS = Number(process.env.BENCH_PACED_ROUNDS ?? 3);

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

it("queue floor", async () => {
  const redis = await startRedis();
  const double = new GitHubDouble({ appSlug: "bug-lifecycle" });
  double.addRepo("org-0/app");
  double.addInstallation({ account: "org-0" });
  double.addUser("reporter");
  const issues = Array.from({ length: 40 }, () => double.addIssue("org-0/app", { title: "Crash", author: "reporter", labels: ["bug"] }).number);
  // The bench:replicas burst's payload: an issue_comment as the double sends it (≈11 KB, as GitHub's).
  const delivery = (i: number) => ({ ...double.payload("issue_comment.created", { repo: "org-0/app", number: issues[i % issues.length]!, actor: "reporter", body: "/why" }), id: `floor-${i}` });

  // (a) RedisWorkQueue as a replica runs it (64 shards, the default; accept's one pipelined round trip, a
  // shard worker takes the job, a no-op handler, BullMQ finishes and deletes it), 20 accepts at a time.
  const jobRounds: number[] = [];
  let offset = 0;
  for (let round = 0; round <= ROUNDS; round++) {
    let done = 0;
    let finished!: () => void;
    const all = new Promise<void>((resolve) => (finished = resolve));
    const queue = new RedisWorkQueue({
      settings: { url: redis.url, prefix: `floor-${round}` },
      log: pino({ level: "silent" }) as unknown as Logger,
      run: async () => void (++done === JOBS && finished()),
      lanes: 64,
      lockMs: 30_000,
      attempts: 5,
    });
    queue.start();
    await new Promise((settle) => setTimeout(settle, 1_000));
    const before = cpuMs();
    for (let i = 0; i < JOBS; i += 20) await Promise.all(Array.from({ length: Math.min(20, JOBS - i) }, (_, k) => queue.accept(delivery(offset + i + k))));
    await all;
    // Round 0 warms the JIT and is not counted.
    if (round > 0) jobRounds.push((cpuMs() - before) / JOBS);
    offset += JOBS;
    await queue.close(1_000);
  }

  // (b) plugin-throttling's write group (maxConcurrent 1 per installation), clustered as Probot builds it with
  // REDIS_URL (Bottleneck's main build on an ioredis connection), and local as without (the light build).
  // minTime 0: the pacing's wait is idle time, not CPU; what is measured is the limiter's own work per request.
  const limiterRounds = { clustered: [] as number[], local: [] as number[] };
  for (let round = 0; round <= ROUNDS; round++) {
    for (const kind of ["clustered", "local"] as const) {
      const client = redis.client();
      const group =
        kind === "clustered"
          ? new Bottleneck.Group({ id: `octokit-write-${round}`, maxConcurrent: 1, minTime: 0, datastore: "ioredis", connection: new Bottleneck.IORedisConnection({ client }) })
          : new BottleneckLight.Group({ id: `octokit-write-${round}`, maxConcurrent: 1, minTime: 0 });
      const installations = Array.from({ length: 10 }, (_, i) => String(1_000 + i));
      for (const id of installations) await group.key(id).schedule(async () => undefined);
      const before = cpuMs();
      await Promise.all(installations.map(async (id) => {
        for (let i = 0; i < REQUESTS / installations.length; i++) await group.key(id).schedule(async () => undefined);
      }));
      if (round > 0) limiterRounds[kind].push((cpuMs() - before) / REQUESTS);
      await Promise.all(installations.map((id) => group.deleteKey(id)));
      client.disconnect();
    }
  }

  // (c) The same group with GitHub's pacing (minTime 1 s), as in a burst: 10 installations with 10 requests each
  // submitted at once, so requests wait for their turn (clustered: a freed slot is announced over pub/sub and
  // claimed with another script). CPU over the whole 9 s, idle time and heartbeats included, per request.
  const pacedRounds = { clustered: [] as number[], local: [] as number[] };
  for (let round = 0; round <= PACED_ROUNDS; round++) {
    for (const kind of ["clustered", "local"] as const) {
      const client = redis.client();
      const common = { id: `octokit-paced-${round}`, maxConcurrent: 1, minTime: 1_000 };
      const group = kind === "clustered" ? new Bottleneck.Group({ ...common, datastore: "ioredis", connection: new Bottleneck.IORedisConnection({ client }) }) : new BottleneckLight.Group(common);
      const installations = Array.from({ length: 10 }, (_, i) => String(2_000 + i));
      const before = cpuMs();
      await Promise.all(installations.flatMap((id) => Array.from({ length: 10 }, () => group.key(id).schedule(async () => undefined))));
      if (round > 0) pacedRounds[kind].push((cpuMs() - before) / 100);
      await Promise.all(installations.map((id) => group.deleteKey(id)));
      client.disconnect();
    }
  }
  await redis.dispose();

  const job = median(jobRounds);
  const clustered = median(limiterRounds.clustered);
  const local = median(limiterRounds.local);
  const range = (values: number[]) => `${Math.min(...values).toFixed(3)}–${Math.max(...values).toFixed(3)}`;
  console.log(`node ${process.version}, ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}; ${JOBS} jobs and ${REQUESTS} requests per round, median of ${ROUNDS} rounds after one unmeasured (paced: ${PACED_ROUNDS} rounds of 100)`);
  console.log(
    [
      "| part | client CPU (median) | range |",
      "|---|---|---|",
      `| a delivery's job: accept, shard worker, finish (RedisWorkQueue, 64 shards) | ${job.toFixed(3)} ms per job | ${range(jobRounds)} ms |`,
      `| a paced request through the write limiter, clustered (Probot's, REDIS_URL) | ${clustered.toFixed(3)} ms per request | ${range(limiterRounds.clustered)} ms |`,
      `| the same, local (light build, no REDIS_URL) | ${local.toFixed(3)} ms per request | ${range(limiterRounds.local)} ms |`,
      `| clustered − local | ${(clustered - local).toFixed(3)} ms per request | |`,
      `| a paced request (minTime 1 s, 10 installations × 10 at once), clustered | ${median(pacedRounds.clustered).toFixed(3)} ms per request | ${range(pacedRounds.clustered)} ms |`,
      `| the same, local | ${median(pacedRounds.local).toFixed(3)} ms per request | ${range(pacedRounds.local)} ms |`,
      `| paced clustered − local | ${(median(pacedRounds.clustered) - median(pacedRounds.local)).toFixed(3)} ms per request | |`,
    ].join("\n"),
  );
});
