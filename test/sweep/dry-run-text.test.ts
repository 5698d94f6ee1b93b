//! Purpose: a dry run says what it would write at the default log level (comment text on one line, every label, assignee, state and close), and its summary counts orphans.
import { describe, expect, it } from "vitest";
import { describeSweep } from "../../src/sweep/describe.js";
import { createSweepHarness, needsInfoBug, REPO, reproducedBug, ago } from "./sweep-harness.js";

describe("sweep --dry-run", () => {
  it("logs at info each write with the comment's text on one line, writes nothing, and the summary counts orphans", async () => {
    const h = createSweepHarness();
    const reminded = h.double.addIssue(REPO, needsInfoBug(15)).number;
    const sixWeeks = h.double.addIssue(REPO, reproducedBug(50)).number;
    h.double.addIssue(REPO, { author: "reporter", createdAt: ago(3), labels: ["bug"] });
    h.double.addIssue(REPO, { author: "reporter", createdAt: ago(3), labels: ["bug", ":release", "#g-mdm"], events: [{ kind: "unassigned", actor: "maint", createdAt: ago(1), assignee: "mdm-em" }] });
    const summary = await h.sweep({ dryRun: true });
    expect(h.requests().filter((r) => r.write)).toEqual([]);

    const lines = h.logs.filter((line) => line.msg === "sweep decision" && (line.level as number) >= 30);
    const writesOf = (issue: number) => lines.filter((line) => line.issue === issue).flatMap((line) => line.writes as string[]);
    expect(writesOf(reminded)).toEqual([expect.stringMatching(/^comment #\d+ needs-info-reminder:\S+ "@reporter friendly reminder: we still need more details[^"\n]*…": dry-run$/)]);
    expect(writesOf(sixWeeks)).toEqual(
      expect.arrayContaining([
        `add-labels #${sixWeeks} :product: dry-run`,
        `add-assignees #${sixWeeks} mdm-pm: dry-run`,
        expect.stringMatching(/^comment #\d+ six-week-rule:\S+ "Six-week rule: this bug was reproduced 50 days ago[^"\n]*": dry-run$/),
      ]),
    );
    expect(describeSweep(summary)).toMatch(/; 1 orphans, 1 reproduced orphans;/);
  });
});
