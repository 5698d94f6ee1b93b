//! Purpose: `npm run bench:adopt`: `bug-lifecycle adopt` on a repository of 5,000 open items over HTTP: the preview's time and requests, and --apply's pace against GitHub's content limits.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GitHubDouble } from "@bug-lifecycle/github-double";
import { it } from "vitest";
import { seedAdoption } from "../test/support/adopt-seed.js";
import { rsaKey } from "../test/support/fixtures.js";
import { seedWorld } from "../test/support/world.js";
import type { AdoptPreview } from "../src/adopt/preview.js";

const REPO = "acme/app";
const BIN = join(import.meta.dirname, "../lib/cli/main.js");
const ITEMS = Number(process.env.ADOPT_BENCH_ITEMS ?? 5_000);
/** How long --apply runs before it is stopped (its pace is what is measured). */
const APPLY_SECONDS = Number(process.env.ADOPT_BENCH_APPLY_SECONDS ?? 60);

function run(args: string[], env: Record<string, string>, stopAfterMs?: number): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], { cwd: mkdtempSync(join(tmpdir(), "adopt-bench-")), env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const timer = stopAfterMs === undefined ? undefined : setTimeout(() => child.kill("SIGINT"), stopAfterMs);
  return new Promise((done) =>
    child.once("close", (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, ms: performance.now() - started });
    }),
  );
}

const minutes = (s: number) => (s >= 3600 ? `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min` : `${(s / 60).toFixed(1)} min`);

it(`adopt on ${ITEMS} open items`, async () => {
  const double = new GitHubDouble({ appSlug: "bug-lifecycle" });
  seedWorld(double, { labels: ["bug", ":reproduce", ":product", ":release", "~awaiting QA", "~ready for release", "~needs info", "#g-mdm", "#g-orchestration", "#g-web"] });
  const pulls = Math.round(ITEMS / 25);
  const seededAt = performance.now();
  seedAdoption(double, { bugs: ITEMS - pulls, pulls, now: new Date() });
  console.log(`seeded ${ITEMS - pulls} bugs and ${pulls} PRs in ${((performance.now() - seededAt) / 1000).toFixed(1)} s`);
  const server = await double.listen();
  const env = { GHE_HOST: `127.0.0.1:${server.port}`, GHE_PROTOCOL: "http", APP_ID: String(double.appId), PRIVATE_KEY: rsaKey(), LOG_LEVEL: "warn" };
  try {
    double.resetRecords();
    const preview = await run(["adopt", "--repo", REPO, "--format", "json"], env);
    if (preview.code !== 0) throw new Error(preview.stderr);
    const parsed = JSON.parse(preview.stdout) as AdoptPreview;
    const graphql = double.requests.filter((r) => r.kind === "graphql" && !r.write).length;
    const rest = double.requests.filter((r) => r.kind === "rest").length;
    const repairs = parsed.totals.repairs;
    console.log(preview.stderr.trim().split("\n").at(-1));

    const html = await run(["adopt", "--repo", REPO, "--format", "html"], env);
    const md = await run(["adopt", "--repo", REPO], env);

    double.resetRecords();
    const applied = await run(["adopt", "--repo", REPO, "--apply"], env, APPLY_SECONDS * 1000);
    const writes = double.writes();
    const span = writes.length > 1 ? (writes.at(-1)!.at - writes[0]!.at) / 1000 : 0;
    const perMinute = span ? ((writes.length - 1) / span) * 60 : 0;
    // Projection: at this pace until the hour's 500, then 500 an hour.
    const hours = Math.floor(Math.max(repairs - 1, 0) / 500);
    const rest500 = repairs - hours * 500;
    const projected = hours * 3600 + (perMinute ? (rest500 / perMinute) * 60 : 0);
    console.log(applied.stderr.trim().split("\n").slice(-6).join("\n"));
    console.log(
      [
        "| open items | preview, json (CLI over HTTP) | requests: GraphQL pages / REST | repairs | first-sweep writes | left for a person | html / md | --apply: writes in the run's first 60 s (paced) | --apply: all repairs, projected |",
        "|---:|---:|---|---:|---:|---:|---:|---:|---|",
        `| ${ITEMS} | ${(preview.ms / 1000).toFixed(1)} s | ${graphql} / ${rest} | ${repairs} | ${Object.values(parsed.totals.sweep).reduce((a, b) => a + b, 0)} | ${parsed.items.filter((e) => e.attention.length).length} | ${(html.ms / 1000).toFixed(1)} s (${(html.stdout.length / 1e6).toFixed(1)} MB) / ${(md.ms / 1000).toFixed(1)} s | ${writes.length} (${perMinute.toFixed(0)} a minute) | ${repairs} writes: ${minutes(projected)} (500 an hour after the first ${Math.min(repairs, 500)}) |`,
      ].join("\n"),
    );
  } finally {
    await server.close();
  }
});
