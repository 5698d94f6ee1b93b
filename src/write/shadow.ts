//! Purpose: a shadowed rule's decisions (docs/rules.md): what it would have written, logged in full, then dropped.
import type { Logger } from "probot";
import type { RuleName } from "../lifecycle/rule-names.js";
import { describeEffect } from "../lifecycle/rules.js";
import type { Effect } from "../lifecycle/types.js";

export interface ShadowDecision {
  rule: RuleName;
  issue: number | null;
  /** What it would have written, in full: `comment "…"`, `add-labels :product`, `board-status In progress`. */
  write: string;
}

export function shadowOf(effects: readonly Effect[]): ShadowDecision[] {
  return effects.flatMap((effect) => (effect.rule ? [{ rule: effect.rule, issue: effect.issue, write: describeEffect(effect) }] : []));
}

/** One info line per decision, at the default level, with the full text: the log is where a trial is read. */
export function logShadow(log: Logger, decisions: readonly ShadowDecision[], fields: Record<string, unknown>): void {
  // The message names the rule and the kind of write; the full text is the `write` field (once, not twice).
  for (const decision of decisions) log.info({ ...fields, ...decision }, `shadow decision: ${decision.rule} would ${decision.write.split(" ", 1)[0]}`);
}

/** Decisions kept per repository for the weekly report: enough to count a trial, bounded in memory. */
export const SHADOW_KEPT = 2_000;

/** Adds `decisions` to the repository's ledger (one entry per rule, issue and write). */
export function remember(ledger: { get(key: string): ShadowDecision[] | undefined; set(key: string, value: ShadowDecision[]): void }, repo: string, decisions: readonly ShadowDecision[]): void {
  if (!decisions.length) return;
  ledger.set(repo.toLowerCase(), distinct([...(ledger.get(repo.toLowerCase()) ?? []), ...decisions]).slice(-SHADOW_KEPT));
}

/** One per rule, issue and write: the same decision made by every sweep of the week counts once. */
export function distinct(decisions: readonly ShadowDecision[]): ShadowDecision[] {
  const seen = new Map<string, ShadowDecision>();
  for (const decision of decisions) seen.set(`${decision.rule}#${decision.issue}:${decision.write}`, decision);
  return [...seen.values()];
}

/** "would have: comment 3, add-labels 2" per rule, for the report, the check run and the sweep's summary. */
export function countShadow(decisions: readonly ShadowDecision[]): Map<RuleName, Map<string, number>> {
  const counts = new Map<RuleName, Map<string, number>>();
  for (const { rule, write } of decisions) {
    const kinds = counts.get(rule) ?? new Map<string, number>();
    const kind = write.split(" ", 1)[0]!;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    counts.set(rule, kinds);
  }
  return counts;
}

/** Markdown lines: ``- `sixWeek` would have: comment ×5, add-labels ×5`` (one per rule), with up to `examples` decisions each. */
export function shadowLines(decisions: readonly ShadowDecision[], examples = 0): string[] {
  const lines: string[] = [];
  for (const [rule, kinds] of countShadow(decisions)) {
    const summary = [...kinds].map(([kind, count]) => `${kind} ×${count}`).join(", ");
    lines.push(`- \`${rule}\` would have: ${summary}`);
    for (const decision of decisions.filter((d) => d.rule === rule).slice(0, examples)) {
      lines.push(`  - ${decision.issue === null ? "" : `#${decision.issue}: `}${oneLineOf(decision.write)}`);
    }
  }
  return lines;
}

function oneLineOf(write: string): string {
  const flat = write.replace(/<!--[\s\S]*?-->/g, "").replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}

/**
 * The "Rules in shadow" section of the weekly report and the config check run: each shadowed rule with what
 * it would have written (counts, and up to `examples` decisions each); nothing when no rule is in shadow.
 */
export function shadowSection(rules: Readonly<Record<RuleName, string>>, decisions: readonly ShadowDecision[], examples = 5): string[] {
  const shadowed = (Object.keys(rules) as RuleName[]).filter((rule) => rules[rule] === "shadow");
  if (!shadowed.length) return [];
  const quiet = shadowed.filter((rule) => !decisions.some((decision) => decision.rule === rule));
  return [
    `### Rules in shadow (${shadowed.length}): decided, logged, not written`,
    "",
    ...shadowLines(decisions.filter((decision) => shadowed.includes(decision.rule)), examples),
    ...quiet.map((rule) => `- \`${rule}\` would have: nothing now`),
    "",
  ];
}
