//! Purpose: the split of a decision's effects by the mode of the rule that made them (src/lifecycle/rules.ts), and the config's `rules` key, as tables.
import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/lifecycle/config.js";
import { RULE_NAMES } from "../../src/lifecycle/rule-names.js";
import { planByRule, splitByRule } from "../../src/lifecycle/rules.js";
import type { Effect, IssueSnapshot } from "../../src/lifecycle/types.js";
import { fleetConfig } from "../support/fixtures.js";

const comment = (rule?: Effect["rule"]): Effect => ({ type: "comment", issue: 7, key: `k-${rule ?? "command"}`, body: "text", ...(rule && { rule }) });

describe("splitByRule", () => {
  it.each([
    ["on", "act"],
    ["shadow", "shadow"],
    ["off", "off"],
  ] as const)("a rule %s goes to %s; an untagged effect (a command) always acts", (mode, where) => {
    const config = fleetConfig({ rules: { sixWeek: mode } });
    const split = splitByRule([comment("sixWeek"), comment(), comment("inboxSla")], config);
    expect(split[where]).toContainEqual(comment("sixWeek"));
    expect(split.act).toContainEqual(comment());
    expect(split.act).toContainEqual(comment("inboxSla"));
    expect(split.act.length + split.shadow.length + split.off.length).toBe(3);
  });
});

describe("planByRule", () => {
  it("keeps each rule's tag on the label and assignee edits the plan merges", () => {
    const issue: IssueSnapshot = { number: 7, isPullRequest: false, open: true, author: "r", labels: ["bug", "#g-mdm"], assignees: ["mdm-em"], markers: [] };
    const planned = planByRule(
      [
        { type: "add-labels", issue: 7, labels: [":product"], rule: "sixWeek" },
        { type: "add-assignees", issue: 7, logins: ["mdm-pm"], rule: "sixWeek" },
        { type: "add-labels", issue: 7, labels: [":release"], rule: "repairs" },
      ],
      new Map([[7, issue]]),
    );
    expect(planned).toEqual([
      { type: "add-labels", issue: 7, labels: [":product"], rule: "sixWeek" },
      { type: "add-assignees", issue: 7, logins: ["mdm-pm"], rule: "sixWeek" },
      { type: "add-labels", issue: 7, labels: [":release"], rule: "repairs" },
    ]);
  });
});

describe("rules in the config", () => {
  it("every rule defaults to on", () => {
    expect(configSchema.parse({}).rules).toEqual(Object.fromEntries(RULE_NAMES.map((rule) => [rule, "on"])));
  });

  it.each([
    [{ sixWeek: "maybe" }, "rules.sixWeek"],
    [{ sixweek: "shadow" }, "rules"],
    [{ commands: "off" }, "rules"],
  ])("%j is refused at %s", (rules, path) => {
    const result = configSchema.safeParse({ rules });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toContain(path);
  });
});
