//! Purpose: a sweep run in one line, as the CLI prints it and the Action puts it in the job summary.
import type { RunSummary } from "./run-sweep.js";

export function describeSweep(summary: RunSummary): string {
  const actions = Object.entries(summary.actions).map(([rule, count]) => `${rule} ${count}`).join(", ") || "nothing due";
  const failed = summary.failed.length ? `; failed: ${summary.failed.join(", ")}${summary.reason ? ` (${summary.reason})` : ""}` : "";
  const errors = summary.errors ? `; ${summary.errors} items could not be written (see the log)` : "";
  const deferred = summary.deferred ? `; ${summary.deferred} left for the next run (write budget)` : "";
  const count = (lists: Record<string, number[]>) => Object.values(lists).reduce((sum, list) => sum + list.length, 0);
  const orphans = `; ${count(summary.orphans)} orphans, ${count(summary.reproducedOrphans)} reproduced orphans`;
  const shadow = Object.entries(summary.shadow ?? {}).map(([rule, n]) => `${rule} ${n}`).join(", ");
  const shadowed = shadow ? `; shadow (not written): ${shadow}` : "";
  return `sweep${summary.dryRun ? " (dry run)" : ""}: ${summary.repos} repositories, ${summary.bugs} open bugs, ${summary.pulls} open PRs: ${actions}${deferred}${shadowed}${orphans}; ${summary.reads} reads, ${summary.writes} writes in ${summary.durationMs} ms${errors}${failed}`;
}
