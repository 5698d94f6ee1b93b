//! Purpose: the report's durations: time from opened to reproduced and from reproduced to awaiting QA, for the week's transitions.
import { describe, expect, it } from "vitest";
import type { TrackedItem } from "../../src/lifecycle/repo-snapshot.js";
import { computeMetrics, type Metrics } from "../../src/report/metrics.js";
import { ago, bug, closed, config, labeled, NOW, SINCE, snapshot, unlabeled } from "./fixtures.js";

const metricsOf = (items: TrackedItem[]): Metrics => computeMetrics(snapshot(items), config, NOW, SINCE);

describe("time from opened to reproduced (transitions this week)", () => {
  it.each<[string, TrackedItem[], { count: number; median: number | null; p90: number | null }]>([
    ["nothing reproduced this week", [bug(["bug", ":reproduce"], { created: 3 })], { count: 0, median: null, p90: null }],
    [
      "4, 1 and 2 days; earlier reproductions and inbox bugs are left out",
      [
        bug(["bug", "#g-mdm"], {
          created: 10,
          timeline: [labeled("bug", 10), labeled(":reproduce", 10), unlabeled(":reproduce", 6), labeled("#g-mdm", 6)],
        }),
        // No creation-time facts: the state at creation is rebuilt by undoing later facts.
        bug(["bug", "#g-mdm", ":release"], { created: 3, timeline: [unlabeled(":reproduce", 2), labeled("#g-mdm", 2), labeled(":release", 0.5)] }),
        bug(["bug", ":product"], { created: 5, timeline: [labeled(":product", 3), unlabeled(":reproduce", 3)] }),
        bug(["bug", "#g-mdm"], { created: 20, timeline: [unlabeled(":reproduce", 10), labeled("#g-mdm", 10)] }),
        bug(["bug", ":reproduce"], { created: 4 }),
      ],
      // sorted [1, 2, 4]: median 2; p90 at rank 0.9 × 2 = 1.8 → 2 + 0.8 × (4 − 2) = 3.6
      { count: 3, median: 2, p90: 3.6 },
    ],
    [
      "a bug whose history was read only in part is left out",
      [{ ...bug(["bug", "#g-mdm"], { created: 3, timeline: [labeled("#g-mdm", 2)] }), timelineStart: ago(2) }],
      { count: 0, median: null, p90: null },
    ],
    [
      "a fast-tracked bug opened reproduced took 0 days",
      [bug(["bug", "#g-mdm"], { created: 2 })],
      { count: 1, median: 0, p90: 0 },
    ],
  ])("%s", (_name, items, expected) => {
    expect(metricsOf(items).all.openedToReproduced).toEqual(expected);
  });
});

describe("time from reproduced to awaiting QA (transitions this week)", () => {
  it.each<[string, TrackedItem[], { count: number; median: number | null; p90: number | null }]>([
    [
      "18, 4 and 9 days, a closed bug included; QA reached before the week is left out",
      [
        bug(["bug", "#g-mdm", ":release", "~awaiting QA"], {
          created: 30,
          timeline: [unlabeled(":reproduce", 20), labeled("#g-mdm", 20), labeled(":release", 10), labeled("~awaiting QA", 2)],
        }),
        bug(["bug", "#g-mdm", ":release", "~ready for release"], {
          created: 8,
          timeline: [
            unlabeled(":reproduce", 5),
            labeled("#g-mdm", 5),
            labeled(":release", 3),
            labeled("~awaiting QA", 1),
            unlabeled("~awaiting QA", 0.1),
            labeled("~ready for release", 0.1),
          ],
        }),
        bug(["bug", "#g-mdm", ":release", "~ready for release"], {
          created: 15,
          closed: 1,
          timeline: [unlabeled(":reproduce", 12), labeled("#g-mdm", 12), labeled(":release", 3), labeled("~awaiting QA", 3), closed(1)],
        }),
        bug(["bug", "#g-mdm", ":release", "~awaiting QA"], {
          created: 30,
          timeline: [unlabeled(":reproduce", 20), labeled("#g-mdm", 20), labeled(":release", 12), labeled("~awaiting QA", 10)],
        }),
      ],
      // sorted [4, 9, 18]: median 9; p90 rank 1.8 → 9 + 0.8 × 9 = 16.2
      { count: 3, median: 9, p90: 16.2 },
    ],
  ])("%s", (_name, items, expected) => {
    expect(metricsOf(items).all.reproducedToAwaitingQa).toEqual(expected);
  });
});
