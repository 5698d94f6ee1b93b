//! Purpose: every docs/contract.md §8 metric against hand-checked values: one table per metric, one row per case.
import { describe, expect, it } from "vitest";
import type { TrackedItem } from "../../src/lifecycle/repo-snapshot.js";
import { computeMetrics, NO_GROUP, type Metrics } from "../../src/report/metrics.js";
import { NOW, SINCE, ago, bug, closed, config, labeled, pull, snapshot } from "./fixtures.js";

const metricsOf = (items: TrackedItem[]): Metrics => computeMetrics(snapshot(items), config, NOW, SINCE);

describe("counts this week", () => {
  it.each<[string, TrackedItem[], number, number]>([
    ["nothing read", [], 0, 0],
    [
      "opened inside the window, open or already closed; the window's edges are inclusive",
      [
        bug(["bug", ":reproduce"], { created: 1 }),
        bug(["bug", ":reproduce"], { created: 7 }),
        bug(["bug", ":reproduce"], { created: 7.5 }),
        bug(["bug", "#g-mdm"], { created: 3, closed: 1 }),
      ],
      3,
      1,
    ],
    [
      "closed before the window, PRs and issues that are not bugs do not count",
      [
        bug(["bug"], { created: 20, closed: 8 }),
        bug(["bug"], { created: 20, closed: 6.5 }),
        bug(["enhancement"], { created: 1, closed: 1 }),
        pull({ created: 1, closed: true }),
      ],
      0,
      1,
    ],
  ])("%s", (_name, items, opened, closedCount) => {
    const { all } = metricsOf(items);
    expect([all.openedThisWeek, all.closedThisWeek]).toEqual([opened, closedCount]);
  });
});

describe("open bugs per state", () => {
  it.each<[string, TrackedItem[], Record<string, number>, number]>([
    [
      "one in each state; a closed bug is in none",
      [
        bug(["bug", ":reproduce"], { created: 1 }),
        bug(["bug", "#g-mdm"], { created: 1, assignees: ["mdm-em"] }),
        bug(["bug", ":product", "#g-mdm"], { created: 1 }),
        bug(["bug", ":release", "#g-mdm"], { created: 1 }),
        bug(["bug", ":release", "~awaiting QA"], { created: 1 }),
        bug(["bug", ":release", "~ready for release"], { created: 1 }),
        bug(["bug"], { created: 1 }),
        bug(["bug", ":reproduce"], { created: 2, closed: 1 }),
      ],
      { inbox: 1, reproduced: 1, drafting: 1, engineering: 1, "awaiting-qa": 1, "ready-for-release": 1, orphan: 1 },
      7,
    ],
    [
      "conflicting state labels count once, in the furthest state",
      [bug(["bug", ":reproduce", ":release"], { created: 1 }), bug(["bug", ":reproduce", ":product"], { created: 1 })],
      { inbox: 0, reproduced: 0, drafting: 1, engineering: 1, "awaiting-qa": 0, "ready-for-release": 0, orphan: 0 },
      2,
    ],
  ])("%s", (_name, items, perState, open) => {
    const { all } = metricsOf(items);
    expect(all.perState).toEqual(perState);
    expect(all.open).toBe(open);
  });
});

describe("orphans and reproduced orphans", () => {
  it.each<[string, TrackedItem[], number[], number[]]>([
    [
      "no state label and no group is an orphan; reproduced or later without an assignee is a reproduced orphan",
      [
        bug(["bug"], { created: 5 }, 101),
        bug(["bug", "~critical bug"], { created: 9 }, 102),
        bug(["bug", "#g-mdm"], { created: 3 }, 103),
        bug(["bug", "#g-mdm"], { created: 3, assignees: ["mdm-em"] }, 104),
        bug(["bug", ":release"], { created: 4 }, 105),
        bug(["bug", ":reproduce"], { created: 4 }, 106),
        bug(["bug", ":product"], { created: 8 }, 107),
        bug(["bug", "#g-mdm"], { created: 3, closed: 1 }, 108),
      ],
      [102, 101],
      [107, 105, 103],
    ],
  ])("%s (listed oldest first, with links)", (_name, items, orphans, reproduced) => {
    const metrics = metricsOf(items);
    expect(metrics.orphans.map((ref) => ref.number)).toEqual(orphans);
    expect(metrics.reproducedOrphans.map((ref) => ref.number)).toEqual(reproduced);
    expect([metrics.all.orphans, metrics.all.reproducedOrphans]).toEqual([orphans.length, reproduced.length]);
    expect(metrics.orphans[0]?.url).toBe("https://github.com/acme/app/issues/102");
  });
});

describe("inbox bugs over the SLA (1 business day, America/Los_Angeles)", () => {
  // NOW is Friday 10:00 in Los Angeles.
  it.each<[string, TrackedItem, string | null]>([
    ["entered Thursday 09:00: due Friday 09:00", bug(["bug", ":reproduce"], { created: "2026-11-19T17:00:00Z" }), "2026-11-20T17:00:00.000Z"],
    ["entered Thursday 11:00: due Friday 11:00, not yet", bug(["bug", ":reproduce"], { created: "2026-11-19T19:00:00Z" }), null],
    ["entered last Friday noon: due Monday noon", bug(["bug", ":reproduce"], { created: "2026-11-13T20:00:00Z" }), "2026-11-16T20:00:00.000Z"],
    ["entered on a Saturday: due Monday", bug(["bug", ":reproduce"], { created: "2026-11-14T20:00:00Z" }), "2026-11-16T20:00:00.000Z"],
    [
      "back in the inbox two hours ago: the clock starts again",
      bug(["bug", ":reproduce", "#g-mdm"], { created: 10, timeline: [labeled(":reproduce", 2 / 24)] }),
      null,
    ],
    ["not in the inbox", bug(["bug", "#g-mdm"], { created: 10 }), null],
    // Issue 10: the sweep's inbox clock pauses while QA waits on the reporter; the report's must too.
    ["waiting 9 days on its reporter (~needs info): paused, as the sweep's clock", bug(["bug", ":reproduce", "~needs info"], { created: 12, timeline: [labeled("~needs info", 9)] }), null],
  ])("%s", (_name, item, due) => {
    const metrics = metricsOf([item]);
    expect(metrics.inboxOverSla.map((breach) => breach.dueAt)).toEqual(due ? [due] : []);
    expect(metrics.all.inboxOverSla).toBe(due ? 1 : 0);
  });
});

describe("ages of open bugs", () => {
  it.each<[string, TrackedItem[], number | null, number | null, number]>([
    ["no open bug", [bug(["bug"], { created: 40, closed: 1 })], null, null, 0],
    [
      "average over open bugs; without :release leaves engineering and QA out; closed bugs never count",
      [
        bug(["bug", ":reproduce"], { created: 2 }),
        bug(["bug", "#g-mdm"], { created: 4 }),
        bug(["bug", ":release", "~awaiting QA"], { created: 9 }),
        bug(["bug", ":reproduce"], { created: 100, closed: 1 }),
      ],
      5,
      3,
      0,
    ],
    [
      "32 days or more",
      [bug(["bug"], { created: 31.9 }), bug(["bug"], { created: 32 }), bug(["bug", ":release"], { created: 40 })],
      34.6,
      32,
      2,
    ],
  ])("%s", (_name, items, average, withoutRelease, long) => {
    const { all } = metricsOf(items);
    expect([all.averageOpenDays, all.averageOpenDaysWithoutRelease, all.openAtLeast32Days]).toEqual([average, withoutRelease, long]);
  });
});

describe("customer-reported bugs this week", () => {
  it.each<[string, TrackedItem[], number]>([
    [
      "any label starting with customer- on a bug opened this week, open or closed",
      [
        bug(["bug", "customer-acme"], { created: 1 }),
        bug(["bug", "customer"], { created: 1 }),
        bug(["bug", "customer-x"], { created: 10 }),
        bug(["bug", "customer-y", ":reproduce"], { created: 3, closed: 1 }),
      ],
      2,
    ],
  ])("%s", (_name, items, expected) => {
    expect(metricsOf(items).all.customerReportedThisWeek).toBe(expected);
  });
});

describe("community pull requests", () => {
  type Figure = Metrics["communityPullRequests"];
  const none = { waitingOnUs: 0, longestWaitDays: null, waitingOverdue: 0 };
  it.each<[string, TrackedItem[], Figure]>([
    ["none", [pull({ created: 3, maintainer: true })], { open: 0, averageOpenDays: null, ...none }],
    [
      "open, not draft, not by a maintainer or a bot; nobody answered either: both wait on us",
      [
        pull({ created: 3 }),
        pull({ created: 5 }),
        pull({ created: 50, draft: true }),
        pull({ created: 50, maintainer: true }),
        pull({ created: 50, bot: true }),
        pull({ created: 50, closed: true }),
      ],
      { open: 2, averageOpenDays: 4, waitingOnUs: 2, longestWaitDays: 5, waitingOverdue: 2 },
    ],
    [
      "a maintainer (association or configured person) spoke last: not waiting on us",
      [
        { ...pull({ created: 9 }), timeline: [{ kind: "commented", at: ago(8), actor: "someone", actorIsBot: false, association: "MEMBER" }] },
        { ...pull({ created: 9 }), timeline: [{ kind: "reviewed", at: ago(8), actor: "qa-lead", actorIsBot: false, reviewState: "COMMENTED" }] },
      ],
      { open: 2, averageOpenDays: 9, ...none },
    ],
    [
      "the contributor pushed after the maintainer's comment: waiting since the push; under a business day is not overdue",
      [
        { ...pull({ created: 9 }), timeline: [{ kind: "commented", at: ago(8), actor: "maint", actorIsBot: false, association: "COLLABORATOR" }, { kind: "committed", at: ago(0.25), actor: "contributor", actorIsBot: false }] },
        { ...pull({ created: 9 }), timeline: [{ kind: "commented", at: ago(8), actor: "stranger", actorIsBot: false, association: "NONE" }] },
      ],
      { open: 2, averageOpenDays: 9, waitingOnUs: 2, longestWaitDays: 9, waitingOverdue: 1 },
    ],
  ])("%s", (_name, items, expected) => {
    expect(metricsOf(items).communityPullRequests).toEqual(expected);
  });
});

describe("per group", () => {
  it("configured groups first even when empty, then other group labels, then bugs without a group", () => {
    const metrics = metricsOf([
      bug(["bug", "#g-mdm"], { created: 2, assignees: ["mdm-em"] }),
      bug(["bug", "#g-mdm", ":release"], { created: 4 }),
      bug(["bug", "#g-mdm"], { created: 3, closed: 1 }),
      bug(["bug", "#g-website"], { created: 10 }),
      bug(["bug", ":reproduce"], { created: 1 }),
    ]);
    expect(Object.keys(metrics.groups)).toEqual(["#g-mdm", "#g-orchestration", "#g-website", NO_GROUP]);
    const mdm = metrics.groups["#g-mdm"]!;
    expect([mdm.open, mdm.openedThisWeek, mdm.closedThisWeek, mdm.reproducedOrphans, mdm.averageOpenDays]).toEqual([2, 3, 1, 1, 3]);
    expect(mdm.perState).toMatchObject({ reproduced: 1, engineering: 1 });
    expect(metrics.groups["#g-orchestration"]).toMatchObject({ open: 0, averageOpenDays: null });
    expect(metrics.groups[NO_GROUP]).toMatchObject({ open: 1, perState: { inbox: 1 } });
  });
});

describe("oldest bugs per state and the report's identity", () => {
  it("lists the five oldest open bugs of each state, with days open and days in state", () => {
    const items = [7, 3, 9, 1, 5, 8].map((days, i) => bug(["bug", ":reproduce"], { created: days }, 201 + i));
    items.push(bug(["bug", "#g-mdm", ":release"], { created: 6, assignees: ["mdm-em"], timeline: [labeled(":release", 1.5)] }, 301));
    const metrics = metricsOf(items);
    expect(metrics.oldest.inbox.map((ref) => [ref.number, ref.openDays])).toEqual([[203, 9], [206, 8], [201, 7], [205, 5], [202, 3]]);
    expect(metrics.oldest.engineering).toEqual([
      expect.objectContaining({ number: 301, openDays: 6, daysInState: 1.5, group: "#g-mdm", assignees: ["mdm-em"] }),
    ]);
    expect(metrics.oldest.drafting).toEqual([]);
    expect([metrics.repo, metrics.week, metrics.now, metrics.since]).toEqual(["acme/app", "2026-W47", NOW.toISOString(), ago(7)]);
  });
});
