//! Purpose: `npm run bench:sweep`: our sweep vs the per-issue REST approach at N = 100, 1,000, 10,000 open bugs (+ N/10 PRs).
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { createInterface } from "node:readline";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import pino from "pino";
import { Probot, ProbotOctokit } from "probot";
import { it } from "vitest";
import { parse } from "yaml";
import { useTransport } from "../src/github/transport.js";
import { configSchema } from "../src/lifecycle/config.js";
import { createRuntime } from "../src/runtime/runtime.js";
import { perIssueSweep } from "./per-issue-sweep.js";

const NOW = new Date("2026-11-18T17:00:00Z");
const CONFIG = `people: { qa: [qa-lead], headOfProduct: product-head }\ngroups: { "#g-mdm": { em: mdm-em, pm: mdm-pm } }\n`;
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
const SIZES = (process.env.SWEEP_BENCH_SIZES ?? "100,1000,10000").split(",").map(Number);
// A full GC before each measurement, so one run's garbage does not count against the next.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

interface Double {
  port: number;
  appId: number;
  due: number;
  count: () => Promise<{ requests: number; writes: number }>;
  stop: () => void;
}

/** The double runs in its own process (bench/sweep-double.mjs on lib/), reached over HTTP like GitHub. */
async function startDouble(n: number): Promise<Double> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ["bench/sweep-double.mjs", String(n)], { stdio: "pipe" });
  child.stderr.pipe(process.stderr);
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => JSON.parse(String((await lines.next()).value)) as Record<string, number>;
  const ready = await next();
  return {
    port: ready.port!,
    appId: ready.appId!,
    due: ready.due!,
    count: async () => (child.stdin.write("count\n"), (await next()) as { requests: number; writes: number }),
    stop: () => void child.stdin.write("quit\n"),
  };
}

interface Figures {
  requests: number;
  writes: number;
  actions: number;
  ms: number;
  peakMb: number;
}

/** Wall time, requests and the peak heap above the starting point while `work` runs (sampled every 5 ms). */
async function measure(n: number, work: (probot: Probot) => Promise<number>): Promise<Figures> {
  const double = await startDouble(n);
  // Probot's pacing (≈1 s between writes) is off for both, or it would dominate every figure.
  const Octokit = ProbotOctokit.defaults((defaults: Record<string, unknown>) => ({ ...defaults, retry: { enabled: false }, throttle: { enabled: false } }));
  const probot = new Probot({ appId: double.appId, privateKey, Octokit, log: pino({ level: "silent" }), baseUrl: `http://127.0.0.1:${double.port}/api/v3` });
  gc();
  const startHeap = process.memoryUsage().heapUsed;
  let peak = startHeap;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  const started = performance.now();
  const actions = await work(probot);
  const ms = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  const { requests, writes } = await double.count();
  double.stop();
  return { requests, writes, actions, ms, peakMb: (peak - startHeap) / 2 ** 20 };
}

const ours = (probot: Probot) =>
  // A new runtime per measurement: its caches start cold, as a new process.
  createRuntime({ env: {}, probot, now: () => NOW, log: pino({ level: "silent" }) }).sweep().then((summary) =>
    Object.values(summary.actions).reduce((sum, count) => sum + count, 0),
  );

const theirs = async (probot: Probot) => {
  // The app's transport too, as our sweep's clients have it: only the pattern of requests differs.
  const octokit = useTransport(await probot.auth(1));
  return (await perIssueSweep(octokit, { owner: "acme", name: "app" }, configSchema.parse(parse(CONFIG)), NOW)).actions;
};

it("sweep: requests, writes, time and memory, ours vs per-issue REST", async () => {
  const rows = [
    "| open bugs + PRs | items acted on (ours / per-issue) | our sweep: requests / writes | per-issue REST: requests / writes | our wall time | per-issue wall time | our peak heap | per-issue peak heap |",
    "|---|---|---|---|---|---|---|---|",
  ];
  // Warm-up: module loading and first-use costs are paid once, not by the first size measured.
  await measure(200, ours);
  await measure(200, theirs);
  for (const n of SIZES) {
    const a = await measure(n, ours);
    const b = await measure(n, theirs);
    const items = `${n.toLocaleString("en-US")} + ${Math.ceil(n / 10).toLocaleString("en-US")}`;
    rows.push(
      `| ${items} | ${a.actions} / ${b.actions} | ${a.requests.toLocaleString("en-US")} / ${a.writes} | ${b.requests.toLocaleString("en-US")} / ${b.writes} | ${(a.ms / 1000).toFixed(1)} s | ${(b.ms / 1000).toFixed(1)} s | ${a.peakMb.toFixed(0)} MB | ${b.peakMb.toFixed(0)} MB |`,
    );
    console.log(rows.at(-1));
  }
  console.log(rows.join("\n"));
});
