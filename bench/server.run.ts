//! Purpose: `npm run bench:server`: thousands of signed deliveries to the built server over loopback, next to a bare Probot app.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { it } from "vitest";
import { GitHubDouble, type PayloadName, type PersonAction } from "@bug-lifecycle/github-double";
import { APP_ENTRY, NO_PACING, ROOT, startServer, waitFor, type ServerProcess } from "../test/e2e/support/server.js";

const REPO = "acme/app";
const ISSUES = Number(process.env.BENCH_ISSUES ?? 300);
const WARMUP_ISSUES = 20;
/** Issues worked on at once: each has one delivery in flight, as people wait to see the bot act. */
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 16);
/** `info` is what a deployment runs (docs/deploying.md); `warn` shows what logging costs. */
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? "info";
const USAGE = join(ROOT, "bench/server-usage.mjs");
const BARE = join(ROOT, "bench/server-bare-app.mjs");
const BARE_TRANSPORT = join(ROOT, "bench/server-bare-transport.mjs");
const CONFIG = `people: { qa: [qa-lead], headOfProduct: product-head }\ngroups:\n  "#g-mdm": { em: mdm-em, pm: mdm-pm }\n  "#g-orchestration": { em: orch-em, pm: orch-pm }\n`;

type Step = [PayloadName, Omit<PersonAction, "repo" | "number">];
/** One bug's life in ten deliveries: commands, hand label edits, and comments that are only conversation. */
const SCRIPT: Step[] = [
  ["issues.opened", { actor: "reporter", labels: ["bug"], title: "Crash", body: "Steps…" }],
  ["issue_comment.created", { actor: "qa-lead", body: "/reproduced #g-mdm" }],
  ["issue_comment.created", { actor: "someone", body: "Same here on 4.60" }],
  ["issues.labeled", { actor: "mdm-em", label: ":release" }],
  ["issue_comment.created", { actor: "reporter", body: "/why" }],
  ["issues.labeled", { actor: "maint", label: "customer-acme" }],
  ["issue_comment.created", { actor: "mdm-em", body: "/fixed" }],
  ["issue_comment.created", { actor: "qa-lead", body: "/qa-passed" }],
  ["issues.unlabeled", { actor: "maint", label: "customer-acme" }],
  ["issue_comment.created", { actor: "maint", body: "/group #g-orchestration" }],
];

interface Usage {
  userUs: number;
  systemUs: number;
  maxRssKb: number;
}

interface Run {
  name: string;
  deliveries: number;
  seconds: number;
  latencies: number[];
  cpuMs: number;
  peakRssMb: number;
  failed: number;
  botWebhooks: number;
  /** API requests the server made per delivery (token minting left out). */
  requests: number;
}

function world(): GitHubDouble {
  const double = new GitHubDouble({ appSlug: "bug-lifecycle" });
  double.addRepo(REPO, { labels: ["bug", ":reproduce", ":product", ":release", "~awaiting QA", "~ready for release", "~needs info", "~critical bug", "#g-mdm", "#g-orchestration", "customer-acme"] });
  for (const login of ["maint", "qa-lead", "mdm-em", "mdm-pm", "orch-em", "orch-pm", "product-head"]) double.addCollaborator(REPO, login, "write");
  double.setFile(REPO, ".github/bug-lifecycle.yml", CONFIG);
  return double;
}

/** Plays SCRIPT on `count` new issues, `IN_FLIGHT` issues at a time; each issue's next step waits for the answer to its last. */
async function load(double: GitHubDouble, server: ServerProcess, count: number, latencies: number[]): Promise<number> {
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      let number = 0;
      for (const [name, action] of SCRIPT) {
        const delivery = double.payload(name, { repo: REPO, ...action, ...(number ? { number } : {}) });
        if (!number) number = Number((delivery.payload.issue as { number: number }).number);
        const answer = await server.send(delivery);
        latencies.push(answer.ms);
        if (answer.status !== 200) failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return failed;
}

async function usage(server: ServerProcess, file: string, lines: number): Promise<Usage> {
  server.child.kill("SIGUSR2");
  const read = () => readFileSync(file, "utf8").trim().split("\n").filter(Boolean);
  return waitFor(() => (safe(read).length >= lines ? (JSON.parse(read()[lines - 1]!) as Usage) : undefined), 5_000, "the server's usage line");
}

function safe<T>(fn: () => T[]): T[] {
  try {
    return fn();
  } catch {
    return [];
  }
}

async function measure(name: string, entry: string, options: { loopBack?: boolean } = {}): Promise<Run> {
  const double = world();
  const listening = await double.listen();
  const dir = mkdtempSync(join(tmpdir(), "bench-server-"));
  const file = join(dir, "usage.jsonl");
  const server = await startServer({
    appId: double.appId,
    gheHost: `127.0.0.1:${listening.port}`,
    entry,
    preloads: [NO_PACING, USAGE],
    env: { BENCH_USAGE_FILE: file, ...(process.env.BENCH_CPU_PROF ? { BENCH_CPU_PROF: process.env.BENCH_CPU_PROF } : {}) },
    logLevel: LOG_LEVEL,
    logs: "ignore",
  });
  let botWebhooks = 0;
  if (options.loopBack) {
    double.onWebhook(async (eventName, payload, event) => {
      botWebhooks++;
      await server.send({ id: event.id, name: eventName, payload });
    });
  }
  try {
    // Warm-up: token, config and permission caches, JIT. Not measured.
    await load(double, server, WARMUP_ISSUES, []);
    await double.settled();
    botWebhooks = 0;
    double.resetRecords();
    const before = await usage(server, file, 1);
    const latencies: number[] = [];
    const started = performance.now();
    const failed = await load(double, server, ISSUES, latencies);
    await double.settled();
    const seconds = (performance.now() - started) / 1000;
    const after = await usage(server, file, 2);
    const cpuMs = (after.userUs + after.systemUs - before.userUs - before.systemUs) / 1000;
    const made = double.requests.filter((r) => !r.path.endsWith("/access_tokens"));
    const requests = made.length / latencies.length;
    if (process.env.BENCH_REQUESTS) {
      const kinds = new Map<string, number>();
      for (const r of made) {
        const kind = `${r.method} ${r.path.replace(/\d+/g, "N")} ${r.operationNames?.join(",") ?? ""}`;
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
      console.log(name, Object.fromEntries(kinds));
    }
    return { name, deliveries: latencies.length, seconds, latencies, cpuMs, peakRssMb: after.maxRssKb / 1024, failed, botWebhooks, requests };
  } finally {
    await server.stop();
    await listening.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

it("server: throughput, latency, CPU per event and peak memory, next to a bare Probot app", async () => {
  const runs = [
    await measure("bare Probot app (1 REST read per event)", BARE),
    await measure("bare Probot app, its read through bug-lifecycle's transport", BARE_TRANSPORT),
    await measure("bug-lifecycle", APP_ENTRY),
    await measure("bug-lifecycle + its own webhooks looped back", APP_ENTRY, { loopBack: true }),
  ];
  const bare = runs[0]!;
  const lines = [
    `${ISSUES} issues × ${SCRIPT.length} deliveries, ${IN_FLIGHT} issues in flight, after ${WARMUP_ISSUES * SCRIPT.length} warm-up deliveries, LOG_LEVEL=${LOG_LEVEL}`,
    "",
    "| server | deliveries/s | p50 answer | p99 answer | CPU per delivery | vs bare | API requests per delivery | peak RSS | non-200 |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  for (const run of runs) {
    const perEvent = run.cpuMs / run.deliveries;
    const extra = run.botWebhooks ? ` (+${run.botWebhooks} bot webhooks)` : "";
    lines.push(
      `| ${run.name} | ${(run.deliveries / run.seconds).toFixed(0)}${extra} | ${percentile(run.latencies, 50).toFixed(1)} ms | ${percentile(run.latencies, 99).toFixed(1)} ms | ${perEvent.toFixed(2)} ms | ${(perEvent / (bare.cpuMs / bare.deliveries)).toFixed(2)}× | ${run.requests.toFixed(2)} | ${run.peakRssMb.toFixed(0)} MB | ${run.failed} |`,
    );
  }
  console.log(lines.join("\n"));
});
