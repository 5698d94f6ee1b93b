//! Purpose: everything one report shows, computed once from a snapshot: the metrics, and the HTML page's series.
import type { Config } from "../lifecycle/config.js";
import type { RepoSnapshot } from "../lifecycle/repo-snapshot.js";
import { HISTORY_WEEKS, statesOverWeeks, timeInStatePerGroup, type History, type TimeInState } from "./history.js";
import { classifyBugs, computeMetrics, type Metrics } from "./metrics.js";
import { DAY_MS } from "./stats.js";

export interface Report {
  metrics: Metrics;
  history: History;
  timeInState: TimeInState;
}

/** How far back the reader must fetch closed bugs for the weekly history to be complete. */
export function historyStart(now: Date, weeks = HISTORY_WEEKS): Date {
  return new Date(now.getTime() - (weeks - 1) * 7 * DAY_MS);
}

export function buildReport(snapshot: RepoSnapshot, config: Config, now: Date, since: Date): Report {
  const bugs = classifyBugs(snapshot, config, now);
  const metrics = computeMetrics(snapshot, config, now, since, bugs);
  return {
    metrics,
    history: statesOverWeeks(bugs, config, now),
    timeInState: timeInStatePerGroup(bugs, Object.keys(metrics.groups)),
  };
}
