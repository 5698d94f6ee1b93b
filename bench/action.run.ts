//! Purpose: `npm run bench:action`: the built Action (dist/action.mjs) from process start to its first write, against the double over HTTP, N runs per event.
import { it } from "vitest";
import { GitHubDouble } from "@bug-lifecycle/github-double";
import { FLEET_CONFIG, FLEET_LABELS, REPO } from "../test/support/fleet.js";
import { runAction } from "../test/action/support/run-action.js";

const RUNS = Number(process.env.ACTION_BENCH_RUNS ?? 10);
const DAY = 86_400_000;
const ago = (days: number, seconds = 0) => new Date(Date.now() - days * DAY + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
const BOT = "github-actions[bot]";

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

function line(name: string, values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const f = (v: number) => `${Math.round(v)} ms`;
  return `| ${name} | ${values.length} | ${f(sorted[0]!)} | ${f(quantile(sorted, 0.5))} | ${f(quantile(sorted, 0.9))} | ${f(sorted.at(-1)!)} |`;
}

it("dist/action.mjs: process start → first write", async () => {
  const double = new GitHubDouble({ appSlug: "github-actions" });
  double.addRepo(REPO, { labels: FLEET_LABELS });
  for (const login of ["maint", "qa-lead", "mdm-em", "mdm-pm"]) double.addCollaborator(REPO, login, "write");
  double.addUser("reporter");
  double.setFile(REPO, ".github/bug-lifecycle.yml", FLEET_CONFIG);
  const listening = await double.listen();
  const token = double.installationToken();
  const firstWrite: Record<string, number[]> = { comment: [], schedule: [] };
  const exit: Record<string, number[]> = { comment: [], schedule: [] };
  // One run before measuring: the runner's disk cache holds the bundle on a warm runner too.
  for (let i = 0; i <= RUNS; i++) {
    const { number } = double.addIssue(REPO, {
      title: `Bug ${i}`,
      author: "reporter",
      createdAt: ago(20),
      labels: ["bug", ":reproduce"],
      events: [{ kind: "labeled", actor: BOT, createdAt: ago(20, 1), label: ":reproduce" }],
    });
    const { payload } = double.payload("issue_comment.created", { repo: REPO, actor: "qa-lead", number, body: "/reproduced #g-mdm" });
    for (const [kind, event, body] of [
      ["comment", "issue_comment", payload],
      ["schedule", "schedule", { schedule: "17 * * * *" }],
    ] as const) {
      if (kind === "schedule") {
        double.addIssue(REPO, {
          title: `Waiting ${i}`,
          author: "reporter",
          createdAt: ago(20),
          labels: ["bug", ":reproduce", "~needs info"],
          comments: [{ author: "qa-lead", body: "/needs-info", createdAt: ago(15) }],
          events: [{ kind: "labeled", actor: BOT, createdAt: ago(15, 1), label: "~needs info" }],
        });
      }
      const from = double.requests.length;
      const run = await runAction({ api: listening.url, token, repository: REPO, event, payload: body });
      if (run.code !== 0) throw new Error(`run failed: ${run.stdout}${run.stderr}`);
      const write = double.requests.slice(from).find((request) => request.write);
      if (!write) throw new Error(`${kind}: no write`);
      if (i === 0) continue;
      firstWrite[kind]!.push(write.at - run.startedAt);
      exit[kind]!.push(run.ms);
    }
  }
  await listening.close();
  console.log(
    [
      `node ${process.version}, ${RUNS} runs each after one unmeasured run`,
      "| measure | runs | min | median | p90 | max |",
      "|---|---|---|---|---|---|",
      line("`/reproduced #g-mdm` (issue_comment): start → first write", firstWrite.comment!),
      line("`/reproduced #g-mdm`: start → exit", exit.comment!),
      line("schedule, one reminder due: start → first write", firstWrite.schedule!),
      line("schedule: start → exit", exit.schedule!),
    ].join("\n"),
  );
});
