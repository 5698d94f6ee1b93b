//! Purpose: the markdown and CSV forms of a report: what a person reads in the weekly comment and what the KPI sheet gets.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CSV_COLUMNS, csvHeader, renderCsv } from "../../src/report/csv.js";
import { markdownText } from "../../src/report/format.js";
import { LIST_LIMIT, renderMarkdown } from "../../src/report/markdown.js";
import { computeMetrics } from "../../src/report/metrics.js";
import { NOW, SINCE, bug, config, labeled, pull, snapshot, unlabeled } from "./fixtures.js";

const items = [
  bug(["bug", ":reproduce"], { created: "2026-11-19T17:00:00Z", title: "Crash when @alice opens | the <b>page</b>" }, 11),
  bug(["bug"], { created: 9, title: "No labels at all" }, 12),
  bug(["bug", "#g-mdm", ":release"], { created: 3, timeline: [unlabeled(":reproduce", 2), labeled("#g-mdm", 2), labeled(":release", 1)] }, 13),
  bug(["bug", "#g-mdm", "customer-acme"], { created: 40, assignees: ["mdm-em"] }, 14),
  bug(["bug", "#g-mdm"], { created: 10, closed: 2 }, 15),
  pull({ created: 6 }, 16),
];
const metrics = computeMetrics(snapshot(items), config, NOW, SINCE);

describe("markdown", () => {
  const text = renderMarkdown(metrics, config.timezone);

  it("has a title with the week, the window in the team's time zone, and a table per group", () => {
    const lines = text.split("\n");
    expect(lines[0]).toBe("## Bug report: acme/app, 2026-W47");
    expect(text).toContain("This week: 2026-11-13 10:00 → 2026-11-20 10:00 (America/Los_Angeles).");
    expect(lines).toContain("|  | all | `#g-mdm` | `#g-orchestration` | `(no group)` |");
    expect(lines).toContain("| opened this week | 2 | 1 | 0 | 1 |");
    expect(lines).toContain("| closed this week | 1 | 1 | 0 | 0 |");
    expect(lines).toContain("| … engineering | 1 | 1 | 0 | 0 |");
    // (25 h + 9 d + 3 d + 40 d) / 4 = 13.26; #g-mdm (3 + 40) / 2; no group (25 h + 9 d) / 2 = 5.02
    expect(lines).toContain("| average days open | 13.3 | 21.5 | — | 5.0 |");
    expect(lines).toContain("| opened → reproduced, days: median / p90 (bugs) | 1.0 / 1.0 (1) | 1.0 / 1.0 (1) | — | — |");
    expect(text).toContain("Community pull requests (open, not draft): 1, open 6.0 days on average.");
    expect(text).toMatch(/Waiting on us \(the contributor spoke last\): (none\.|\d+, the longest for [\d.]+ days; \d+ past the follow-up goal\.)/);
  });

  it("lists orphans, reproduced orphans and SLA breaches with links, titles defused", () => {
    expect(text).toContain("### Orphans (1): no state label and no group\n\n- [#12](https://github.com/acme/app/issues/12) No labels at all — 9.0 days open");
    expect(text).toContain("- [#13](https://github.com/acme/app/issues/13) Bug 13 — engineering, `#g-mdm`, 3.0 days open");
    expect(text).toContain(
      "- [#11](https://github.com/acme/app/issues/11) Crash when @\u200dalice opens \\| the \\<b\\>page\\</b\\> — due 2026-11-20 09:00",
    );
  });

  it("cuts long lists so the comment stays under GitHub's size limit", () => {
    const many = Array.from({ length: LIST_LIMIT + 7 }, (_, i) => bug(["bug"], { created: 1 + i }, 500 + i));
    const long = renderMarkdown(computeMetrics(snapshot(many), config, NOW, SINCE), config.timezone);
    expect(long).toContain(`### Orphans (${LIST_LIMIT + 7})`);
    expect(long).toContain("- … and 7 more");
    expect(long.match(/^- \[#/gm)).toHaveLength(LIST_LIMIT);
  });

  it.each([
    ["a @mention", "a @\u200dmention"],
    ["line\nbreak", "line break"],
    ["[link](x) `code` *em*", "\\[link\\]\\(x\\) \\`code\\` \\*em\\*"],
  ])("defuses %j", (input, output) => {
    expect(markdownText(input)).toBe(output);
  });
});

describe("csv", () => {
  it("prints one line in the KPI sheet's column order", () => {
    const line = renderCsv(metrics, config.timezone);
    expect(line.endsWith("\n")).toBe(true);
    expect(line.trimEnd().split("\n")).toHaveLength(1);
    // Without :release: (25 h + 9 d + 40 d) / 3 = 16.68. Nothing reached awaiting QA: the last two cells are empty.
    expect(line).toBe("2026-W47,2026-11-20,acme/app,2,1,4,1,1,0,1,0,0,1,1,1,13.3,16.7,1,0,1,6,1,1,,\n");
    expect(line.split(",")).toHaveLength(CSV_COLUMNS.length);
  });

  it("documents the same columns in docs/reports.md", () => {
    const page = readFileSync(new URL("../../docs/reports.md", import.meta.url), "utf8");
    expect(page).toContain(csvHeader().trim());
  });
});
