//! Purpose: a tracked item's timers as the sweep runs them (its clocks from the timeline, then `timersOf`): the report reads these too, so the two cannot disagree.
import { bugClocks, prClocks, type Maintainers } from "./clocks.js";
import type { Config } from "./config.js";
import type { TrackedItem } from "./repo-snapshot.js";
import { timersOf, type Timer } from "./timers.js";
import type { IssueSnapshot } from "./types.js";

/** A bug with its clocks (for `labels`: the item's own, or as repaired) and every timer they start. */
export function bugTimers(item: TrackedItem, config: Config, labels: readonly string[] = item.labels): { issue: IssueSnapshot; timers: Timer[] } {
  const issue: IssueSnapshot = { ...item, labels, clocks: bugClocks(item, labels, config) };
  return { issue, timers: timersOf(issue, config) };
}

/** A community pull request (its author is not in `maintainers`) with its clocks and timers. */
export function pullRequestTimers(item: TrackedItem, config: Config, maintainers: Maintainers): { issue: IssueSnapshot; timers: Timer[] } {
  const issue: IssueSnapshot = { ...item, authorIsMaintainer: false, clocks: prClocks(item, maintainers) };
  return { issue, timers: timersOf(issue, config) };
}

/** The timers of `timers` that are due at `now`. */
export function dueAt(timers: readonly Timer[], now: Date): Timer[] {
  return timers.filter((timer) => timer.at.getTime() <= now.getTime());
}
