//! Purpose: the event rules `on`, `shadow` and `off` through the app on the double (docs/rules.md): a shadowed rule writes nothing, logs its decision in full, and the weekly report lists it.
import { describe, expect, it } from "vitest";
import type { RuleName } from "../../src/lifecycle/rule-names.js";
import { createHarness, FLEET_CONFIG, REPO, seedBug, type Harness } from "../support/app-harness.js";

const BOT = "bug-lifecycle[bot]";
const REPORT_ISSUE = 900;

/** Each event rule: what a person does (its only effect is the rule's), and a word of what the rule writes. */
const CASES: { rule: RuleName; act: (h: Harness) => Promise<number>; text: string }[] = [
  {
    rule: "acknowledge",
    act: async (h) => {
      const probe = h.double.addIssue(REPO, { author: "maint", title: "probe" }).number;
      await h.act("issues.opened", { actor: "reporter", labels: ["bug"], title: "Crash" });
      return opened(h, probe);
    },
    text: "Thanks for the report",
  },
  {
    rule: "mergeToQa",
    act: async (h) => {
      const bug = seedBug(h, ["bug", ":release", "#g-mdm"], ["mdm-em"]);
      const pr = h.double.addPull(REPO, { author: "mdm-em", title: "Fix it", body: `Refs #${bug}` }).number;
      await h.act("pull_request.closed", { actor: "maint", number: pr, merged: true });
      return bug;
    },
    text: "please verify the fix",
  },
  {
    rule: "reopenClosedByMerge",
    act: async (h) => {
      const bug = seedBug(h, ["bug", ":release", "#g-mdm"], ["mdm-em"]);
      const pr = h.double.addPull(REPO, { author: "mdm-em", title: "Fix it", body: `Fixes #${bug}` }).number;
      const merge = h.double.payload("pull_request.closed", { repo: REPO, actor: "maint", number: pr, merged: true });
      for (const close of h.double.caused(merge)) await h.receive(close);
      return bug;
    },
    text: "merged with a closing keyword",
  },
  {
    rule: "closingKeywordWarning",
    act: async (h) => {
      const bug = seedBug(h, ["bug", ":release", "#g-mdm"], ["mdm-em"]);
      await h.act("pull_request.opened", { actor: "contributor", title: "Fix it", body: `Fixes #${bug}` });
      return opened(h, bug);
    },
    text: "without a closing keyword",
  },
  {
    rule: "thanks",
    act: async (h) => {
      const pr = h.double.addPull(REPO, { author: "contributor", authorAssociation: "CONTRIBUTOR", title: "Typo" }).number;
      await h.act("pull_request.closed", { actor: "maint", number: pr, merged: true });
      return pr;
    },
    text: "Thank you @contributor",
  },
];

/** The number of the issue or PR a person's `*.opened` action created: the highest after `before`. */
function opened(h: Harness, before: number): number {
  let number = before;
  for (let n = before + 1; n < before + 50; n++) {
    try {
      h.issue(n);
      number = n;
    } catch {
      break;
    }
  }
  return number;
}

async function harness(rule: RuleName, mode: "on" | "shadow" | "off"): Promise<Harness> {
  const h = await createHarness({ config: `${FLEET_CONFIG}report:\n  issue: ${REPORT_ISSUE}\nrules:\n  ${rule}: ${mode}\n` });
  h.double.addIssue(REPO, { number: REPORT_ISSUE, title: "Weekly bug reports", author: "maint", createdAt: "2026-01-01T00:00:00Z" });
  return h;
}

const state = (h: Harness, number: number) => {
  const { labels, assignees, state: open, comments } = h.issue(number);
  return JSON.stringify({ labels: [...labels].sort(), assignees: [...assignees].sort(), open, comments: comments.filter((c) => c.author === BOT).map((c) => c.body) });
};

describe.each(CASES)("rule $rule", ({ rule, act, text }) => {
  it("on: acts", async () => {
    const h = await harness(rule, "on");
    const number = await act(h);
    expect(h.issue(number).comments.filter((c) => c.author === BOT).map((c) => c.body).join("\n")).toContain(text);
  });

  it("shadow: the item is left as it was, the decision is logged in full, and the weekly report lists it", async () => {
    const h = await harness(rule, "shadow");
    const number = await act(h);
    // Everything the person did happened; nothing of the bot's (a seeded issue's state is compared to its seed).
    expect(h.issue(number).comments.filter((c) => c.author === BOT)).toEqual([]);
    const lines = h.logs.filter((line) => line.rule === rule && String(line.msg).startsWith("shadow decision"));
    expect(lines.map((line) => line.write).join("\n")).toContain(text);
    const summary = await h.runtime.sweep({ dryRun: false });
    expect(summary?.failed).toEqual([]);
    const report = h.issue(REPORT_ISSUE).comments.filter((c) => c.author === BOT);
    expect(report).toHaveLength(1);
    expect(report[0]?.body).toMatch(new RegExp(`\`${rule}\` would have: .*comment ×1`));
    expect(report[0]?.body).toContain(`#${number}: comment`);
  });

  it("off: nothing written, nothing logged as a shadow decision", async () => {
    const h = await harness(rule, "off");
    const number = await act(h);
    expect(h.issue(number).comments.filter((c) => c.author === BOT)).toEqual([]);
    expect(h.logs.filter((line) => String(line.msg).startsWith("shadow decision"))).toEqual([]);
  });
});

describe("a shadowed rule beside a person's command", () => {
  it("mergeToQa in shadow leaves the bug in engineering; reopenClosedByMerge in shadow leaves GitHub's close", async () => {
    const h = await harness("reopenClosedByMerge", "shadow");
    const bug = seedBug(h, ["bug", ":release", "#g-mdm"], ["mdm-em"]);
    const pr = h.double.addPull(REPO, { author: "mdm-em", title: "Fix it", body: `Fixes #${bug}` }).number;
    const merge = h.double.payload("pull_request.closed", { repo: REPO, actor: "maint", number: pr, merged: true });
    for (const close of h.double.caused(merge)) await h.receive(close);
    expect(h.issue(bug).state).toBe("closed");
    expect(state(h, bug)).toContain('"labels":["#g-mdm",":release","bug"]');
  });
});
