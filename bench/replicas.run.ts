//! Purpose: `npm run bench:replicas`: 1, 2 and 3 replicas on Redis (and one process without), 10 installations, Probot's pacing ON.
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cpus, loadavg } from "node:os";
import { it } from "vitest";
import { Queue } from "bullmq";
import { GitHubDouble, type PayloadName, type PersonAction } from "@bug-lifecycle/github-double";
import { startRedis, type RedisProcess } from "../test/support/redis.js";
import { BOT } from "../test/e2e/support/fleet-world.js";
import { seedWorld } from "../test/support/world.js";
import { startServer, waitFor, type ServerProcess } from "../test/e2e/support/server.js";

/** `BENCH_INSTALLATIONS` (default 10): more installations lower the share of paced writes each one waits for, until CPU is what bounds landing. */
const INSTALLATIONS = Number(process.env.BENCH_INSTALLATIONS ?? 10);
const ISSUES_PER_INSTALLATION = Number(process.env.BENCH_ISSUES ?? 2);
type Step = [PayloadName, Omit<PersonAction, "repo" | "number">];
/** Per issue: two /critical (one checklist), a /why, a hand label, a conversation comment. */
const STEPS: Step[] = [
  ["issue_comment.created", { actor: "maint", body: "/critical" }],
  ["issue_comment.created", { actor: "mdm-em", body: "/critical" }],
  ["issue_comment.created", { actor: "reporter", body: "/why" }],
  ["issues.labeled", { actor: "mdm-em", label: ":release" }],
  ["issue_comment.created", { actor: "reporter", body: "me too" }],
];
const TICKS = 100; // /proc/<pid>/stat clock ticks per second (Linux's USER_HZ)

/** CPU by thread, user and system apart: "main" (the event loop: JS, parsing, most GC) and the rest (V8's compiler and GC helpers, libuv's pool, all named "node"). */
function threadCpuMs(pid: number): Map<string, number> {
  const byName = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const name = tid === String(pid) ? "main" : stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")).replace(/\d+$/, "");
      const fields = stat.slice(stat.lastIndexOf(") ") + 2).split(" ");
      byName.set(`${name} user`, (byName.get(`${name} user`) ?? 0) + (Number(fields[11]) * 1000) / TICKS);
      byName.set(`${name} system`, (byName.get(`${name} system`) ?? 0) + (Number(fields[12]) * 1000) / TICKS);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return byName;
}

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
}

async function redisCommands(redis: RedisProcess): Promise<number> {
  const client = redis.client();
  const info = await client.info("stats");
  client.disconnect();
  return Number(/total_commands_processed:(\d+)/.exec(info)![1]);
}

/** Calls per Redis command (INFO commandstats; `evalsha` is BullMQ's and Bottleneck's Lua scripts). */
async function commandStats(redis: RedisProcess): Promise<Map<string, number>> {
  const client = redis.client();
  const info = await client.info("commandstats");
  client.disconnect();
  return new Map([...info.matchAll(/cmdstat_([\w|]+):calls=(\d+)/g)].map((m) => [m[1]!, Number(m[2])]));
}

interface Result {
  name: string;
  deliveries: number;
  perSecond: number;
  p99: number;
  landedS: number;
  floorS: number;
  cpuMsPerDelivery: number;
  redisPerDelivery: number | null;
  duplicates: number;
  /** Bugs without their checklist or `/why` reply when the writes stopped. */
  missing: number;
}

/** Jobs a server has run so far (its own count: `done` on its queue status). */
async function jobsRun(server: ServerProcess): Promise<number> {
  return ((await (await fetch(`${server.url}/bug-lifecycle/queue`)).json()) as { done?: number }).done ?? 0;
}

/** Runs profiled so far (each run's window profiles go to a directory of their own). */
let profiled = 0;

/** The memory probe runs once, in the first 3-replica run. */
let memoryProbed = false;

async function run(name: string, replicas: number, withRedis: boolean): Promise<Result> {
  const double = new GitHubDouble({ appSlug: "bug-lifecycle" });
  const repos = Array.from({ length: INSTALLATIONS }, (_, i) => `org-${i}/app`);
  seedWorld(double, { repos });
  const listening = await double.listen();
  const redis = withRedis ? await startRedis() : null;
  // QUEUE_LANES in the bench's environment reaches the replicas (default: the app's, 64).
  const env: Record<string, string> = redis ? { REDIS_URL: redis.url, ...(process.env.QUEUE_LANES ? { QUEUE_LANES: process.env.QUEUE_LANES } : {}) } : {};
  // BENCH_CPU_PROF=DIR: each server writes a V8 CPU profile there on exit (summarise with bench/profile-summary.mjs).
  const profiles = process.env.BENCH_CPU_PROF;
  // BENCH_NODE_ARGS: Node flags after `npm start`'s (a later one wins: `--min-semi-space-size=1` measures V8's default young generation).
  const nodeArgs = [...(process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? []), ...(profiles ? ["--cpu-prof", "--cpu-prof-interval=250", `--cpu-prof-dir=${profiles}/${name.replace(/\W+/g, "-")}`] : [])];
  // BENCH_WINDOW_PROF=DIR: a profile of the measured window only, DIR/<setup>/<pid>.cpuprofile (bench/window-prof.mjs).
  const windowDir = process.env.BENCH_WINDOW_PROF ? `${process.env.BENCH_WINDOW_PROF}/${name.replace(/\W+/g, "-")}-${++profiled}` : null;
  if (windowDir) mkdirSync(windowDir, { recursive: true });
  // Pacing ON: no preload, as in production (the window profiler is the bench's, and only on request).
  const preloads = windowDir ? [fileURLToPath(new URL("./window-prof.mjs", import.meta.url))] : [];
  const servers: ServerProcess[] = await Promise.all(
    Array.from({ length: replicas }, () => startServer({ appId: double.appId, gheHost: `127.0.0.1:${listening.port}`, env: windowDir ? { ...env, BENCH_WINDOW_PROF: windowDir } : env, preloads, nodeArgs, logs: "ignore", logLevel: "warn" })),
  );
  let turn = 0;
  const next = () => servers[turn++ % servers.length]!;
  double.onWebhook(async (hook, payload, event) => void (await next().send({ id: event.id, name: hook, payload })));
  const markersOf = (repo: string, number: number) => double.issue(repo, number).comments.filter((c) => c.author === BOT).map((c) => /<!-- bug-lifecycle:([^ :]+)/.exec(c.body)?.[1]);
  const numbers = new Map(repos.map((repo) => [repo, Array.from({ length: ISSUES_PER_INSTALLATION }, () => double.addIssue(repo, { title: "Crash", author: "reporter", labels: ["bug", "#g-mdm"], assignees: ["mdm-em"] }).number)]));
  const deliveries: Array<{ id: string; name: string; payload: unknown }> = [];
  for (const step of STEPS) for (const repo of repos) for (const number of numbers.get(repo)!) deliveries.push(double.payload(step[0], { repo, number, ...step[1] }));
  // The installation each repository's deliveries name (the one the app mints its tokens for).
  const installationOf = new Map(deliveries.map((d) => {
    const payload = d.payload as { repository: { full_name: string }; installation: { id: number } };
    return [payload.repository.full_name, payload.installation.id] as const;
  }));

  // Warm, as a server that has been up for a while: each process first handles WARMUP_PER_SERVER deliveries of
  // its own (other bugs, the same steps), so the JIT and the caches are warm in every setup. Cold, a process's
  // cost per delivery falls with the deliveries it has handled (one process: 14 ms at 100, 10–11 ms at 300),
  // and N replicas each handle 1/N of the burst: the comparison measured their warm-up, not Redis.
  const warmRound = async (bugRepos: string[]) => {
    const warm = bugRepos.map((repo) => ({ repo, number: double.addIssue(repo, { title: "Warm-up", author: "reporter", labels: ["bug", "#g-mdm"], assignees: ["mdm-em"] }).number }));
    const warmDeliveries = STEPS.flatMap((step) => warm.map(({ repo, number }) => double.payload(step[0], { repo, number, ...step[1] })));
    await Promise.all(warmDeliveries.map((d) => next().send(d)));
    let writes = -1;
    let since = performance.now();
    await waitFor(() => {
      const count = double.writes().length;
      if (count !== writes) ((writes = count), (since = performance.now()));
      const done = warm.every(({ repo, number }) => ["critical", "why"].every((m) => markersOf(repo, number).includes(m)));
      return done && performance.now() - since > 3_000 ? true : undefined;
    }, 300_000, "the warm-up to land");
  };
  if (WARMUP_PER_SERVER > 0) {
    await warmRound(Array.from({ length: Math.ceil((WARMUP_PER_SERVER * servers.length) / STEPS.length) }, (_, i) => repos[i % repos.length]!));
    // A replica that has not yet served an installation pays for it in the burst (its token, its limiter, its
    // clients: 3–7 token mints made a 2-replica run 5 ms a delivery dearer). Which replica runs a job is
    // BullMQ's choice, so warm-up rounds go on, for the installations some replica has not minted a token for
    // (each replica mints one per installation), until every replica has served every installation.
    const minted = (repo: string) => double.requests.filter((r) => r.path === `/app/installations/${installationOf.get(repo)}/access_tokens`).length;
    let rounds = 1;
    for (; rounds < WARMUP_ROUNDS; rounds++) {
      const lagging = repos.filter((repo) => minted(repo) < servers.length);
      if (!lagging.length) break;
      await warmRound(lagging.flatMap((repo) => [repo, repo]));
    }
    const cold = repos.filter((repo) => minted(repo) < servers.length).length;
    console.log(`${name}: warm-up ${rounds} round(s); installations some replica has not served: ${cold} of ${repos.length}`);
  }
  const writesBefore = double.writes().length;
  const requestsBefore = double.requests.length;
  // Measured from a settled start: the servers' start-up (module compilation, each shard worker's first
  // connection and script loads) still runs for a moment after /ping answers, and is not the deliveries' cost.
  const ranBefore = await Promise.all(servers.map(jobsRun));
  const settleMs = Number(process.env.BENCH_SETTLE_MS ?? 3_000);
  const cpuSettling = servers.map((s) => cpuMs(s.child.pid!));
  await new Promise((settled) => setTimeout(settled, settleMs));
  const cpuEach = servers.map((s) => cpuMs(s.child.pid!));
  // What each server costs at rest just before the burst: each extra replica adds it for the burst's length.
  console.log(`${name}: CPU at rest before the burst ${cpuEach.map((ms, i) => `${((ms - cpuSettling[i]!) / (settleMs / 1000)).toFixed(0)}`).join(", ")} ms a second`);
  const cpuBefore = cpuEach.reduce((sum, ms) => sum + ms, 0);
  const threadsBefore = servers.map((s) => threadCpuMs(s.child.pid!));
  const commandsBefore = redis ? await redisCommands(redis) : 0;
  const statsBefore = redis ? await commandStats(redis) : new Map<string, number>();
  if (windowDir) for (const s of servers) s.child.kill("SIGUSR2");
  const started = performance.now();
  const answers = await Promise.all(deliveries.map((d) => next().send(d)));
  const answered = performance.now();
  // Landed: every bug has its checklist and its `/why` reply and no new write came for 5 s (pacing spaces
  // writes ≤ 3 s apart), or, if some bug never gets them, 30 s without a write. The quiet time is not counted.
  // (5 s of quiet alone is not enough: a retried job can leave a longer gap with work still to land.)
  const complete = () => repos.every((repo) => numbers.get(repo)!.every((number) => ["critical", "why"].every((m) => markersOf(repo, number).includes(m))));
  let lastCount = -1;
  let lastChange = performance.now();
  // CPU is read at each new write too: the deliveries' cost ends with the last write, not after the quiet wait.
  const cpuNow = () => servers.reduce((sum, s) => sum + cpuMs(s.child.pid!), 0);
  let cpuAtLast = cpuNow();
  await waitFor(() => {
    const count = double.writes().length;
    if (count !== lastCount) ((lastCount = count), (lastChange = performance.now()), (cpuAtLast = cpuNow()));
    const quiet = performance.now() - lastChange;
    return quiet > 30_000 || (quiet > 5_000 && complete()) ? true : undefined;
  }, 300_000, "the writes to stop");
  const landedS = (lastChange - started) / 1000;
  // Each server's share: its CPU beside the jobs it ran (its own count, `done` on its queue status).
  const ran = await Promise.all(servers.map(async (s, i) => (await jobsRun(s)) - ranBefore[i]!));
  console.log(`${name}: CPU per server until the last write ${servers.map((s, i) => `${(cpuMs(s.child.pid!) - cpuEach[i]!).toFixed(0)} ms (${ran[i]} jobs run)`).join(", ")}`);
  if (windowDir) {
    for (const s of servers) s.child.kill("SIGUSR2");
    await waitFor(() => (readdirSync(windowDir).filter((f) => f.endsWith(".cpuprofile")).length >= servers.length ? true : undefined), 30_000, "the window profiles");
  }
  const cpuWithQuiet = cpuNow() - cpuBefore;
  const cpu = cpuAtLast - cpuBefore;
  const threads = new Map<string, number>();
  servers.forEach((s, i) => {
    for (const [thread, ms] of threadCpuMs(s.child.pid!)) threads.set(thread, (threads.get(thread) ?? 0) + ms - (threadsBefore[i]!.get(thread) ?? 0));
  });
  console.log(`${name}: CPU per delivery by thread: ${[...threads].filter(([, ms]) => ms > 0).sort((a, b) => b[1] - a[1]).map(([thread, ms]) => `${thread} ${(ms / deliveries.length).toFixed(1)} ms`).join(", ")}`);
  const commands = redis ? (await redisCommands(redis)) - commandsBefore : null;
  if (redis) {
    const after = await commandStats(redis);
    const top = [...after].map(([cmd, n]) => [cmd, n - (statsBefore.get(cmd) ?? 0)] as const).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]).slice(0, 8);
    console.log(`${name}: Redis commands per delivery by command: ${top.map(([cmd, n]) => `${cmd} ${(n / deliveries.length).toFixed(1)}`).join(", ")}`);
  }

  // The pacing floor: per installation, one write (REST or GraphQL mutation; comments are GraphQL
  // `addComment`) ≥ 1 s after the previous one; installations in parallel. Every installation gets the
  // same burst, so its share is the total / INSTALLATIONS.
  const writes = double.writes().length - writesBefore;
  const floorS = writes / INSTALLATIONS - 1;
  let duplicates = 0;
  let missing = 0;
  for (const repo of repos) {
    for (const number of numbers.get(repo)!) {
      const marks = markersOf(repo, number);
      duplicates += Math.max(0, marks.filter((m) => m === "critical").length - 1) + Math.max(0, marks.filter((m) => m === "why").length - 1);
      if (!marks.includes("critical") || !marks.includes("why")) missing++;
    }
  }
  const statuses: Record<number, number> = {};
  for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
  console.log(`${name}: answers ${JSON.stringify(statuses)}, writes ${writes}, requests ${double.requests.length - requestsBefore} (token mints ${double.requests.slice(requestsBefore).filter((r) => r.path.endsWith("/access_tokens")).length}; paced ${double.requests.slice(requestsBefore).filter((r) => r.method !== "GET" && !r.path.endsWith("/access_tokens")).length}: REST writes and GraphQL, plugin-throttling's write group), CPU per delivery until the last write ${(cpu / deliveries.length).toFixed(1)} ms (with the quiet wait after it ${(cpuWithQuiet / deliveries.length).toFixed(1)} ms), load average ${loadavg().map((l) => l.toFixed(2)).join(" ")} on ${cpus().length} cores`);
  // Reads by route: a replica's cold cache (config, permissions, ids) shows here as reads one process does not make.
  const reads = new Map<string, number>();
  for (const r of double.requests.slice(requestsBefore).filter((r) => !r.write)) {
    const route = `${r.method} ${r.kind === "graphql" ? `graphql ${(r.operationNames ?? []).join("+")}` : r.path.replace(/\/\d+/g, "/N").replace(/^\/repos\/[^/]+\/[^/]+/, "/repos/R")}`;
    reads.set(route, (reads.get(route) ?? 0) + 1);
  }
  console.log(`${name}: reads ${[...reads].sort((a, b) => b[1] - a[1]).map(([route, n]) => `${route} ${n}`).join(", ")}`);
  const latencies = answers.map((a) => a.ms).sort((a, b) => a - b);
  const result: Result = {
    name,
    deliveries: deliveries.length,
    perSecond: deliveries.length / ((answered - started) / 1000),
    p99: latencies[Math.floor(latencies.length * 0.99)]!,
    landedS,
    floorS,
    cpuMsPerDelivery: cpu / deliveries.length,
    redisPerDelivery: commands === null ? null : commands / deliveries.length,
    duplicates,
    missing,
  };
  if (redis) {
    // Memory of 10,000 queued deliveries (this burst's payloads, repeated) and of 10,000 kept de-dup records.
    const probe = redis.client();
    const queue = new Queue("bench-memory", { connection: probe, prefix: "bug-lifecycle" });
    const used = async () => Number(/used_memory:(\d+)/.exec(await probe.info("memory"))![1]);
    if (replicas === 3 && !memoryProbed) {
      memoryProbed = true;
      const before = await used();
      const jobs = Array.from({ length: 10_000 }, (_, i) => ({ name: "delivery", data: { kind: "delivery", item: { kind: "delivery", delivery: deliveries[i % deliveries.length] } }, opts: { jobId: `d-bench-${i}` } }));
      for (let i = 0; i < jobs.length; i += 1000) await queue.addBulk(jobs.slice(i, i + 1000));
      const queued = await used();
      const job = await queue.getJob("d-bench-0");
      // What a finished delivery leaves: BullMQ's de-dup key (`de:<job id>` → the job id, expiring after 3 days).
      for (let i = 0; i < 10_000; i++) await probe.set(`bug-lifecycle:bench-memory:de:d-bench-${i}`, `d-bench-${i}`, "PX", 3 * 24 * 60 * 60_000);
      const kept = await used();
      console.log(`memory: 10,000 queued deliveries ${((queued - before) / 1e6).toFixed(1)} MB (payload ${JSON.stringify(job?.data).length} bytes each); the de-dup records they leave once finished ${((kept - queued) / 1e6).toFixed(1)} MB`);
    }
    await queue.close();
    probe.disconnect();
  }
  await Promise.all(servers.map((s) => s.stop()));
  await listening.close();
  await redis?.dispose();
  return result;
}

/** `BENCH_SETUPS=0,1,2,3`: which setups to run (0: one process without Redis; N: N replicas with Redis). */
const SETUPS = (process.env.BENCH_SETUPS ?? "0,1,2,3").split(",").map(Number);

/** `BENCH_WARMUP` (default 100): deliveries each server handles, unmeasured, before the burst; 0 measures cold processes. */
const WARMUP_PER_SERVER = Number(process.env.BENCH_WARMUP ?? 100);
/** `BENCH_WARMUP_ROUNDS` (default 10): at most this many warm-up rounds while some replica has not served some installation. */
const WARMUP_ROUNDS = Number(process.env.BENCH_WARMUP_ROUNDS ?? 10);

/** `BENCH_RUNS` (default 3): each setup runs this many times, interleaved; the table shows each setup's median run. */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

it("replicas", async () => {
  const runs = new Map<number, Result[]>(SETUPS.map((replicas) => [replicas, []]));
  for (let round = 0; round < RUNS; round++) {
    for (const replicas of SETUPS) {
      runs.get(replicas)!.push(replicas === 0 ? await run("1 process, no Redis", 1, false) : await run(`${replicas} replica${replicas > 1 ? "s" : ""} + Redis`, replicas, true));
    }
  }
  // Between runs of one setup CPU per delivery moves by ±1.5 ms on an idle machine: the median of several
  // interleaved runs, with their range, is what a ratio against one process can be read from.
  const median = (results: Result[]) => [...results].sort((a, b) => a.cpuMsPerDelivery - b.cpuMsPerDelivery)[Math.floor(results.length / 2)]!;
  const base = runs.has(0) ? median(runs.get(0)!).cpuMsPerDelivery : null;
  console.log(
    [
      "| setup | deliveries | accepted/s | p99 answer | all landed | pacing floor | landed / floor | CPU per delivery (median, range) | CPU vs one process | Redis commands per delivery | duplicate comments | bugs missing a comment |",
      "|---|---|---|---|---|---|---|---|---|---|---|---|",
      ...[...runs.values()].map((results) => {
        const r = median(results);
        const cpus = results.map((x) => x.cpuMsPerDelivery);
        const range = results.length > 1 ? ` (${Math.min(...cpus).toFixed(1)}–${Math.max(...cpus).toFixed(1)})` : "";
        const ratio = base === null ? "–" : `${(r.cpuMsPerDelivery / base).toFixed(2)}×`;
        const duplicates = results.reduce((sum, x) => sum + x.duplicates, 0);
        const missing = results.reduce((sum, x) => sum + x.missing, 0);
        return `| ${r.name} | ${r.deliveries} | ${r.perSecond.toFixed(0)} | ${r.p99.toFixed(0)} ms | ${r.landedS.toFixed(1)} s | ${r.floorS.toFixed(0)} s | ${(r.landedS / r.floorS).toFixed(2)}× | ${r.cpuMsPerDelivery.toFixed(1)} ms${range} | ${ratio} | ${r.redisPerDelivery === null ? "–" : r.redisPerDelivery.toFixed(0)} | ${duplicates} | ${missing} |`;
      }),
    ].join("\n"),
  );
  if (RUNS > 1) console.log(`${RUNS} runs per setup, interleaved; duplicate comments and missing bugs are summed over all runs, the other columns are the median run's.`);
  // Three runs of four setups with warm-up rounds until every replica has served every installation: longer than vitest's 10 minutes.
}, 3_600_000);
