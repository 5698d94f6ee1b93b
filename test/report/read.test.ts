//! Purpose: the report's bulk read against the GitHub double: what it reads, how many requests, and valid documents.
import { describe, expect, it } from "vitest";
import { GitHubDouble, validateGraphql } from "@bug-lifecycle/github-double";
import { configSchema } from "../../src/lifecycle/config.js";
import { computeMetrics } from "../../src/report/metrics.js";
import { moreFactsQuery, REPORT_BUG_NODES, REPORT_BUGS, REPORT_COMMENTS, REPORT_PULLS } from "../../src/report/queries.js";
import { readReportSnapshot } from "../../src/report/read.js";
import { botClient } from "./client.js";
import { REPO, seedRepo } from "./seed-repo.js";
import { DAY, REPORT_NOW } from "../support/fixtures.js";

const NOW = REPORT_NOW;
const config = configSchema.parse({ groups: { "#g-mdm": { em: "mdm-em" }, "#g-orchestration": { em: "orch-em" } } });

describe("GraphQL documents of the report", () => {
  it.each([
    ["ReportBugs, open", REPORT_BUGS, { owner: "o", name: "r", labels: ["bug"], states: ["OPEN"], since: null, after: null }],
    ["ReportBugs, closed since", REPORT_BUGS, { owner: "o", name: "r", labels: ["bug"], states: ["CLOSED"], since: "2026-11-13T18:00:00Z", after: "Y3Vyc29y" }],
    ["ReportMoreFacts, one bug", moreFactsQuery(1), { id0: "I_1", after0: "Y3Vyc29y" }],
    ["ReportMoreFacts, 25 bugs", moreFactsQuery(25), Object.fromEntries(Array.from({ length: 25 }, (_, i) => [[`id${i}`, `I_${i}`], [`after${i}`, null]]).flat())],
    ["ReportPulls", REPORT_PULLS, { owner: "o", name: "r", after: null }],
    ["ReportBugNodes (bugs by type)", REPORT_BUG_NODES, { ids: ["I_1", "I_2"] }],
    ["ReportComments", REPORT_COMMENTS, { owner: "o", name: "r", number: 7, before: null }],
  ])("%s is valid against GitHub's schema", (_name, query, variables) => {
    expect(validateGraphql(query, variables)).toEqual([]);
  });
});

describe("readReportSnapshot", () => {
  function seeded(shape: Partial<Parameters<typeof seedRepo>[1]> = {}) {
    const double = new GitHubDouble({ appSlug: "bug-lifecycle" });
    seedRepo(double, { openBugs: 240, closedBugs: 30, openPulls: 12, now: NOW, ...shape });
    double.resetRecords();
    return double;
  }

  it("reads open bugs, bugs closed since the date, and open PRs in pages of 100: ⌈N/100⌉ requests each", async () => {
    const double = seeded();
    const since = new Date(NOW.getTime() - 7 * DAY);
    const { snapshot, requests } = await readReportSnapshot(botClient(double), { owner: "acme", name: "app" }, config, { closedSince: since, now: () => NOW });
    const bugs = snapshot.items.filter((item) => !item.isPullRequest);
    expect(bugs.filter((item) => item.open)).toHaveLength(240);
    // Bug i closed (i % 80) + 0.5 days ago: of the closed bugs i = 240…269, the 7 with i % 80 < 7 closed this week.
    const closed = bugs.filter((item) => !item.open);
    expect(closed.map((item) => item.closedAt! >= since.toISOString())).toEqual(closed.map(() => true));
    expect(closed).toHaveLength(7);
    expect(snapshot.items.filter((item) => item.isPullRequest)).toHaveLength(12);
    // 3 pages of open bugs, 1 of closed ones, 1 of PRs, and one permission check per non-draft PR author who is not OWNER.
    const graphql = double.requests.filter((r) => r.kind === "graphql");
    expect(graphql.map((r) => r.operationNames?.[0])).toEqual(["repository", "repository", "repository", "repository", "repository"]);
    const permissionChecks = double.requests.filter((r) => r.kind === "rest" && r.path.endsWith("/permission"));
    // And one REST listing each of open and of recently closed bugs by type (docs/issue-types.md): none here.
    expect(double.requests.filter((r) => r.kind === "rest" && !r.path.endsWith("/permission")).map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /repos/acme/app/issues",
      "GET /repos/acme/app/issues",
    ]);
    // Non-draft PRs 1–4, 6–9, 11 are by contributor-1, -2, -3, maint, -6, -0, maint, -2, -4: 7 people, asked once each.
    expect(permissionChecks).toHaveLength(7);
    expect(permissionChecks.every((r) => /\/collaborators\/[^/]+\/permission$/.test(r.path))).toBe(true);
    expect(requests).toBe(double.requests.length);
    expect(graphql.every((r) => r.status === 200)).toBe(true);
    expect(double.writes()).toEqual([]);
  });

  it("turns timeline events into facts, oldest first, with bots told apart and bot logins spelled as REST does", async () => {
    const double = seeded({ openBugs: 10, closedBugs: 0, openPulls: 0 });
    double.addIssue(REPO, {
      number: 500,
      title: "By a bot",
      author: "dependabot[bot]",
      labels: ["bug", "#g-mdm"],
      createdAt: "2026-11-01T00:00:00Z",
      events: [
        { kind: "labeled", actor: "dependabot[bot]", createdAt: "2026-11-01T00:00:00Z", label: "bug" },
        { kind: "labeled", actor: "bug-lifecycle[bot]", createdAt: "2026-11-01T00:00:01Z", label: ":reproduce" },
        { kind: "closed", actor: "maint", createdAt: "2026-11-02T00:00:00Z" },
        { kind: "reopened", actor: "maint", createdAt: "2026-11-03T00:00:00Z" },
        { kind: "assigned", actor: "maint", createdAt: "2026-11-03T00:00:00Z", assignee: "mdm-em" },
        { kind: "unlabeled", actor: "maint", createdAt: "2026-11-04T00:00:00Z", label: ":reproduce" },
        { kind: "labeled", actor: "maint", createdAt: "2026-11-04T00:00:00Z", label: "#g-mdm" },
      ],
    });
    const { snapshot } = await readReportSnapshot(botClient(double), { owner: "acme", name: "app" }, config, { closedSince: null });
    const item = snapshot.items.find((i) => i.number === 500)!;
    expect(item).toMatchObject({ author: "dependabot[bot]", authorIsBot: true, open: true, labels: ["bug", "#g-mdm"], title: "By a bot" });
    expect(item.timeline.map((f) => [f.kind, f.label ?? null, f.actor, f.actorIsBot])).toEqual([
      // Actors spelled as the sweep spells them (src/github/facts.ts): a bot with REST's `[bot]` suffix.
      ["labeled", "bug", "dependabot[bot]", true],
      ["labeled", ":reproduce", "bug-lifecycle[bot]", true],
      ["closed", null, "maint", false],
      ["reopened", null, "maint", false],
      ["unlabeled", ":reproduce", "maint", false],
      ["labeled", "#g-mdm", "maint", false],
    ]);
  });

  it("fetches the rest of long histories in batches of 25 bugs per request", async () => {
    const double = seeded({ openBugs: 200, closedBugs: 0, openPulls: 0, longHistoryEvery: 7 });
    const { snapshot } = await readReportSnapshot(botClient(double), { owner: "acme", name: "app" }, config, { closedSince: null });
    const long = snapshot.items.filter((item) => item.number % 7 === 1);
    expect(long).toHaveLength(29);
    // 2 creation facts + up to 8 state facts + 150 `~needs info` facts: more than one page of 100.
    for (const item of long) expect(item.timeline.filter((f) => f.label === "~needs info")).toHaveLength(150);
    const pages = double.requests.filter((r) => r.kind === "graphql");
    // 2 pages of bugs, then ⌈29 / 25⌉ = 2 follow-ups, then 1 page of PRs.
    expect(pages.map((r) => r.operationNames?.length)).toEqual([1, 1, 25, 4, 1]);
  });

  it("counts bugs by type without the bug label, open and closed since the date, once each (docs/issue-types.md)", async () => {
    const double = seeded({ openBugs: 10, closedBugs: 0, openPulls: 0 });
    double.addIssue(REPO, { title: "typed", labels: [":reproduce"], type: "Bug", createdAt: new Date(NOW.getTime() - 3 * DAY).toISOString() });
    double.addIssue(REPO, { title: "both", labels: ["bug", ":reproduce"], type: "Bug", createdAt: new Date(NOW.getTime() - 3 * DAY).toISOString() });
    double.addIssue(REPO, { title: "feature", labels: [":reproduce"], type: "Feature", createdAt: new Date(NOW.getTime() - 3 * DAY).toISOString() });
    double.addIssue(REPO, { title: "typed, closed", labels: [], type: "Bug", state: "closed", createdAt: new Date(NOW.getTime() - 5 * DAY).toISOString(), closedAt: new Date(NOW.getTime() - 2 * DAY).toISOString() });
    double.resetRecords();
    const since = new Date(NOW.getTime() - 7 * DAY);
    const { snapshot } = await readReportSnapshot(botClient(double), { owner: "acme", name: "app" }, config, { closedSince: since, now: () => NOW });
    const titles = snapshot.items.filter((item) => !item.isPullRequest).map((item) => item.title);
    expect(titles.filter((title) => ["typed", "both", "feature", "typed, closed"].includes(title ?? "")).sort()).toEqual(["both", "typed", "typed, closed"]);
    const metrics = computeMetrics(snapshot, config, NOW, since);
    const plain = computeMetrics({ ...snapshot, items: snapshot.items.filter((item) => !item.type) }, config, NOW, since);
    expect(metrics.all.perState.inbox).toBe((plain.all.perState.inbox ?? 0) + 1);
  });

  it("feeds the metrics: the same counts as the seeded states", async () => {
    const double = seeded({ openBugs: 100, closedBugs: 0, openPulls: 8 });
    const { snapshot } = await readReportSnapshot(botClient(double), { owner: "acme", name: "app" }, config, { closedSince: null });
    const metrics = computeMetrics(snapshot, config, NOW, new Date(NOW.getTime() - 7 * DAY));
    // States cycle in tens: 2 inbox, 2 reproduced, 1 drafting, 2 engineering, 1 awaiting QA, 1 ready, 1 orphan.
    expect(metrics.all.perState).toEqual({ inbox: 20, reproduced: 20, drafting: 10, engineering: 20, "awaiting-qa": 10, "ready-for-release": 10, orphan: 10 });
    // PRs: i % 4 === 0 by maint (0, 4), i % 5 === 0 drafts (0, 5): community, not draft: 1, 2, 3, 6, 7.
    expect(metrics.communityPullRequests.open).toBe(5);
  });

  it("reads each PR's last word: waiting on us when the contributor spoke after the maintainer, not when a maintainer spoke last", async () => {
    const double = seeded({ openBugs: 0, closedBugs: 0, openPulls: 0 });
    double.addCollaborator(REPO, "maint", "write");
    double.addUser("contributor");
    const at = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();
    const waiting = double.addPull(REPO, { author: "contributor", authorAssociation: "CONTRIBUTOR", createdAt: at(10), comments: [{ author: "maint", body: "Please rebase", createdAt: at(6) }] }).number;
    double.addCommit(REPO, waiting, { author: "contributor", committedAt: at(3) });
    double.addPull(REPO, { author: "contributor", authorAssociation: "CONTRIBUTOR", createdAt: at(10), comments: [{ author: "maint", body: "Looking", createdAt: at(2) }] });
    const { snapshot } = await readReportSnapshot(botClient(double), { owner: "acme", name: "app" }, config, { closedSince: null });
    const metrics = computeMetrics(snapshot, config, NOW, new Date(NOW.getTime() - 7 * DAY));
    expect(metrics.communityPullRequests).toMatchObject({ open: 2, waitingOnUs: 1, longestWaitDays: 3, waitingOverdue: 1 });
  });
});
