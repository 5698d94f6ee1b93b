//! Purpose: `npm run bench:report`: requests and time of a report on 1,000 and 10,000 open bugs, against the GitHub double.
import { it } from "vitest";
import { runReport } from "../src/cli/report.js";
import { GitHubDouble } from "@bug-lifecycle/github-double";
import { configSchema } from "../src/lifecycle/config.js";
import { chartJsSource } from "../src/report/chart-library.js";
import { renderHtml } from "../src/report/html.js";
import { renderMarkdown } from "../src/report/markdown.js";
import { readReportSnapshot } from "../src/report/read.js";
import { buildReport, historyStart } from "../src/report/report.js";
import { botClient } from "../test/report/client.js";
import { seedRepo } from "../test/report/seed-repo.js";

const NOW = new Date("2026-11-20T18:00:00Z");
const SINCE = new Date(NOW.getTime() - 7 * 86_400_000);
const config = configSchema.parse({ people: { qa: ["qa-lead"] }, groups: { "#g-mdm": { em: "mdm-em" }, "#g-orchestration": { em: "orch-em" } } });

function seeded(n: number): GitHubDouble {
  const double = new GitHubDouble({ appSlug: "bug-lifecycle" });
  // 10% as many bugs closed in the last 12 weeks, 1% with histories longer than a page, 200 open PRs by 8 people.
  seedRepo(double, { openBugs: n, closedBugs: n / 10, openPulls: 200, longHistoryEvery: 100, now: NOW });
  double.addToken("ghp_bench", "maint");
  double.resetRecords();
  return double;
}

function describeRequests(double: GitHubDouble): string {
  const graphql = double.requests.filter((r) => r.kind === "graphql");
  const followUps = graphql.filter((r) => (r.operationNames?.length ?? 0) > 1).length;
  const rest = double.requests.length - graphql.length;
  return `${double.requests.length} (${graphql.length - followUps} pages, ${followUps} history follow-ups, ${rest} REST)`;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

it("report on 1,000 and 10,000 open bugs", async () => {
  const lines = [
    "| open bugs | closed (12 weeks) | requests, md (pages, follow-ups, REST) | requests, html | read, in process | metrics + history | render md / html | html size | CLI over HTTP, md |",
    "|---:|---:|---|---|---:|---:|---:|---:|---:|",
  ];
  for (const n of [1_000, 10_000]) {
    // md and csv: bugs closed this week only.
    const weekly = seeded(n);
    await readReportSnapshot(botClient(weekly), { owner: "acme", name: "app" }, config, { closedSince: SINCE, now: () => NOW });
    const weeklyRequests = describeRequests(weekly);

    // html and json: 12 weeks of closed bugs, for the charts.
    const double = seeded(n);
    let started = performance.now();
    const { snapshot } = await readReportSnapshot(botClient(double), { owner: "acme", name: "app" }, config, { closedSince: historyStart(NOW), now: () => NOW });
    const read = performance.now() - started;
    const htmlRequests = double.requests.length;
    started = performance.now();
    const report = buildReport(snapshot, config, NOW, SINCE);
    const compute = performance.now() - started;
    started = performance.now();
    renderMarkdown(report.metrics, config.timezone);
    const md = performance.now() - started;
    started = performance.now();
    const html = renderHtml(report, config.timezone, chartJsSource());
    const page = performance.now() - started;

    // The CLI as a person runs it: over HTTP, Probot's client (which spaces GraphQL requests 1 s apart).
    const server = await double.listen();
    const env = { GHE_HOST: server.url.replace("http://", ""), GHE_PROTOCOL: "http", GITHUB_TOKEN: "ghp_bench" };
    started = performance.now();
    const code = await runReport(["acme/app", "--format", "md"], { stdout: () => undefined, stderr: () => undefined }, env, () => NOW);
    const cli = performance.now() - started;
    await server.close();
    if (code !== 0) throw new Error(`report exited ${code}`);

    lines.push(
      `| ${n.toLocaleString("en-US")} | ${n / 10} | ${weeklyRequests} | ${htmlRequests} | ${seconds(read)} | ${Math.round(compute)} ms | ${Math.round(md)} / ${Math.round(page)} ms | ${Math.round(html.length / 1024)} KiB | ${seconds(cli)} |`,
    );
  }
  console.log(lines.join("\n"));
});
