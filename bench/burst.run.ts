//! Purpose: `npm run bench:burst`: bursts of `/reproduced #g-mdm` at the built server, pacing ON (as in production), against the double over HTTP.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { it } from "vitest";
import { GitHubDouble } from "@bug-lifecycle/github-double";
import { ROOT, startServer, waitFor, type ServerProcess } from "../test/e2e/support/server.js";

const USAGE = join(ROOT, "bench/server-usage.mjs");
const CONFIG = `people: { qa: [qa-lead], headOfProduct: product-head }\ngroups:\n  "#g-mdm": { em: mdm-em, pm: mdm-pm }\n`;
const LABELS = ["bug", ":reproduce", ":product", ":release", "~awaiting QA", "~ready for release", "~needs info", "~critical bug", "#g-mdm"];

interface Burst {
  name: string;
  deliveries: number;
  installations: number;
}

const BURSTS: Burst[] = [
  { name: "40 in one installation", deliveries: 40, installations: 1 },
  { name: "200 in one installation", deliveries: 200, installations: 1 },
  { name: "200 over 10 installations", deliveries: 200, installations: 10 },
];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** The route of a request with numbers and logins folded, so reads group by kind. */
function routeOf(r: { method: string; path: string; operationNames?: string[] }): string {
  if (r.path === "/graphql") return `graphql ${r.operationNames?.join(",") ?? ""}`;
  return `${r.method} ${r.path.replace(/^\/repos\/[^/]+\/[^/]+/, "/repos/{repo}").replace(/\/collaborators\/[^/]+/, "/collaborators/{login}").replace(/\d+/g, "N")}`;
}

async function run(burst: Burst) {
  const double = new GitHubDouble({ appSlug: "bug-lifecycle" });
  const perRepo = burst.deliveries / burst.installations;
  const repos = Array.from({ length: burst.installations }, (_, i) => `org${i}/app`);
  const deliveries = [];
  for (const repo of repos) {
    double.addRepo(repo, { labels: LABELS });
    double.setFile(repo, ".github/bug-lifecycle.yml", CONFIG);
    for (const login of ["qa-lead", "mdm-em", "mdm-pm", "product-head"]) double.addCollaborator(repo, login, "write");
    // A triage meeting: every delivery is a different maintainer's command on a different inbox bug.
    for (let i = 0; i < perRepo; i += 1) {
      const login = `maint-${i}`;
      double.addCollaborator(repo, login, "write");
      const number = double.addIssue(repo, { title: `Crash ${i}`, author: "reporter", labels: ["bug", ":reproduce"] }).number;
      deliveries.push(double.payload("issue_comment.created", { repo, actor: login, number, body: "/reproduced #g-mdm" }));
    }
  }
  double.resetRecords();
  const listening = await double.listen();
  const dir = mkdtempSync(join(tmpdir(), "bench-burst-"));
  const file = join(dir, "usage.jsonl");
  // Pacing ON: no NO_PACING preload, so Probot's throttling paces writes and GraphQL ≥ 1 s per installation.
  const server: ServerProcess = await startServer({ appId: double.appId, gheHost: `127.0.0.1:${listening.port}`, preloads: [USAGE], env: { BENCH_USAGE_FILE: file }, logLevel: "warn", logs: "ignore" });
  double.onWebhook(async (name, payload, event) => void (await server.send({ id: event.id, name, payload })));
  try {
    const started = Date.now();
    const answers = await Promise.all(deliveries.map((d) => server.send(d)));
    await waitFor(async () => {
      await double.settled();
      const stats = (await (await fetch(`${server.url}/bug-lifecycle/queue`)).json()) as Record<string, number>;
      return (stats.waiting ?? 0) + (stats.running ?? 0) + (stats.retrying ?? 0) === 0 ? stats : undefined;
    }, 15 * 60_000, "the burst to land");
    const made = double.requests.filter((r) => !r.path.endsWith("/access_tokens"));
    const transitions = made.filter((r) => r.write && r.operationNames?.includes("addLabelsToLabelable") && r.status === 200);
    const landedS = (Math.max(...transitions.map((r) => r.at)) - started) / 1000;
    // GitHub's guidance, one write a second per installation: the busiest installation's writes, 1 s apart.
    const floorS = perRepo;
    const reads = new Map<string, number>();
    for (const r of made.filter((r) => !r.write)) reads.set(routeOf(r), (reads.get(routeOf(r)) ?? 0) + 1);
    server.child.kill("SIGUSR2");
    const usage = await waitFor(() => {
      try {
        const line = readFileSync(file, "utf8").trim().split("\n").filter(Boolean)[0];
        return line ? (JSON.parse(line) as { maxRssKb: number }) : undefined;
      } catch {
        return undefined;
      }
    }, 5_000, "the usage line");
    const landed = deliveries.filter((d) => {
      const payload = d.payload as { repository: { full_name: string }; issue: { number: number } };
      return double.issue(payload.repository.full_name, payload.issue.number).labels.includes("#g-mdm");
    }).length;
    return {
      burst,
      p50: percentile(answers.map((a) => a.ms), 50),
      p99: percentile(answers.map((a) => a.ms), 99),
      statuses: [...new Set(answers.map((a) => a.status))].join(","),
      landed,
      landedS,
      floorS,
      writes: made.filter((r) => r.write).length,
      reads,
      readsPerRepo: [...reads.values()].reduce((a, b) => a + b, 0) / burst.installations,
      rssMb: usage.maxRssKb / 1024,
    };
  } finally {
    await server.stop();
    await listening.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

it("burst: answers, time until every transition landed vs the pacing floor, reads by route, writes, peak RSS", async () => {
  const only = process.env.BENCH_BURSTS?.split(",").map(Number);
  const results = [];
  for (const [i, burst] of BURSTS.entries()) if (!only || only.includes(i)) results.push(await run(burst));
  const lines = [
    "| burst | answers | p50 answer | p99 answer | landed | all landed after | pacing floor | × floor | writes | reads per repository | peak RSS |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const r of results) {
    lines.push(
      `| ${r.burst.name} | ${r.statuses} | ${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms | ${r.landed}/${r.burst.deliveries} | ${r.landedS.toFixed(1)} s | ${r.floorS} s | ${(r.landedS / r.floorS).toFixed(2)} | ${r.writes} | ${r.readsPerRepo.toFixed(1)} | ${r.rssMb.toFixed(0)} MB |`,
    );
  }
  lines.push("", "Reads by route (all repositories):");
  for (const r of results) lines.push(`- ${r.burst.name}: ${[...r.reads].map(([route, n]) => `${route} ×${n}`).join("; ")}`);
  console.log(lines.join("\n"));
}, 30 * 60_000);
