//! Purpose: each of the sweep's rules `on`, `shadow` and `off` (docs/rules.md): a shadowed rule writes nothing, logs each decision in full, and the sweep's summary and the weekly report list it.
import { describe, expect, it } from "vitest";
import type { GitHubDouble } from "@bug-lifecycle/github-double";
import type { RuleName } from "../../src/lifecycle/rule-names.js";
import { describeSweep } from "../../src/sweep/describe.js";
import { escalatingConfig } from "../support/fleet.js";
import { ago, BOT, CONFIG, createSweepHarness, needsInfoBug, REPO, reproducedBug, waitingPull } from "./sweep-harness.js";

const REPORT_ISSUE = 500;

/** Each rule: a seed that makes it due at NOW, and a word of the text it posts. */
const CASES: { rule: RuleName; seed: (double: GitHubDouble) => number; text: string; config?: string }[] = [
  { rule: "needsInfoReminder", seed: (d) => d.addIssue(REPO, needsInfoBug(15)).number, text: "friendly reminder" },
  {
    rule: "needsInfoClose",
    seed: (d) => {
      const asked = new Date(ago(29)).toISOString();
      return d.addIssue(REPO, needsInfoBug(29, { comments: [{ author: BOT, body: `Reminder\n\n<!-- bug-lifecycle:needs-info-reminder:${asked} -->`, createdAt: ago(15) }] })).number;
    },
    text: "we're closing this issue",
  },
  { rule: "inboxSla", seed: (d) => d.addIssue(REPO, { author: "reporter", createdAt: ago(6), labels: ["bug", ":reproduce"] }).number, text: "waiting in the inbox" },
  { rule: "sixWeek", seed: (d) => d.addIssue(REPO, reproducedBug(50)).number, text: "Six-week rule" },
  { rule: "prDraft", seed: (d) => d.addPull(REPO, waitingPull(10)).number, text: "converted it to a draft" },
  {
    rule: "prClose",
    seed: (d) => d.addPull(REPO, { author: "contributor", createdAt: ago(400), draft: true, commits: [{ author: "contributor", committedAt: ago(400) }], comments: [{ author: "maint", body: "Any news?", createdAt: ago(3) }] }).number,
    text: "closing this pull request",
  },
  {
    rule: "prWaitingOnUs",
    seed: (d) => d.addPull(REPO, { author: "contributor", authorAssociation: "CONTRIBUTOR", createdAt: ago(6), commits: [{ author: "contributor", committedAt: ago(6) }] }).number,
    text: "waiting on us",
  },
  {
    rule: "criticalEscalation",
    seed: (d) =>
      d.addIssue(REPO, {
        author: "reporter",
        createdAt: ago(2),
        labels: ["bug", ":release", "#g-mdm", "~critical bug"],
        assignees: ["mdm-em"],
        comments: [{ author: "mdm-em", body: "/critical", createdAt: ago(0, 7200), reactions: [{ content: "+1", user: BOT }] }],
        events: [{ kind: "labeled", actor: BOT, createdAt: ago(0, 7199), label: "~critical bug" }],
      }).number,
    text: "escalating",
    config: escalatingConfig(["@acme/help-p1"], undefined, CONFIG),
  },
  {
    rule: "repairs",
    seed: (d) => d.addIssue(REPO, { author: "reporter", createdAt: ago(10), labels: ["bug", ":reproduce", ":release", "#g-mdm"], events: [{ kind: "labeled", actor: "maint", createdAt: ago(1), label: ":release" }] }).number,
    text: "remove-labels :reproduce",
  },
];

function harness(rule: RuleName, mode: "on" | "shadow" | "off", base = CONFIG) {
  // The people block ends the base config: escalation (criticalEscalation's case) is appended under it.
  const config = `${base}report:\n  issue: ${REPORT_ISSUE}\nrules:\n  ${rule}: ${mode}\n`;
  const h = createSweepHarness({ config });
  h.double.addIssue(REPO, { number: REPORT_ISSUE, title: "Weekly bug reports", author: "maint", createdAt: "2026-01-01T00:00:00Z" });
  return h;
}

describe.each(CASES)("rule $rule", ({ rule, seed, text, config }) => {
  it("on: acts (the seed makes it due)", async () => {
    const h = harness(rule, "on", config);
    const number = seed(h.double);
    const before = JSON.stringify(h.double.issue(REPO, number));
    const summary = await h.sweep();
    expect(Object.keys(summary.actions).filter((action) => action !== "weekly-report")).not.toEqual([]);
    expect(summary.shadow).toEqual({});
    expect(JSON.stringify(h.double.issue(REPO, number))).not.toBe(before);
  });

  it("shadow: writes nothing for the item, logs the decision with its full text, and the summary and the weekly report list it", async () => {
    const h = harness(rule, "shadow", config);
    const number = seed(h.double);
    const before = JSON.stringify(h.double.issue(REPO, number));
    const summary = await h.sweep();
    expect(JSON.stringify(h.double.issue(REPO, number))).toBe(before);
    expect(summary.shadow).toEqual({ [rule]: 1 });
    expect(describeSweep(summary)).toContain(`shadow (not written): ${rule} 1`);
    const lines = h.logs.filter((line) => line.rule === rule && String(line.msg).startsWith("shadow decision"));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.map((line) => line.write).join("\n")).toContain(text);
    expect(lines.every((line) => line.issue === number)).toBe(true);
    // The only write of the run is the weekly report, which lists the rule and what it would have done.
    const report = h.double.issue(REPO, REPORT_ISSUE).comments.filter((c) => c.author === BOT);
    expect(report).toHaveLength(1);
    expect(report[0]?.body).toMatch(new RegExp(`\`${rule}\` would have: `));
    expect(report[0]?.body).toContain(`#${number}: `);
    expect(h.requests().filter((r) => r.write)).toHaveLength(1);
  });

  it("off: writes nothing and decides nothing", async () => {
    const h = harness(rule, "off", config);
    const number = seed(h.double);
    const before = JSON.stringify(h.double.issue(REPO, number));
    const summary = await h.sweep();
    expect(JSON.stringify(h.double.issue(REPO, number))).toBe(before);
    expect(summary.shadow).toEqual({});
    expect(h.logs.filter((line) => String(line.msg).startsWith("shadow decision"))).toEqual([]);
  });
});

describe("rules in shadow, beside the others", () => {
  it("a shadowed rule's item is not re-read or counted against the write budget; the others still act", async () => {
    const h = harness("sixWeek", "shadow");
    const shadowed = h.double.addIssue(REPO, reproducedBug(50)).number;
    const reminded = h.double.addIssue(REPO, needsInfoBug(15)).number;
    const summary = await h.sweep();
    expect(summary.actions["needs-info-reminder"]).toBe(1);
    expect(summary.shadow).toEqual({ sixWeek: 1 });
    expect(h.double.issue(REPO, reminded).comments.filter((c) => c.author === BOT)).toHaveLength(1);
    expect(h.double.issue(REPO, shadowed).comments.filter((c) => c.author === BOT)).toEqual([]);
  });
});
