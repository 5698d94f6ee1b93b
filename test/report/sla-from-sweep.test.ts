//! Purpose: the report's inbox over SLA (and PRs overdue for an answer) are the sweep's own due timers: the two cannot disagree (issue 10).
import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/lifecycle/config.js";
import type { TrackedItem } from "../../src/lifecycle/repo-snapshot.js";
import { planSweep } from "../../src/lifecycle/sweep-plan.js";
import { nextTimer, timersOf } from "../../src/lifecycle/timers.js";
import { bugClocks } from "../../src/lifecycle/clocks.js";
import { computeMetrics } from "../../src/report/metrics.js";
import { NOW, SINCE, ago, bug, config, labeled, snapshot, unlabeled } from "./fixtures.js";

const NOBODY = new Set<string>();
const reportOf = (item: TrackedItem, cfg = config) => computeMetrics(snapshot([item]), cfg, NOW, SINCE);
const sweepOf = (item: TrackedItem, cfg = config) => planSweep(item, cfg, NOW, NOBODY);
const comment = (days: number, actor: string) => ({ kind: "commented" as const, at: ago(days), actor, actorIsBot: false });

describe("a bug waiting 9 days on its reporter under ~needs info", () => {
  // Opened 12 days ago (its business day ran out long since); QA asked for details 9 days ago.
  const waiting = () => bug(["bug", ":reproduce", "~needs info"], { created: 12, timeline: [labeled("~needs info", 9, "qa-lead")] });

  it("is not over SLA in the report, and the sweep's next timer is the needs-info reminder (default 14 days)", () => {
    const item = waiting();
    expect(reportOf(item).inboxOverSla).toEqual([]);
    expect(reportOf(item).all.inboxOverSla).toBe(0);
    expect(sweepOf(item)).toEqual([]);
    const issue = { ...item, clocks: bugClocks(item, item.labels, config) };
    expect(timersOf(issue, config).map((timer) => timer.name)).toEqual(["needs-info-reminder", "needs-info-close"]);
    expect(nextTimer(issue, config, NOW)).toMatchObject({ name: "needs-info-reminder", at: new Date(ago(9 - 14)) });
  });

  it("with the reminder at 7 days: the reminder is the sweep's only due timer, and the report lists no breach", () => {
    const cfg = configSchema.parse({ people: { qa: ["qa-lead"] }, needsInfo: { remindAfterDays: 7, closeAfterDays: 28 } });
    const item = waiting();
    expect(sweepOf(item, cfg).map((plan) => plan.rule)).toEqual(["needs-info-reminder"]);
    expect(reportOf(item, cfg).inboxOverSla).toEqual([]);
  });
});

describe("the report lists exactly the inbox bugs whose inbox-sla timer the sweep fires, with the sweep's deadline", () => {
  // NOW is Friday 10:00 in Los Angeles.
  it.each<[string, TrackedItem, boolean]>([
    ["entered Thursday 09:00", bug(["bug", ":reproduce"], { created: "2026-11-19T17:00:00Z" }), true],
    ["entered Thursday 11:00 (not yet)", bug(["bug", ":reproduce"], { created: "2026-11-19T19:00:00Z" }), false],
    ["entered on a Saturday", bug(["bug", ":reproduce"], { created: "2026-11-14T20:00:00Z" }), true],
    ["under ~needs info for 9 days", bug(["bug", ":reproduce", "~needs info"], { created: 12, timeline: [labeled("~needs info", 9, "qa-lead")] }), false],
    [
      "the reporter answered 3 days ago: the clock restarted then",
      bug(["bug", ":reproduce"], {
        created: 12,
        timeline: [labeled("~needs info", 9, "qa-lead"), comment(3, "reporter"), { ...unlabeled("~needs info", 3 - 1 / 1440, "bug-lifecycle[bot]"), actorIsBot: true }],
      }),
      true,
    ],
    [
      "the reporter answered 2 hours ago: not yet",
      bug(["bug", ":reproduce"], {
        created: 12,
        timeline: [labeled("~needs info", 9, "qa-lead"), comment(2 / 24, "reporter"), { ...unlabeled("~needs info", 2 / 24 - 1 / 1440, "bug-lifecycle[bot]"), actorIsBot: true }],
      }),
      false,
    ],
    ["back in the inbox two hours ago", bug(["bug", ":reproduce", "#g-mdm"], { created: 10, timeline: [labeled(":reproduce", 2 / 24)] }), false],
  ])("%s", (_name, item, overdue) => {
    const swept = sweepOf(item).filter((plan) => plan.rule === "inbox-sla");
    const reported = reportOf(item).inboxOverSla;
    expect(swept.length).toBe(overdue ? 1 : 0);
    expect(reported.map((breach) => breach.dueAt)).toEqual(swept.map((plan) => plan.deadline.toISOString()));
  });
});
