//! Purpose: the handbook's measurement and Fleet's KPIs (docs/contract.md §8) from one bulk snapshot and `now`: pure, no I/O, no clock.
import { bugTimers, dueAt, pullRequestTimers } from "../lifecycle/item-timers.js";
import type { Config } from "../lifecycle/config.js";
import type { RepoSnapshot, TrackedItem } from "../lifecycle/repo-snapshot.js";
import { groupOf, isBug, isReproducedOrLater, stateOf } from "../lifecycle/state.js";
import { BUG_STATES, type BugState } from "../lifecycle/types.js";
import { isoWeek } from "./iso-week.js";
import { enteredCurrentState, firstReached, stateSegments, type Segment } from "./state-history.js";
import { DAY_MS, daysBetween, mean, percentile, round1 } from "./stats.js";

/** Bugs open this long or longer are counted apart: the handbook's "32 days" line. */
export const LONG_OPEN_DAYS = 32;
/** Bugs listed per state in "oldest bugs". */
export const OLDEST_PER_STATE = 5;
/** The key of bugs that carry no group label in `groups`. */
export const NO_GROUP = "(no group)";

export interface Durations {
  /** Bugs whose transition happened in the window. */
  count: number;
  /** Days, to a tenth. */
  median: number | null;
  p90: number | null;
}

export interface GroupMetrics {
  openedThisWeek: number;
  closedThisWeek: number;
  open: number;
  perState: Record<BugState, number>;
  orphans: number;
  reproducedOrphans: number;
  inboxOverSla: number;
  averageOpenDays: number | null;
  averageOpenDaysWithoutRelease: number | null;
  openAtLeast32Days: number;
  customerReportedThisWeek: number;
  openedToReproduced: Durations;
  reproducedToAwaitingQa: Durations;
}

export interface BugRef {
  number: number;
  title: string;
  url: string;
  state: BugState | null;
  group: string | null;
  assignees: string[];
  openDays: number;
  /** Days since the current state began (rebuilt from label facts). */
  daysInState: number;
}

export interface SlaBreach extends BugRef {
  /** When the bug entered the inbox, and when QA's business-day SLA ran out (ISO). */
  enteredAt: string;
  dueAt: string;
}

export interface Metrics {
  repo: string;
  now: string;
  since: string;
  /** ISO week of `now` in the config's time zone. */
  week: string;
  all: GroupMetrics;
  /** Configured groups first (even when empty), then other group labels seen, then NO_GROUP. */
  groups: Record<string, GroupMetrics>;
  orphans: BugRef[];
  reproducedOrphans: BugRef[];
  inboxOverSla: SlaBreach[];
  oldest: Record<BugState, BugRef[]>;
  communityPullRequests: CommunityPulls;
}

export interface CommunityPulls {
  open: number;
  averageOpenDays: number | null;
  /** Of those, the ones whose contributor spoke last (the `pr-response` clock), and the longest such wait in days. */
  waitingOnUs: number;
  longestWaitDays: number | null;
  /** Waiting longer than `pullRequests.respondWithinBusinessDays`. */
  waitingOverdue: number;
}

/** One bug with what every metric asks about it, worked out once. */
export interface Bug {
  item: TrackedItem;
  state: BugState | null;
  group: string | null;
  segments: Segment[];
  ref: BugRef;
  sla: SlaBreach | null;
}

/**
 * `snapshot.items` holds every open bug and open PR, plus bugs closed since `since` (with `open: false`):
 * that is what "closed this week" and the durations of bugs that moved this week need.
 */
export function computeMetrics(
  snapshot: RepoSnapshot,
  config: Config,
  now: Date,
  since: Date,
  bugs: readonly Bug[] = classifyBugs(snapshot, config, now),
): Metrics {
  const open = bugs.filter((bug) => bug.item.open);
  const all = groupMetrics(bugs, config, now, since);
  const groups: Record<string, GroupMetrics> = {};
  for (const group of groupKeys(bugs, config)) {
    groups[group] = groupMetrics(bugs.filter((bug) => (bug.group ?? NO_GROUP) === group), config, now, since);
  }
  const byAge = [...open].sort((a, b) => Date.parse(a.item.createdAt) - Date.parse(b.item.createdAt) || a.item.number - b.item.number);
  const oldest = Object.fromEntries(
    BUG_STATES.map((state) => [state, byAge.filter((bug) => bug.state === state).slice(0, OLDEST_PER_STATE).map((bug) => bug.ref)]),
  ) as Record<BugState, BugRef[]>;
  return {
    repo: `${snapshot.repo.owner}/${snapshot.repo.name}`,
    now: now.toISOString(),
    since: since.toISOString(),
    week: isoWeek(now, config.timezone),
    all,
    groups,
    orphans: byAge.filter((bug) => bug.state === "orphan").map((bug) => bug.ref),
    reproducedOrphans: byAge.filter(isReproducedOrphan).map((bug) => bug.ref),
    inboxOverSla: open
      .flatMap((bug) => (bug.sla ? [bug.sla] : []))
      .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.number - b.number),
    oldest,
    communityPullRequests: communityPulls(snapshot, config, now),
  };
}

export function classifyBugs(snapshot: RepoSnapshot, config: Config, now: Date): Bug[] {
  return snapshot.items
    .filter((item) => !item.isPullRequest && isBug(item.labels, config, item.type))
    .map((item) => {
      const state = item.open ? stateOf(item.labels, config, item.type) : null;
      const group = groupOf(item.labels, config);
      const segments = stateSegments(item, config, now);
      const entered = item.open ? (enteredCurrentState(segments) ?? Date.parse(item.createdAt)) : Date.parse(item.createdAt);
      const ref: BugRef = {
        number: item.number,
        title: item.title ?? `#${item.number}`,
        url: item.url ?? `https://github.com/${snapshot.repo.owner}/${snapshot.repo.name}/issues/${item.number}`,
        state,
        group,
        assignees: [...item.assignees],
        openDays: round1(daysBetween(item.createdAt, item.closedAt && !item.open ? item.closedAt : now)) ?? 0,
        daysInState: round1((now.getTime() - entered) / DAY_MS) ?? 0,
      };
      // The sweep's own inbox-sla timer (src/lifecycle/item-timers.ts): the same clocks and the same deadline,
      // paused while `~needs info` waits on the reporter, so the report never lists a breach the sweep would not act on.
      let sla: SlaBreach | null = null;
      if (item.open) {
        const { issue, timers } = bugTimers(item, config);
        const timer = dueAt(timers, now).find((candidate) => candidate.name === "inbox-sla");
        const since = issue.clocks?.enteredState;
        if (timer && since) sla = { ...ref, enteredAt: new Date(since).toISOString(), dueAt: timer.at.toISOString() };
      }
      return { item, state, group, segments, ref, sla };
    });
}

function groupMetrics(bugs: readonly Bug[], config: Config, now: Date, since: Date): GroupMetrics {
  const from = since.getTime();
  const to = now.getTime();
  const inWindow = (at: number | null) => at !== null && at >= from && at <= to;
  const open = bugs.filter((bug) => bug.item.open);
  const opened = bugs.filter((bug) => inWindow(Date.parse(bug.item.createdAt)));
  const ages = open.map((bug) => daysBetween(bug.item.createdAt, now));
  const perState = Object.fromEntries(BUG_STATES.map((state) => [state, open.filter((bug) => bug.state === state).length])) as Record<
    BugState,
    number
  >;
  const customer = config.labels.customerPrefix;
  return {
    openedThisWeek: opened.length,
    closedThisWeek: bugs.filter((bug) => !bug.item.open && inWindow(bug.item.closedAt ? Date.parse(bug.item.closedAt) : null)).length,
    open: open.length,
    perState,
    orphans: perState.orphan,
    reproducedOrphans: open.filter(isReproducedOrphan).length,
    inboxOverSla: open.filter((bug) => bug.sla).length,
    averageOpenDays: round1(mean(ages)),
    averageOpenDaysWithoutRelease: round1(
      mean(open.filter((bug) => !bug.item.labels.includes(config.labels.release)).map((bug) => daysBetween(bug.item.createdAt, now))),
    ),
    openAtLeast32Days: ages.filter((days) => days >= LONG_OPEN_DAYS).length,
    customerReportedThisWeek: opened.filter((bug) => bug.item.labels.some((label) => label.startsWith(customer))).length,
    openedToReproduced: durations(bugs, inWindow, (bug) => {
      const reproduced = firstReached(bug.segments, isReproducedOrLater);
      return reproduced === null ? null : { start: Date.parse(bug.item.createdAt), end: reproduced };
    }),
    reproducedToAwaitingQa: durations(bugs, inWindow, (bug) => {
      const reproduced = firstReached(bug.segments, isReproducedOrLater);
      const qa = firstReached(bug.segments, (state) => state === "awaiting-qa" || state === "ready-for-release");
      return reproduced === null || qa === null ? null : { start: reproduced, end: qa };
    }),
  };
}

/** Durations of transitions that happened in the window (end inside it): this week's throughput, not all history. */
function durations(
  bugs: readonly Bug[],
  inWindow: (at: number | null) => boolean,
  span: (bug: Bug) => { start: number; end: number } | null,
): Durations {
  const days = bugs.flatMap((bug) => {
    // A history read only from some point on (the sweep's windowed read sets `timelineStart`) cannot say
    // when the bug was first reproduced: leave it out rather than count a made-up duration.
    if (bug.item.timelineStart) return [];
    const found = span(bug);
    return found && inWindow(found.end) ? [Math.max(0, (found.end - found.start) / DAY_MS)] : [];
  });
  return { count: days.length, median: round1(percentile(days, 50)), p90: round1(percentile(days, 90)) };
}

function isReproducedOrphan(bug: Bug): boolean {
  return bug.item.open && isReproducedOrLater(bug.state) && bug.item.assignees.length === 0;
}

function groupKeys(bugs: readonly Bug[], config: Config): string[] {
  const configured = Object.keys(config.groups);
  const seen = [...new Set(bugs.map((bug) => bug.group).filter((group): group is string => group !== null))];
  const others = seen.filter((group) => !configured.includes(group)).sort();
  const none = bugs.some((bug) => bug.group === null) ? [NO_GROUP] : [];
  return [...configured, ...others, ...none];
}

/** Open, non-draft PRs by people who are not maintainers (and not bots): docs/contract.md §4's "community PR". */
function communityPulls(snapshot: RepoSnapshot, config: Config, now: Date): CommunityPulls {
  const pulls = snapshot.items.filter(
    (item) => item.isPullRequest && item.open && !item.isDraft && !item.authorIsBot && item.authorIsMaintainer === false,
  );
  // The sweep's pr-response timer: waiting on us since the same clock, overdue by the same deadline.
  const waits = pulls.flatMap((pull) => {
    const { issue, timers } = pullRequestTimers(pull, config, answerers(pull, config));
    const since = issue.clocks?.waitingOnUsSince;
    return since ? [{ since, overdue: dueAt(timers, now).some((timer) => timer.name === "pr-response") }] : [];
  });
  return {
    open: pulls.length,
    averageOpenDays: round1(mean(pulls.map((pull) => daysBetween(pull.createdAt, now)))),
    waitingOnUs: waits.length,
    longestWaitDays: waits.length ? round1(Math.max(...waits.map((wait) => daysBetween(wait.since, now)))) : null,
    waitingOverdue: waits.filter((wait) => wait.overdue).length,
  };
}

const MAINTAINER_ASSOCIATIONS = new Set(["OWNER", "MEMBER", "COLLABORATOR"]);

/**
 * Who counts as answering the contributor, for a figure: the configured people and whoever GitHub marks
 * OWNER, MEMBER or COLLABORATOR on the PR. The sweep confirms with the permission API before it writes;
 * a report does not ask for every commenter.
 */
function answerers(pull: TrackedItem, config: Config): Set<string> {
  const people = [...config.people.qa, config.people.headOfProduct, ...Object.values(config.groups).flatMap((group) => [group.em, group.pm])];
  const set = new Set(people.filter((login): login is string => Boolean(login)).map((login) => login.toLowerCase()));
  for (const fact of pull.timeline) {
    if (fact.actor && !fact.actorIsBot && fact.association && MAINTAINER_ASSOCIATIONS.has(fact.association)) set.add(fact.actor.toLowerCase());
  }
  set.delete(pull.author.toLowerCase());
  return set;
}
