//! Purpose: which of a decision's effects act, which are only shadowed (decided and logged, not written) and which are off (docs/rules.md).
import type { Config } from "./config.js";
import type { RuleMode, RuleName } from "./rule-names.js";
import { planWrites } from "./plan.js";
import type { Effect, IssueSnapshot } from "./types.js";

export function modeOf(config: Config, rule: RuleName): RuleMode {
  return config.rules[rule];
}

/** The effects as coming from `rule`: the write path then acts on them, shadows them or drops them. */
export function tag<E extends Effect>(rule: RuleName, effects: readonly E[]): E[] {
  return effects.map((effect) => ({ ...effect, rule }));
}

export interface RuleSplit {
  /** Untagged effects (commands, people's edits) and those of rules that are `on`. */
  act: Effect[];
  /** Effects of rules in `shadow`: planned and logged, never written. */
  shadow: Effect[];
  /** Effects of rules that are `off`: dropped. */
  off: Effect[];
}

export function splitByRule(effects: readonly Effect[], config: Config): RuleSplit {
  const split: RuleSplit = { act: [], shadow: [], off: [] };
  for (const effect of effects) {
    const mode = effect.rule ? modeOf(config, effect.rule) : "on";
    split[mode === "on" ? "act" : mode].push(effect);
  }
  return split;
}

/**
 * What each rule's effects would still change, planned rule by rule (the plan merges label and assignee
 * edits into new effects, which would lose the tag): a shadowed decision is what that rule alone would write.
 */
export function planByRule(effects: readonly Effect[], issues: ReadonlyMap<number, IssueSnapshot>): Effect[] {
  const rules = [...new Set(effects.map((effect) => effect.rule))];
  return rules.flatMap((rule) => {
    const planned = planWrites(effects.filter((effect) => effect.rule === rule), issues);
    return rule ? tag(rule, planned) : planned;
  });
}

/** One line of what an effect writes, for a person: `comment: "Thanks for…"`, `add-labels: :product`. */
export function describeEffect(effect: Effect, width = 0): string {
  const text = (body: string) => JSON.stringify(width ? oneLine(body, width) : body);
  switch (effect.type) {
    case "add-labels":
    case "remove-labels":
      return `${effect.type} ${effect.labels.join(", ")}`;
    case "add-assignees":
    case "remove-assignees":
      return `${effect.type} ${effect.logins.join(", ")}`;
    case "comment":
      return `comment ${text(effect.body)}`;
    case "notify":
      return `notify ${effect.channel} ${text(effect.text)}`;
    case "close":
      return `close (${effect.reason})`;
    case "react":
      return `react ${effect.content}`;
    case "set-milestone":
      return `set-milestone ${effect.milestone}`;
    case "convert-to-draft":
    case "close-pull-request":
    case "reopen":
    case "mark-ready":
    case "remove-milestone":
    case "repair-status":
    case "remove-type":
      return effect.type;
  }
}

/** A text on one line of at most `width` characters (whitespace folded, an ellipsis when cut). */
export function oneLine(text: string, width: number): string {
  const flat = text.replace(/<!--[\s\S]*?-->/g, "").replace(/\s+/g, " ").trim();
  return flat.length <= width ? flat : `${flat.slice(0, Math.max(width - 1, 0))}…`;
}
