//! Purpose: adopting an item (docs/first-day.md) as tables: labels and timeline → state, repair, the first sweep's writes, what is left for a person.
import { describe, expect, it } from "vitest";
import { adoptionOf, attentionOf, totalsOf, type AttentionReason } from "../../src/lifecycle/adopt.js";
import type { TrackedItem } from "../../src/lifecycle/repo-snapshot.js";
import { planSweep } from "../../src/lifecycle/sweep-plan.js";
import type { Effect } from "../../src/lifecycle/types.js";
import { fleetConfig } from "../support/fixtures.js";
import { ago, BOT, bug, fact, NOW } from "./tracked-items.js";

const config = fleetConfig();
const adopt = (item: TrackedItem) => adoptionOf(item, config, planSweep(item, config, NOW, new Set()));

describe("adoptionOf: the state, the repair and the first sweep's writes", () => {
  type Row = [name: string, item: TrackedItem, state: string | null, repair: Effect[] | null, sweep: string[]];
  it.each<Row>([
    ["inbox, new: nothing", bug(["bug", ":reproduce"], [], { createdAt: ago(0.1) }), "inbox", null, []],
    ["reproduced, nobody assigned: the EM", bug(["bug", "#g-mdm"], [], { createdAt: ago(2) }), "reproduced", [{ type: "add-assignees", issue: 7, logins: ["mdm-em"] }], []],
    [
      "two state labels: the one added last wins",
      bug(["bug", ":product", ":release", "#g-mdm"], [fact.labeled(ago(2), "maint", ":release"), fact.labeled(ago(1), "maint", ":product")], { assignees: ["mdm-pm"], createdAt: ago(3) }),
      "engineering",
      [{ type: "remove-labels", issue: 7, labels: [":release"] }],
      [],
    ],
    [
      "~awaiting QA without :release: :release and QA",
      bug(["bug", "~awaiting QA", "#g-mdm"], [], { createdAt: ago(2) }),
      "reproduced",
      [
        { type: "add-labels", issue: 7, labels: [":release"] },
        { type: "add-assignees", issue: 7, logins: ["qa-lead"] },
      ],
      [],
    ],
    [
      "reproduced 50 days, nobody assigned: the repair assigns, then the six-week rule moves it",
      bug(["bug", "#g-mdm"], [fact.labeled(ago(50), "qa-lead", "#g-mdm")], { createdAt: ago(55) }),
      "reproduced",
      [{ type: "add-assignees", issue: 7, logins: ["mdm-em"] }],
      ["six-week-rule"],
    ],
    ["needs info, reminder due: no repair, one comment", bug(["bug", ":reproduce", "~needs info"], [fact.command(ago(20), "qa-lead", "needs-info"), fact.labeled(ago(20, 1), BOT, "~needs info")], { createdAt: ago(25) }), "inbox", null, ["needs-info-reminder"]],
    ["orphan: nothing decided", bug(["bug"], [], { createdAt: ago(5) }), "orphan", null, []],
    ["a bug by type (no bug label), reproduced, nobody assigned: the EM", bug(["#g-mdm"], [], { createdAt: ago(2), type: "Bug" }), "reproduced", [{ type: "add-assignees", issue: 7, logins: ["mdm-em"] }], []],
    ["typed Feature, no bug label: not a bug", bug(["#g-mdm"], [], { createdAt: ago(2), type: "Feature" }), null, null, []],
  ])("%s", (_name, item, state, repair, sweep) => {
    const entry = adopt(item);
    expect(entry.state).toBe(state);
    expect(entry.repair?.writes ?? null).toEqual(repair);
    expect(entry.sweep.map((d) => d.rule)).toEqual(sweep);
  });

  it("a timer's writes are planned after the repair: the six-week rule does not assign the EM again, and carries the comment text and its clock", () => {
    const entry = adopt(bug(["bug", "#g-mdm"], [fact.labeled(ago(50), "qa-lead", "#g-mdm")], { createdAt: ago(55) }));
    const six = entry.sweep[0]!;
    expect(six.writes.map((w) => w.type)).toEqual(["add-labels", "add-assignees", "comment"]);
    expect(six.writes[1]).toEqual({ type: "add-assignees", issue: 7, logins: ["mdm-pm"] });
    expect(six.writes[2]).toMatchObject({ type: "comment", body: expect.stringContaining("@mdm-pm") });
    expect(six.clock).toBe(new Date(Date.parse(ago(50)) + 42 * 86_400_000).toISOString());
    expect(six.why).toContain("reproduced since");
  });
});

describe("attentionOf: what no rule decides", () => {
  type Row = [name: string, labels: string[], assignees: string[], reasons: AttentionReason[], type?: string];
  it.each<Row>([
    ["no state label, no group", ["bug"], [], ["no-state"]],
    ["a group nobody configured", ["bug", "#g-web"], [], ["no-owner", "group-without-em"]],
    ["a group nobody configured, someone assigned", ["bug", "#g-web"], ["dev-1"], ["group-without-em"]],
    ["engineering with no group", ["bug", ":release"], [], ["no-owner"]],
    ["drafting with no group: the head of product owns it", ["bug", ":product"], [], []],
    ["inbox: nobody need be assigned", ["bug", ":reproduce"], [], []],
    ["ready for release: nobody need be assigned", ["bug", ":release", "~ready for release"], [], []],
    ["a configured group", ["bug", "#g-mdm"], [], []],
    ["not a bug", ["question"], [], []],
    ["a bug by type (no bug label), a group nobody configured", ["#g-web"], [], ["no-owner", "group-without-em"], "Bug"],
    ["a bug by type (no bug label), no state label, no group", [], [], ["no-state"], "Bug"],
  ])("%s", (_name, labels, assignees, reasons, type) => {
    expect(attentionOf({ number: 1, isPullRequest: false, open: true, author: "r", labels, assignees, ...(type && { type }) }, config).map((a) => a.reason)).toEqual(reasons);
  });

  it("says whom to configure", () => {
    const [owner] = attentionOf({ number: 1, isPullRequest: false, open: true, author: "r", labels: ["bug", "#g-web"], assignees: [] }, config);
    expect(owner?.detail).toBe('reproduced and nobody assigned, and nobody to assign: configure groups."#g-web".em');
  });
});

it("totalsOf adds up states, repairs, rules and reasons", () => {
  const entries = [adopt(bug(["bug", "#g-mdm"], [], { createdAt: ago(2) })), adopt(bug(["bug"], [])), adopt(bug(["bug", "#g-web"], []))];
  expect(totalsOf(entries)).toEqual({ bugs: 3, pulls: 0, perState: { reproduced: 2, orphan: 1 }, repairs: 1, sweep: { "six-week-rule": 1 }, shadow: {}, attention: { "no-state": 1, "no-owner": 1, "group-without-em": 1 } });
});

describe("rules in shadow (the config's `rules:`): decided, marked, never counted as writes", () => {
  // The sweep tags each plan's effects with its config rule; these plans are tagged by hand.
  const tagged = (item: TrackedItem, rules: Record<string, string>) => {
    const names: Record<string, string> = { repair: "repairs", "six-week-rule": "sixWeek" };
    const plans = planSweep(item, config, NOW, new Set()).map((plan) => ({ ...plan, effects: plan.effects.map((e) => ({ ...e, rule: names[plan.rule] }) as unknown as Effect) }));
    return adoptionOf(item, { ...config, rules } as typeof config, plans);
  };
  const late = bug(["bug", "#g-mdm"], [fact.labeled(ago(50), "qa-lead", "#g-mdm")], { createdAt: ago(55) });

  it("a repair in shadow: marked, not counted as a repair (adopt --apply leaves it)", () => {
    const entry = tagged(late, { repairs: "shadow", sixWeek: "on" });
    expect(entry.repair?.mode).toBe("shadow");
    expect(entry.sweep.map((d) => [d.rule, d.mode])).toEqual([["six-week-rule", "on"]]);
    expect(totalsOf([entry])).toMatchObject({ repairs: 0, sweep: { "six-week-rule": 1 }, shadow: { repair: 1 } });
  });

  it("a timer in shadow: marked and counted apart", () => {
    const entry = tagged(late, { repairs: "on", sixWeek: "shadow" });
    expect(entry.sweep.map((d) => [d.rule, d.mode])).toEqual([["six-week-rule", "shadow"]]);
    expect(totalsOf([entry])).toMatchObject({ repairs: 1, sweep: {}, shadow: { "six-week-rule": 1 } });
  });
});
