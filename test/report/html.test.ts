//! Purpose: the HTML report in headless Chromium: no console error, no network, charts drawn with the expected series; saves a screenshot (docs/report.png on request).
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { GitHubDouble } from "@bug-lifecycle/github-double";
import { configSchema } from "../../src/lifecycle/config.js";
import { BUG_STATES } from "../../src/lifecycle/types.js";
import { chartJsSource } from "../../src/report/chart-library.js";
import { STATE_NAMES } from "../../src/report/format.js";
import { CHART_IDS, renderHtml } from "../../src/report/html.js";
import { readReportSnapshot } from "../../src/report/read.js";
import { buildReport, historyStart } from "../../src/report/report.js";
import { launchChromium } from "../support/browser.js";
import { botClient } from "./client.js";
import { seedRepo } from "./seed-repo.js";
import { before, REPORT_NOW } from "../support/fixtures.js";

// docs/reports.md's picture is refreshed on request (`REPORT_SCREENSHOT=docs/report.png npx vitest run test/report/html.test.ts`);
// a plain test run must not leave the tree modified.
const SCREENSHOT = process.env.REPORT_SCREENSHOT ?? join(tmpdir(), `bug-lifecycle-report-${process.pid}.png`);

const NOW = REPORT_NOW;
const SINCE = before(7, 0, NOW);
const config = configSchema.parse({ groups: { "#g-mdm": { em: "mdm-em" }, "#g-orchestration": { em: "orch-em" } } });

interface ChartSeen {
  id: string;
  type: string;
  labels: unknown[];
  datasets: Array<{ label: string; data: unknown[] }>;
  drawn: boolean;
}

describe("HTML report in headless Chromium", () => {
  let launched: Promise<Browser> | undefined;

  /** Each test fails (never skips) without Chromium: a skipped browser test would let a broken page through. */
  function browser(): Promise<Browser> {
    // Debian's /usr/bin/chromium when present, else the one inside @sparticuz/chromium (test/support/browser.ts).
    launched ??= launchChromium().then(({ browser: started, found }) => {
      console.log(`html report test: Chromium from ${found.source} (${found.executablePath}), ${started.version()}`);
      return started;
    });
    return launched;
  }

  afterAll(async () => {
    await (await launched?.catch(() => undefined))?.close();
  });

  it("renders both charts from Chart.js with the report's series, offline and without console errors", async () => {
    const chromiumBrowser = await browser();
    const double = new GitHubDouble({ appSlug: "bug-lifecycle" });
    seedRepo(double, { openBugs: 400, closedBugs: 120, openPulls: 25, now: NOW });
    const { snapshot } = await readReportSnapshot(botClient(double), { owner: "acme", name: "app" }, config, { closedSince: historyStart(NOW), now: () => NOW });
    const report = buildReport(snapshot, config, NOW, SINCE);
    // The weekly history is rebuilt from label facts; its last point must agree with today's labels.
    expect(BUG_STATES.map((state) => report.history.perState[state].at(-1))).toEqual(BUG_STATES.map((state) => report.metrics.all.perState[state]));
    const html = renderHtml(report, config.timezone, chartJsSource());

    const page = await chromiumBrowser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await page.route("**/*", async (route) => {
      requests.push(route.request().url());
      await route.abort();
    });
    await page.setContent(html, { waitUntil: "load" });

    const charts = await page.evaluate(() => {
      const Chart = (window as unknown as { Chart: { instances: Record<string, any> } }).Chart;
      return Object.values(Chart.instances).map((chart) => ({
        id: chart.canvas.id as string,
        type: chart.config.type as string,
        labels: chart.data.labels as unknown[],
        datasets: (chart.data.datasets as Array<{ label: string; data: unknown[] }>).map((d) => ({ label: d.label, data: d.data })),
        // A drawn chart has laid out its scales and has a canvas with pixels.
        drawn: chart.chartArea.width > 100 && chart.canvas.width > 0,
      }));
    });
    const states = BUG_STATES.map((state) => STATE_NAMES[state]);
    expect(charts).toHaveLength(2);
    const byId = Object.fromEntries(charts.map((chart: ChartSeen) => [chart.id, chart]));
    expect(byId[CHART_IDS.states]).toEqual({
      id: CHART_IDS.states,
      type: "line",
      labels: report.history.weeks,
      datasets: BUG_STATES.map((state, i) => ({ label: states[i], data: report.history.perState[state] })),
      drawn: true,
    });
    expect(byId[CHART_IDS.states]?.labels).toHaveLength(12);
    expect(byId[CHART_IDS.timeInState]).toEqual({
      id: CHART_IDS.timeInState,
      type: "bar",
      labels: ["#g-mdm", "#g-orchestration", "(no group)"],
      datasets: BUG_STATES.map((state, i) => ({ label: states[i], data: report.timeInState.perState[state] })),
      drawn: true,
    });
    expect(await page.locator("h1").textContent()).toBe("Bug report: acme/app, 2026-W47");
    expect(await page.locator("section", { hasText: "Orphans (40)" }).locator("tr").count()).toBe(41);

    await page.screenshot({ path: SCREENSHOT });
    await page.close();
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  }, 90_000);

  it("escapes people's text: a title cannot inject markup or end the data script", async () => {
    const chromiumBrowser = await browser();
    const double = new GitHubDouble({ appSlug: "bug-lifecycle" });
    seedRepo(double, { openBugs: 0, closedBugs: 0, openPulls: 0, now: NOW });
    double.addIssue("acme/app", { title: `</script><script>window.pwned = 1</script><img src=x onerror="window.pwned=2">`, labels: ["bug"], createdAt: "2026-11-01T00:00:00Z" });
    const { snapshot } = await readReportSnapshot(botClient(double), { owner: "acme", name: "app" }, config, { closedSince: null });
    const html = renderHtml(buildReport(snapshot, config, NOW, SINCE), config.timezone, chartJsSource());
    const page = await chromiumBrowser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.route("**/*", (route) => route.abort());
    await page.setContent(html, { waitUntil: "load" });
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator("section", { hasText: "Orphans (1)" }).locator("td").nth(1).textContent()).toContain("</script><script>");
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
