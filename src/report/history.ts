//! Purpose: the HTML report's series: bugs per state at the end of each of the last weeks, and time in state per group.
import type { Config } from "../lifecycle/config.js";
import { BUG_STATES, type BugState } from "../lifecycle/types.js";
import { isoWeek } from "./iso-week.js";
import { NO_GROUP, type Bug } from "./metrics.js";
import { stateAt } from "./state-history.js";
import { DAY_MS, mean, round1 } from "./stats.js";

export const HISTORY_WEEKS = 12;

export interface History {
  /** ISO week of each point, oldest first. */
  weeks: string[];
  /** The instant each point counts at: `now`, then 7, 14, … days before (ISO). */
  at: string[];
  /** Open bugs in each state at each point. */
  perState: Record<BugState, number[]>;
}

export interface TimeInState {
  groups: string[];
  /** Average days a bug of the group spent in the state (all its visits added up; the current one counts up to now). */
  perState: Record<BugState, Array<number | null>>;
}

/**
 * Counts at the end of each of the last `weeks` weeks, each bug's state rebuilt from its label facts.
 * Complete only if the snapshot holds the bugs closed since the first point (the reader's `closedSince`).
 */
export function statesOverWeeks(bugs: readonly Bug[], config: Config, now: Date, weeks = HISTORY_WEEKS): History {
  const points = Array.from({ length: weeks }, (_, i) => now.getTime() - (weeks - 1 - i) * 7 * DAY_MS);
  const perState = Object.fromEntries(BUG_STATES.map((state) => [state, points.map(() => 0)])) as Record<BugState, number[]>;
  for (const bug of bugs) {
    points.forEach((at, i) => {
      const state = stateAt(bug.segments, at);
      if (state) perState[state][i]! += 1;
    });
  }
  return {
    weeks: points.map((at) => isoWeek(new Date(at), config.timezone)),
    at: points.map((at) => new Date(at).toISOString()),
    perState,
  };
}

export function timeInStatePerGroup(bugs: readonly Bug[], groups: readonly string[]): TimeInState {
  const perState = Object.fromEntries(BUG_STATES.map((state) => [state, [] as Array<number | null>])) as TimeInState["perState"];
  for (const group of groups) {
    const members = bugs.filter((bug) => (bug.group ?? NO_GROUP) === group);
    for (const state of BUG_STATES) {
      const totals = members.flatMap((bug) => {
        const days = bug.segments.filter((s) => s.state === state).reduce((sum, s) => sum + (s.to - s.from) / DAY_MS, 0);
        return bug.segments.some((s) => s.state === state) ? [days] : [];
      });
      perState[state].push(round1(mean(totals)));
    }
  }
  return { groups: [...groups], perState };
}
