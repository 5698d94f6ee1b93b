//! Purpose: when timers fire (from people's clocks and `now`) and what `/why` says about them.
import { describe, expect, it } from "vitest";
import { addBusinessDays } from "../../src/lifecycle/business-days.js";
import { escalationCheckAt, nextTimer } from "../../src/lifecycle/timers.js";
import { transition } from "../../src/lifecycle/transition.js";
import type { BugEvent } from "../../src/lifecycle/types.js";
import { explain } from "../../src/lifecycle/why.js";
import { fleetConfig, issue } from "../support/fixtures.js";

const config = fleetConfig();

describe("business days", () => {
  it.each([
    ["2026-11-16T18:00:00Z", 1, "2026-11-17T18:00:00.000Z"], // Monday → Tuesday
    ["2026-11-20T18:00:00Z", 1, "2026-11-23T18:00:00.000Z"], // Friday → Monday
    ["2026-11-21T18:00:00Z", 1, "2026-11-23T18:00:00.000Z"], // Saturday → Monday
    ["2026-11-20T18:00:00Z", 3, "2026-11-25T18:00:00.000Z"],
    // 01:00 UTC Saturday is still Friday evening in Los Angeles: due Monday, not Tuesday.
    ["2026-11-21T01:00:00Z", 1, "2026-11-24T01:00:00.000Z"],
  ] as const)("%s + %i", (start, days, due) => {
    expect(addBusinessDays(new Date(start), days, "America/Los_Angeles").toISOString()).toBe(due);
  });
});

describe("nextTimer", () => {
  const now = new Date("2026-11-18T12:00:00Z");
  it.each([
    ["inbox SLA", issue(["bug", ":reproduce"], [], { clocks: { enteredState: "2026-11-18T10:00:00Z" } }), "inbox-sla", "2026-11-19T10:00:00.000Z"],
    ["six-week rule", issue(["bug", "#g-mdm"], [], { clocks: { enteredState: "2026-11-01T00:00:00Z" } }), "six-week-rule", "2026-12-13T00:00:00.000Z"],
    ["needs-info reminder", issue(["bug", ":reproduce", "~needs info"], [], { clocks: { needsInfoSince: "2026-11-10T00:00:00Z" } }), "needs-info-reminder", "2026-11-24T00:00:00.000Z"],
    ["needs-info close after the reminder fired", issue(["bug", ":reproduce", "~needs info"], [], { clocks: { needsInfoSince: "2026-11-01T00:00:00Z" } }), "needs-info-close", "2026-11-29T00:00:00.000Z"],
  ] as const)("%s", (_name, bug, name, at) => {
    expect(nextTimer(bug, config, now)).toMatchObject({ name, at: new Date(at) });
  });

  it("a tracked (+) issue is never closed by a timer", () => {
    const tracked = issue(["bug", ":reproduce", "~needs info", "+roadmap"], [], { clocks: { needsInfoSince: "2026-11-01T00:00:00Z" } });
    expect(nextTimer(tracked, config, new Date("2026-11-18T12:00:00Z"))).toBeNull();
  });
});

describe("/why", () => {
  it("names the state, the owner, the rule and the next timer", () => {
    const text = explain(issue(["bug", "#g-mdm"], ["mdm-em"], { clocks: { enteredState: "2026-11-01T00:00:00Z" } }), config, new Date("2026-11-18T12:00:00Z"));
    expect(text).toContain("`reproduced` in `#g-mdm`");
    expect(text).toContain("@mdm-em");
    expect(text).toContain("six-week-rule");
    expect(text).toContain("2026-12-13");
  });

  it("says when a timer is overdue (the next sweep acts on it)", () => {
    const text = explain(issue(["bug", "#g-mdm"], ["mdm-em"], { clocks: { enteredState: "2026-01-01T00:00:00Z" } }), config, new Date("2026-11-18T12:00:00Z"));
    expect(text).toContain("`six-week-rule` has been due since 2026-02-12 00:00 UTC: the next sweep moves the bug back to product");
  });

  it("points out a reproduced orphan and its expected owner", () => {
    const text = explain(issue(["bug", ":release", "#g-mdm"]), config, new Date("2026-11-18T12:00:00Z"));
    expect(text).toContain("Reproduced orphan");
    expect(text).toContain("@mdm-em");
  });
});

describe("escalationCheckAt: when the work queue looks at a critical bug again", () => {
  const now = new Date("2026-11-18T12:00:00Z");
  const maint = { login: "dev-1", isBot: false, isMaintainer: true };
  const command = (body: string) => ({ kind: "commented" as const, comment: { id: 1, nodeId: "C1", body }, actor: maint });
  const engineering = issue(["bug", ":release", "#g-mdm"], ["mdm-em"]);
  const critical = issue(["bug", ":release", "#g-mdm", "~critical bug"], ["mdm-em"]);
  const at = (bug: typeof engineering, event: BugEvent, cfg = config) => escalationCheckAt(bug, event, transition(bug, event, cfg, now).effects, cfg, now)?.toISOString() ?? null;
  it.each<[string, typeof engineering, BugEvent, string | null]>([
    ["/critical on an engineering bug: 60 minutes later", engineering, command("/critical"), "2026-11-18T13:00:00.000Z"],
    ["/critical with prose", engineering, command("/critical customers are down"), "2026-11-18T13:00:00.000Z"],
    ["/critical on a bug already critical: its clock runs already", critical, command("/critical"), null],
    // The payload's issue has the label already.
    ["a person adds ~critical bug by hand", critical, { kind: "labeled", label: "~critical bug", actor: maint, at: now.toISOString() }, "2026-11-18T13:00:00.000Z"],
    ["a bot adds ~critical bug", engineering, { kind: "labeled", label: "~critical bug", actor: { login: "other[bot]", isBot: true, isMaintainer: false }, at: now.toISOString() }, null],
    ["another command", engineering, command("/backlog"), null],
    ["another label", engineering, { kind: "labeled", label: "#g-mdm", actor: maint, at: now.toISOString() }, null],
  ])("%s", (_name, bug, event, expected) => {
    expect(at(bug, event)).toBe(expected);
  });

  it("critical.escalateAfterMinutes: 15", () => {
    expect(at(engineering, command("/critical"), fleetConfig({ critical: { escalateAfterMinutes: 15 } }))).toBe("2026-11-18T12:15:00.000Z");
  });
});
