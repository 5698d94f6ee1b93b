//! Purpose: the report computes no deadline of its own: it lists what the core's `timersOf` says is due (issue 10).
import { describe, expect, it, vi } from "vitest";
import type { Timer } from "../../src/lifecycle/timers.js";

// Every inbox-sla and pr-response deadline the core gives is moved to one odd instant: a report that computed
// its own (from the same clocks, or from any formula) would not show it, nor count what it makes due.
const ODD = new Date("2026-11-20T03:21:00.000Z");
const FAR = new Date("2099-01-01T00:00:00.000Z");
vi.mock("../../src/lifecycle/timers.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/lifecycle/timers.js")>();
  const moved = (timer: Timer): Timer => {
    if (timer.name === "inbox-sla") return { ...timer, at: ODD };
    if (timer.name === "pr-response") return { ...timer, at: FAR };
    return timer;
  };
  return { ...real, timersOf: (...args: Parameters<typeof real.timersOf>) => real.timersOf(...args).map(moved) };
});

const { computeMetrics } = await import("../../src/report/metrics.js");
const { NOW, SINCE, ago, bug, config, pull, snapshot } = await import("./fixtures.js");

describe("deadlines come from the core's timers", () => {
  it("an inbox bug entered 2 hours ago is over SLA exactly when, and as of when, timersOf says", () => {
    const metrics = computeMetrics(snapshot([bug(["bug", ":reproduce"], { created: 2 / 24 })]), config, NOW, SINCE);
    expect(metrics.inboxOverSla.map((breach) => breach.dueAt)).toEqual([ODD.toISOString()]);
    expect(metrics.all.inboxOverSla).toBe(1);
  });

  it("a community PR waiting on us for 10 days is overdue only if timersOf says so", () => {
    const waiting = { ...pull({ created: 10 }), timeline: [{ kind: "committed" as const, at: ago(10), actor: "contributor", actorIsBot: false }] };
    const metrics = computeMetrics(snapshot([waiting]), config, NOW, SINCE);
    expect(metrics.communityPullRequests.waitingOnUs).toBe(1);
    expect(metrics.communityPullRequests.waitingOverdue).toBe(0);
  });
});
