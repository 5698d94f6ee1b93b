//! Purpose: `npm run bench:tenants`: one installation with 1,000 queued commands beside 49 quiet ones (one command a second each): how long the quiet ones wait, on one process and on 1, 2, 3 replicas.
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { it } from "vitest";
import type { RedisProcess } from "../test/support/redis.js";
import { sleep, waitFor } from "../test/e2e/support/server.js";
import { issueKey, startTenants, type Tenants } from "../test/e2e/support/tenants.js";

/** `BENCH_NOISY` (default 1000): commands installation 1 gets at once, one per issue. */
const NOISY = Number(process.env.BENCH_NOISY ?? 1000);
/** `BENCH_TENANTS` (default 50): installations in all; all but the first are the quiet ones. */
const TENANTS = Number(process.env.BENCH_TENANTS ?? 50);
/** `BENCH_SECONDS` (default 20): how long the quiet installations send. */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
/**
 * `BENCH_INTERVAL_MS` (default 2000): each quiet installation sends one command this often. A `/why` costs two
 * paced requests (the issue's GraphQL read, then the comment's mutation), so an installation alone answers at
 * most one every 2 s: at 1000 (one a second) the quiet installations queue behind their own pacing, the wait
 * grows through the run whatever the engine does, and the figures no longer show one installation's effect on another.
 */
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 2000);
const PER_QUIET = Math.max(1, Math.floor((SECONDS * 1000) / INTERVAL_MS));
/** `BENCH_HEAD_START_MS` (default 3000): the quiet installations start this long after the burst was sent. */
const HEAD_START_MS = Number(process.env.BENCH_HEAD_START_MS ?? 3000);
/** `BENCH_GRACE_S` (default 60): after the last quiet command is sent, how long to wait for the quiet ones still unlanded. */
const GRACE_S = Number(process.env.BENCH_GRACE_S ?? 60);
/** `BENCH_SETUPS=0,1,2,3`: which setups to run (0: one process without Redis; N: N replicas with Redis). */
const SETUPS = (process.env.BENCH_SETUPS ?? "0,1,2,3").split(",").map(Number);
/** `BENCH_WARMUP=0` measures cold processes; by default every server first answers one command per installation. */
const WARMUP = process.env.BENCH_WARMUP !== "0";

/** The command: anyone may ask; the answer is one comment (one paced GraphQL `addComment`) carrying the `why` marker. */
const COMMAND = "/why";
const MARKER = "why";
/** A reproduced bug with its owner: `/why` has a state, a rule and an owner to explain. */
const BUG = { title: "Crash", author: "reporter", labels: ["bug", "#g-mdm"], assignees: ["mdm-em"] };
const TICKS = 100; // /proc/<pid>/stat clock ticks per second (Linux's USER_HZ)

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
}

interface RedisReading {
  commands: number;
  byCommand: Map<string, number>;
  cpuMs: number;
}

/** Commands Redis ran (INFO commandstats, Lua scripts' inner calls included) and redis-server's own CPU. */
async function readRedis(redis: RedisProcess): Promise<RedisReading> {
  const client = redis.client();
  const [stats, server] = [await client.info("commandstats"), await client.info("server")];
  client.disconnect();
  const byCommand = new Map([...stats.matchAll(/cmdstat_([\w|]+):calls=(\d+)/g)].map((m) => [m[1]!, Number(m[2])]));
  const pid = Number(/process_id:(\d+)/.exec(server)![1]);
  // Our own INFO calls are counted too: two a reading, negligible beside thousands.
  return { commands: [...byCommand.values()].reduce((a, b) => a + b, 0), byCommand, cpuMs: cpuMs(pid) };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))]!;
}

interface Result {
  name: string;
  quietSent: number;
  quietLanded: number;
  /** Time from sending a quiet command to its reply landing, ms; an unlanded one counts as Infinity. */
  p50: number;
  p99: number;
  max: number;
  /** The shortest wait of a quiet command that never landed (Infinity when all landed). */
  unlandedAtLeast: number;
  /** Installation 1's replies that landed while the quiet ones were measured (its own pacing still runs). */
  noisyLanded: number;
  windowS: number;
  /** Servers' CPU while the quiet ones were measured, per reply that landed then (quiet and noisy). */
  cpuPerCommand: number;
  redisCpuPerCommand: number | null;
  redisPerCommand: number | null;
  /** What accepting the burst cost, per queued delivery (answered, stored, not yet run). */
  acceptCpu: number | null;
  acceptRedis: number | null;
}

async function sendAll(t: Tenants, deliveries: Array<{ id: string; name: string; payload: unknown }>): Promise<number[]> {
  return (await Promise.all(deliveries.map((d) => t.next().send(d)))).map((a) => a.status);
}

const statusCounts = (statuses: number[]) => JSON.stringify(statuses.reduce<Record<number, number>>((acc, s) => ((acc[s] = (acc[s] ?? 0) + 1), acc), {}));

async function run(name: string, replicas: number): Promise<Result> {
  const t = await startTenants({ installations: TENANTS, replicas, marker: MARKER, logs: "ignore" });
  try {
    const [noisyRepo, ...quietRepos] = t.repos as [string, ...string[]];
    const command = (repo: string, number: number) => t.double.payload("issue_comment.created", { repo, number, actor: "reporter", body: COMMAND });
    const cpuNow = () => t.servers.reduce((sum, s) => sum + cpuMs(s.child.pid!), 0);

    if (WARMUP) {
      // Each server answers one command per installation first (its token, its limiter, the config cached), so
      // the quiet installations' first commands measure the queue, not a cold start. With replicas, which one
      // runs a job is the queue's choice: one each per server makes a cold one unlikely, not impossible.
      const warm = t.servers.flatMap(() => t.repos.map((repo) => ({ repo, number: t.double.addIssue(repo, BUG).number })));
      const statuses = await Promise.all(warm.map(({ repo, number }, i) => t.servers[i % t.servers.length]!.send(command(repo, number)).then((a) => a.status)));
      if (statuses.some((s) => s !== 200)) throw new Error(`${name}: warm-up answers ${statusCounts(statuses)}`);
      await waitFor(() => (warm.every(({ repo, number }) => t.landed.has(issueKey(repo, number))) ? true : undefined), 300_000, "the warm-up replies to land");
    }

    // Every issue exists before the burst: the burst and the quiet commands only comment.
    const noisy = Array.from({ length: NOISY }, () => t.double.addIssue(noisyRepo, BUG).number);
    const quiet = quietRepos.map((repo) => ({ repo, numbers: Array.from({ length: PER_QUIET }, () => t.double.addIssue(repo, BUG).number) }));
    const noisyLandedCount = () => noisy.filter((n) => t.landed.has(issueKey(noisyRepo, n))).length;

    const cpuBefore = cpuNow();
    const redisBefore = t.redis ? await readRedis(t.redis) : null;
    const burstAt = performance.now();
    const noisyStatuses = await sendAll(t, noisy.map((n) => command(noisyRepo, n)));
    const acceptCpu = NOISY ? (cpuNow() - cpuBefore) / NOISY : null;
    const redisAccepted = t.redis ? await readRedis(t.redis) : null;
    console.log(`${name}: burst of ${NOISY} answered ${statusCounts(noisyStatuses)} in ${((performance.now() - burstAt) / 1000).toFixed(1)} s`);
    await sleep(Math.max(0, burstAt + HEAD_START_MS - performance.now()));

    // The quiet installations: each one command every INTERVAL_MS, on its own issues, their turns spread evenly over the interval.
    const quietStart = performance.now();
    const cpuAtQuiet = cpuNow();
    const redisAtQuiet = t.redis ? await readRedis(t.redis) : null;
    const noisyAtQuiet = noisyLandedCount();
    const paced = () => t.double.requests.filter((r) => r.method !== "GET" && !r.path.endsWith("/access_tokens")).length;
    const pacedAtQuiet = paced();
    const sent: Array<{ key: string; at: number; status: Promise<number> }> = [];
    const schedule = quiet.flatMap(({ repo, numbers }, j) => numbers.map((number, k) => ({ repo, number, offset: k * INTERVAL_MS + (j * INTERVAL_MS) / quiet.length }))).sort((a, b) => a.offset - b.offset);
    for (const { repo, number, offset } of schedule) {
      const wait = quietStart + offset - performance.now();
      if (wait > 0) await sleep(wait);
      const delivery = command(repo, number);
      sent.push({ key: issueKey(repo, number), at: performance.now(), status: t.next().send(delivery).then((a) => a.status) });
    }
    const quietStatuses = await Promise.all(sent.map((s) => s.status));
    const lastSent = performance.now();
    // Measured until every quiet reply landed, or the grace ran out; installation 1's backlog is left unfinished.
    await waitFor(() => (sent.every((s) => t.landed.has(s.key)) || performance.now() - lastSent > GRACE_S * 1000 ? true : undefined), (GRACE_S + 10) * 1000, "the quiet replies");
    const end = performance.now();
    const cpu = cpuNow() - cpuAtQuiet;
    const redisAfter = t.redis ? await readRedis(t.redis) : null;

    const waits = sent.map((s) => (t.landed.get(s.key) ?? Infinity) - s.at).sort((a, b) => a - b);
    const quietLanded = waits.filter(Number.isFinite).length;
    // An unlanded command waited at least until the end: the shortest such wait is what the table can say of them.
    const unlandedAtLeast = Math.min(...sent.filter((s) => !t.landed.has(s.key)).map((s) => end - s.at));
    const noisyLanded = noisyLandedCount() - noisyAtQuiet;
    const landedInWindow = quietLanded + noisyLanded;
    console.log(
      `${name}: quiet answered ${statusCounts(quietStatuses)}, landed ${quietLanded}/${sent.length}; installation 1 landed ${noisyAtQuiet} before the quiet ones and ${noisyLanded} during; ` +
        `servers' CPU ${(cpu / ((end - quietStart) / 1000)).toFixed(0)} ms a second${redisAtQuiet && redisAfter ? `, Redis ${((redisAfter.commands - redisAtQuiet.commands) / ((end - quietStart) / 1000)).toFixed(0)} commands a second` : ""}; ` +
        `paced requests (REST writes and GraphQL) per landed reply ${((paced() - pacedAtQuiet) / landedInWindow).toFixed(2)} (replies started before the window and unfinished ones count too); echo failures ${t.echoFailures}; load average ${loadavg().map((l) => l.toFixed(2)).join(" ")} on ${cpus().length} cores`,
    );
    if (redisAtQuiet && redisAfter) {
      const top = [...redisAfter.byCommand].map(([cmd, n]) => [cmd, n - (redisAtQuiet.byCommand.get(cmd) ?? 0)] as const).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]).slice(0, 8);
      console.log(`${name}: Redis commands per landed reply by command: ${top.map(([cmd, n]) => `${cmd} ${(n / landedInWindow).toFixed(1)}`).join(", ")}`);
    }
    return {
      name,
      quietSent: sent.length,
      quietLanded,
      p50: percentile(waits, 0.5),
      p99: percentile(waits, 0.99),
      max: waits.at(-1)!,
      unlandedAtLeast,
      noisyLanded,
      windowS: (end - quietStart) / 1000,
      cpuPerCommand: cpu / landedInWindow,
      redisCpuPerCommand: redisAtQuiet && redisAfter ? (redisAfter.cpuMs - redisAtQuiet.cpuMs) / landedInWindow : null,
      redisPerCommand: redisAtQuiet && redisAfter ? (redisAfter.commands - redisAtQuiet.commands) / landedInWindow : null,
      acceptCpu,
      acceptRedis: redisBefore && redisAccepted && NOISY ? (redisAccepted.commands - redisBefore.commands) / NOISY : null,
    };
  } finally {
    await t.stop();
  }
}

/** A wait; one that never ended is shown as more than the shortest wait of the commands that never landed. */
const seconds = (ms: number, r: Result) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : `> ${(r.unlandedAtLeast / 1000).toFixed(0)} s`);
/** `–` for what was not measured (no Redis) or cannot be divided (nothing landed). */
const fixed = (n: number | null, digits = 1) => (n === null || !Number.isFinite(n) ? "–" : n.toFixed(digits));

it("tenants", async () => {
  const results: Result[] = [];
  for (const replicas of SETUPS) results.push(await run(replicas === 0 ? "1 process, no Redis" : `${replicas} replica${replicas > 1 ? "s" : ""} + Redis`, replicas));
  console.log(
    [
      `${NOISY} commands queued at once in installation 1; ${HEAD_START_MS / 1000} s later ${TENANTS - 1} quiet installations send one command every ${INTERVAL_MS / 1000} s each for ${SECONDS} s. Probot's pacing on (writes and GraphQL ≥ 1 s apart per installation).`,
      "",
      "| setup | quiet landed | quiet wait p50 | p99 | max | installation 1 landed meanwhile | server CPU per landed reply | Redis CPU per landed reply | Redis commands per landed reply | accepting the burst: CPU, Redis commands per delivery |",
      "|---|---|---|---|---|---|---|---|---|---|",
      ...results.map(
        (r) =>
          `| ${r.name} | ${r.quietLanded}/${r.quietSent} | ${seconds(r.p50, r)} | ${seconds(r.p99, r)} | ${seconds(r.max, r)} | ${r.noisyLanded} in ${r.windowS.toFixed(0)} s | ${fixed(r.cpuPerCommand)} ms | ${r.redisCpuPerCommand === null ? "–" : `${fixed(r.redisCpuPerCommand)} ms`} | ${fixed(r.redisPerCommand, 0)} | ${r.acceptCpu === null ? "–" : `${fixed(r.acceptCpu)} ms`}, ${fixed(r.acceptRedis, 0)} |`,
      ),
    ].join("\n"),
  );
  // Four setups, each with warm-up, a 20 s run and up to a minute's grace: longer than vitest's 10 minutes.
}, 3_600_000);
