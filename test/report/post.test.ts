//! Purpose: the weekly report comment: posted once per ISO week on `report.issue`, checked by marker, never in dry run.
import { describe, expect, it } from "vitest";
import { ProbotOctokit } from "probot";
import { parse } from "yaml";
import { GitHubDouble } from "@bug-lifecycle/github-double";
import { configSchema } from "../../src/lifecycle/config.js";
import { postWeeklyReport, reportKey } from "../../src/report/post.js";
import { botClient } from "./client.js";
import { REPO, seedRepo } from "./seed-repo.js";
import { before, DAY, REPORT_NOW } from "../support/fixtures.js";
import { FLEET_CONFIG } from "../support/fleet.js";

const NOW = REPORT_NOW;
const repo = { owner: "acme", name: "app" };
const config = (extra: Record<string, unknown> = {}) =>
  configSchema.parse({ ...(parse(FLEET_CONFIG) as object), report: { issue: 1000 }, ...extra });

function setup() {
  let clock = NOW;
  const double = new GitHubDouble({ appSlug: "bug-lifecycle", now: () => clock });
  seedRepo(double, { openBugs: 30, closedBugs: 10, openPulls: 3, now: NOW });
  double.addIssue(REPO, { number: 1000, title: "Weekly bug reports", author: "maint", createdAt: "2026-01-01T00:00:00Z" });
  double.resetRecords();
  return { double, octokit: botClient(double), setClock: (at: Date) => (clock = at) };
}

describe("postWeeklyReport", () => {
  it("does nothing, and reads nothing, without report.issue", async () => {
    const { double, octokit } = setup();
    const result = await postWeeklyReport(octokit, repo, config({ report: { issue: null } }), NOW);
    expect(result).toEqual({ posted: false, week: "2026-W47", reason: "no report issue" });
    expect(double.requests).toEqual([]);
  });

  it("posts the markdown report with the week's marker once, whatever the number of sweeps that week", async () => {
    const { double, octokit, setClock } = setup();
    const first = await postWeeklyReport(octokit, repo, config(), NOW);
    expect(first).toEqual({ posted: true, week: "2026-W47" });
    const comments = double.issue(REPO, 1000).comments;
    expect(comments).toHaveLength(1);
    expect(comments[0]?.author).toBe("bug-lifecycle[bot]");
    expect(comments[0]?.body).toContain("## Bug report: acme/app, 2026-W47");
    expect(comments[0]?.body).toContain("<!-- bug-lifecycle:report:2026-W47 -->");
    expect(double.writes()).toHaveLength(1);

    double.resetRecords();
    setClock(new Date(NOW.getTime() + DAY));
    const again = await postWeeklyReport(octokit, repo, config(), new Date(NOW.getTime() + DAY));
    expect(again).toEqual({ posted: false, week: "2026-W47", reason: "already posted" });
    // One read of the tracking issue's latest comments, nothing else.
    expect(double.requests).toHaveLength(1);
    expect(double.issue(REPO, 1000).comments).toHaveLength(1);

    // Monday of the next week (in Los Angeles): a new report.
    const monday = new Date("2026-11-23T17:00:00Z");
    setClock(monday);
    expect(await postWeeklyReport(octokit, repo, config(), monday)).toMatchObject({ posted: true, week: "2026-W48" });
    expect(double.issue(REPO, 1000).comments.map((c) => c.body.match(/report:\d{4}-W\d\d/)?.[0])).toEqual(["report:2026-W47", "report:2026-W48"]);
  });

  it("ignores a person's comment that carries the marker (a copy or a quote)", async () => {
    const { double, octokit } = setup();
    double.addComment(REPO, 1000, { author: "maint", body: `copied <!-- bug-lifecycle:${reportKey(NOW, config())} -->`, createdAt: ago(1) });
    expect(await postWeeklyReport(octokit, repo, config(), NOW)).toMatchObject({ posted: true });
  });

  it("finds this week's report behind more than 100 newer comments, and stops paging at comments older than 8 days", async () => {
    const { double, octokit } = setup();
    for (let i = 0; i < 30; i++) double.addComment(REPO, 1000, { author: "maint", body: `old ${i}`, createdAt: ago(20 - i * 0.1) });
    const week = await postWeeklyReport(octokit, repo, config(), NOW);
    expect(week.posted).toBe(true);
    for (let i = 0; i < 150; i++) double.addComment(REPO, 1000, { author: "maint", body: `chatter ${i}`, createdAt: ago(0.5 - i * 0.001) });
    double.resetRecords();
    expect(await postWeeklyReport(octokit, repo, config(), NOW)).toMatchObject({ posted: false, reason: "already posted" });
    expect(double.requests).toHaveLength(2);
  });

  it("in dry run reads and renders but posts nothing", async () => {
    const { double, octokit } = setup();
    const result = await postWeeklyReport(octokit, repo, config({ dryRun: true }), NOW);
    expect(result).toMatchObject({ posted: false, reason: "dry run", body: expect.stringContaining("report:2026-W47") });
    expect(double.writes()).toEqual([]);
    expect(await postWeeklyReport(octokit, repo, config(), NOW, { dryRun: true })).toMatchObject({ reason: "dry run" });
  });

  // Issue 10: under a personal token the bot's comments are that person's; "already posted" must use the
  // runtime's identity (`self`), or every sweep posts the report again.
  it("under a personal token (self), its own earlier report counts as posted; another person's copy does not", async () => {
    const { double } = setup();
    double.addToken("ghp_sweeper", "sweeper");
    const token = new (ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }))({
      auth: { token: "ghp_sweeper" },
      request: { fetch: double.fetch },
    }) as unknown as ProbotOctokit;
    double.addComment(REPO, 1000, { author: "maint", body: `copied <!-- bug-lifecycle:${reportKey(NOW, config())} -->`, createdAt: ago(1) });
    expect(await postWeeklyReport(token, repo, config(), NOW, { self: "Sweeper" })).toMatchObject({ posted: true });
    expect(await postWeeklyReport(token, repo, config(), NOW, { self: "Sweeper" })).toEqual({ posted: false, week: "2026-W47", reason: "already posted" });
    expect(double.issue(REPO, 1000).comments.map((c) => c.author)).toEqual(["maint", "sweeper"]);
  });

  it("says which issue is missing", async () => {
    const { octokit } = setup();
    await expect(postWeeklyReport(octokit, repo, config({ report: { issue: 4242 } }), NOW)).rejects.toThrow(/acme\/app#4242/);
  });
});

function ago(days: number): string {
  return before(days, 0, NOW).toISOString();
}
