//! Purpose: the rebuilt past (states from label facts), the weekly series, time in state, percentiles and ISO weeks.
import { describe, expect, it } from "vitest";
import { BUG_STATES } from "../../src/lifecycle/types.js";
import { statesOverWeeks, timeInStatePerGroup } from "../../src/report/history.js";
import { isoWeek } from "../../src/report/iso-week.js";
import { classifyBugs, NO_GROUP } from "../../src/report/metrics.js";
import { stateAt, stateSegments } from "../../src/report/state-history.js";
import { percentile } from "../../src/report/stats.js";
import { NOW, ago, bug, closed, config, labeled, reopened, snapshot, unlabeled } from "./fixtures.js";

const at = (days: number) => Date.parse(ago(days));

describe("percentile (R-7, like PERCENTILE.INC)", () => {
  it.each<[number[], number, number | null]>([
    [[], 50, null],
    [[7], 90, 7],
    [[1, 2, 3, 4], 50, 2.5],
    [[4, 1, 2], 90, 3.6],
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 90, 91],
    [[5, 1], 0, 1],
    [[5, 1], 100, 5],
  ])("%j at %i → %s", (values, p, expected) => {
    const value = percentile(values, p);
    expect(value === null ? null : Math.round(value * 1e9) / 1e9).toBe(expected);
  });
});

describe("ISO week in the config's time zone", () => {
  it.each([
    ["2026-11-20T18:00:00Z", "America/Los_Angeles", "2026-W47"],
    ["2026-11-23T05:00:00Z", "America/Los_Angeles", "2026-W47"], // still Sunday evening in Los Angeles
    ["2026-11-23T05:00:00Z", "Europe/Paris", "2026-W48"],
    ["2026-12-31T12:00:00Z", "UTC", "2026-W53"],
    ["2027-01-01T12:00:00Z", "UTC", "2026-W53"],
    ["2021-01-03T12:00:00Z", "UTC", "2020-W53"],
    ["2024-12-30T12:00:00Z", "UTC", "2025-W01"],
  ])("%s in %s is %s", (instant, zone, week) => {
    expect(isoWeek(new Date(instant), zone)).toBe(week);
  });
});

describe("states rebuilt from label facts", () => {
  const item = bug(["bug", "#g-mdm", ":release"], {
    created: 30,
    timeline: [
      labeled("bug", 30),
      labeled(":reproduce", 30),
      unlabeled(":reproduce", 20),
      labeled("#g-mdm", 20),
      labeled(":product", 15),
      unlabeled(":product", 12),
      labeled(":release", 5),
    ],
  });

  it.each<[number, string | null]>([
    [31, null],
    [25, "inbox"],
    [18, "reproduced"],
    [14, "drafting"],
    [10, "reproduced"],
    [1, "engineering"],
    [0, "engineering"],
  ])("%i days ago: %s", (days, state) => {
    expect(stateAt(stateSegments(item, config, NOW), at(days))).toBe(state);
  });

  it("a closed and reopened bug has no state while closed; facts after `now` are undone", () => {
    const reopenedBug = bug(["bug", ":reproduce", ":release"], {
      created: 10,
      timeline: [closed(8), reopened(6), labeled(":release", -1)],
    });
    const segments = stateSegments(reopenedBug, config, NOW);
    expect(segments.map((s) => s.state)).toEqual(["inbox", null, "inbox"]);
    expect(stateAt(segments, at(7))).toBeNull();
  });

  it("a closed bug read without its close event stops at closedAt", () => {
    const segments = stateSegments(bug(["bug", ":reproduce"], { created: 4, closed: 2 }), config, NOW);
    expect(segments).toEqual([
      { state: "inbox", from: at(4), to: at(2) },
      { state: null, from: at(2), to: NOW.getTime() },
    ]);
  });
});

describe("bugs per state over the weeks", () => {
  it("counts each bug in its state at the end of each week, closed ones until they closed", () => {
    const bugs = classifyBugs(
      snapshot([
        bug(["bug", "#g-mdm"], { created: 20, timeline: [unlabeled(":reproduce", 10), labeled("#g-mdm", 10)] }),
        bug(["bug", ":reproduce"], { created: 3 }),
        bug(["bug", ":reproduce"], { created: 16, closed: 4 }),
      ]),
      config,
      NOW,
    );
    const history = statesOverWeeks(bugs, config, NOW, 4);
    expect(history.weeks).toEqual(["2026-W44", "2026-W45", "2026-W46", "2026-W47"]);
    expect(history.at).toEqual([ago(21), ago(14), ago(7), ago(0)]);
    expect(history.perState.inbox).toEqual([0, 2, 1, 1]);
    expect(history.perState.reproduced).toEqual([0, 0, 1, 1]);
    expect(Object.keys(history.perState)).toEqual([...BUG_STATES]);
  });
});

describe("time in state per group", () => {
  it("averages each bug's total days in a state over the bugs of the group that were in it", () => {
    const bugs = classifyBugs(
      snapshot([
        // inbox 10, reproduced 6 (two visits: 4 + 2), drafting 4
        bug(["bug", "#g-mdm"], {
          created: 20,
          timeline: [unlabeled(":reproduce", 10), labeled("#g-mdm", 10), labeled(":product", 6), unlabeled(":product", 2)],
        }),
        // inbox 2, reproduced 2
        bug(["bug", "#g-mdm"], { created: 4, timeline: [unlabeled(":reproduce", 2), labeled("#g-mdm", 2)] }),
        // inbox 1
        bug(["bug", ":reproduce"], { created: 1 }),
      ]),
      config,
      NOW,
    );
    const result = timeInStatePerGroup(bugs, ["#g-mdm", "#g-orchestration", NO_GROUP]);
    expect(result.groups).toEqual(["#g-mdm", "#g-orchestration", NO_GROUP]);
    expect(result.perState.inbox).toEqual([6, null, 1]);
    expect(result.perState.reproduced).toEqual([4, null, null]);
    expect(result.perState.drafting).toEqual([4, null, null]);
    expect(result.perState.engineering).toEqual([null, null, null]);
  });
});
