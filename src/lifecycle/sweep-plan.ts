//! Purpose: what the sweep does to one open bug or PR now (docs/contract.md §4 timers, docs/contract.md §1 repairs): pure, `now` given.
import { needsInfoAnswer, type Maintainers } from "./clocks.js";
import { bugTimers, dueAt, pullRequestTimers } from "./item-timers.js";
import type { Config } from "./config.js";
import { CHECKLIST_KEY } from "./markers.js";
import { STATUS_KEY } from "./status-record.js";
import { moveTo } from "./move.js";
import { emOf, mention, pmOf, same } from "./people.js";
import { applyEffects } from "./plan.js";
import { repairOf } from "./repairs.js";
import type { TimelineFact, TrackedItem } from "./repo-snapshot.js";
import { say } from "./say.js";
import { groupOf, isTracked, stateOf } from "./state.js";
import type { Timer, TimerName } from "./timers.js";
import type { RuleName } from "./rule-names.js";
import { modeOf, tag } from "./rules.js";
import type { Effect, IssueSnapshot } from "./types.js";

export type SweepRule = TimerName | "needs-info-answered" | "repair" | "board-drift" | "status-repair";

export interface SweepPlan {
  rule: SweepRule;
  /** When it became due: the budget serves the oldest deadline first. */
  deadline: Date;
  effects: Effect[];
  /** One line for the log. */
  detail: string;
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * Every action due on `item` at `now`, repairs first. Timer comments carry `<timer>:<clock start>` keys,
 * so each is posted once per clock; a comment the bot already posted for this clock (seen in the timeline)
 * also counts, so a clock that moves forward for lack of history does not repeat a reminder.
 */
export function planSweep(item: TrackedItem, config: Config, now: Date, maintainers: Maintainers): SweepPlan[] {
  if (!item.open) return [];
  const plans = item.isPullRequest ? planPullRequest(item, config, now, maintainers) : planBug(item, config, now);
  // Each plan's effects carry their rule, so the write path can shadow them; a rule that is off is not planned.
  return plans.flatMap((plan) => {
    const rule = RULE_OF[plan.rule];
    if (!rule) return [plan];
    return modeOf(config, rule) === "off" ? [] : [{ ...plan, effects: tag(rule, plan.effects) }];
  });
}

/** The config's rule behind each of the sweep's plans (null: a missed webhook's own work, or a person's card move). */
export const RULE_OF: Record<SweepRule, RuleName | null> = {
  "needs-info-reminder": "needsInfoReminder",
  "needs-info-close": "needsInfoClose",
  "inbox-sla": "inboxSla",
  "six-week-rule": "sixWeek",
  "stale-pr-draft": "prDraft",
  "stale-pr-close": "prClose",
  "pr-response": "prWaitingOnUs",
  "critical-escalation": "criticalEscalation",
  repair: "repairs",
  "needs-info-answered": null,
  "board-drift": null,
  // The bot's own status comment, rewritten after a person damaged it: not one of the switchable rules.
  "status-repair": null,
};

/** The latest time the bot posted a comment with a `<prefix>:` marker at or after `since` (ms), if any. */
function postedSince(item: TrackedItem, prefix: string, since: number): number | undefined {
  let found: number | undefined;
  for (const fact of item.timeline) {
    const at = Date.parse(fact.at);
    if (fact.kind === "commented" && fact.actorIsBot && at >= since && fact.markers?.some((m) => m.startsWith(`${prefix}:`))) found = at;
  }
  return found;
}

function keyOf(name: string, since: string): string {
  return `${name}:${since}`;
}

function planBug(item: TrackedItem, config: Config, now: Date): SweepPlan[] {
  if (!stateOf(item.labels, config, item.type)) return [];
  const plans: SweepPlan[] = [];
  // `repairs: off` does not act at all: the timers then see the labels as they are, not as repaired.
  const repair = modeOf(config, "repairs") === "off" ? null : repairOf(item, config);
  if (repair) plans.push({ rule: "repair", deadline: lastLabelEdit(item), effects: repair.effects, detail: repair.detail });
  let current: IssueSnapshot = applyEffects(item, repair?.effects ?? []);

  const { issue: timed, timers } = bugTimers(item, config, current.labels);
  const clocks = timed.clocks!;
  const needsInfo = config.labels.needsInfo;
  if (current.labels.includes(needsInfo) && clocks.needsInfoSince) {
    const answer = needsInfoAnswer(item, Date.parse(clocks.needsInfoSince));
    if (answer) {
      // The webhook missed the reporter's reply: do what it would have done, and no needs-info timer runs.
      const qa = config.people.qa.length ? mention(config.people.qa) : "QA:";
      const effects: Effect[] = [
        { type: "remove-labels", issue: item.number, labels: [needsInfo] },
        { type: "comment", issue: item.number, key: `needs-info-answered:${answer.commentId ?? answer.at}`, body: say(config, "needsInfoAnswered", { qa }) },
      ];
      plans.push({ rule: "needs-info-answered", deadline: new Date(answer.at), effects, detail: `the reporter answered on ${answer.at}` });
      return plans;
    }
  }
  current = { ...current, clocks };
  const due = dueAt(timers, now);
  const names = new Set(due.map((timer) => timer.name));
  for (const timer of due) {
    if (timer.name === "needs-info-reminder" && names.has("needs-info-close")) continue;
    const plan = bugTimer(timer, item, current, config, now);
    if (plan) plans.push(plan);
  }
  // A transition due anyway writes the status comment; the repair is for a bug nothing else moves.
  const status = plans.length ? null : statusRepairOf(item, config);
  return status ? [status] : plans;
}

function bugTimer(timer: Timer, item: TrackedItem, issue: IssueSnapshot, config: Config, now: Date): SweepPlan | null {
  const clocks = issue.clocks ?? {};
  const number = item.number;
  const plan = (effects: Effect[], detail: string, deadline = timer.at): SweepPlan => ({ rule: timer.name, deadline, effects, detail });
  switch (timer.name) {
    case "needs-info-reminder":
    case "needs-info-close": {
      const since = clocks.needsInfoSince!;
      // More was said since the request than was read: the reporter's answer may be among it, so wait.
      if (item.timelineStart && Date.parse(item.timelineStart) > Date.parse(since)) return null;
      const reminderKey = keyOf("needs-info-reminder", since);
      const { remindAfterDays, closeAfterDays } = config.needsInfo;
      // A reminder older than the timeline we read still shows in the markers (its time unknown: assume on time).
      const onTime = Date.parse(since) + remindAfterDays * DAY;
      const remindedAt = postedSince(item, "needs-info-reminder", Date.parse(since)) ?? (issue.markers?.includes(reminderKey) ? onTime : undefined);
      if (remindedAt === undefined) {
        // Never close without warning: a late first reminder (a new install, an outage) comes first.
        const body = say(config, "needsInfoReminder", { reporter: item.author, days: Math.max(closeAfterDays - remindAfterDays, 0) });
        const effects: Effect[] = [{ type: "comment", issue: number, key: reminderKey, body }];
        return { rule: "needs-info-reminder", deadline: new Date(onTime), effects, detail: `asked for details on ${since}` };
      }
      if (timer.name === "needs-info-reminder") return null;
      const closeAt = Math.max(timer.at.getTime(), remindedAt + (closeAfterDays - remindAfterDays) * DAY);
      if (closeAt > now.getTime()) return null;
      const body = say(config, "needsInfoClose", { reporter: item.author, days: Math.round((now.getTime() - Date.parse(since)) / DAY) });
      const restore = { labels: [...issue.labels], assignees: [...issue.assignees] };
      return plan(
        [
          { type: "comment", issue: number, key: keyOf("needs-info-close", since), body, restore },
          { type: "close", issue: number, reason: "not_planned" },
        ],
        `no answer since ${since}`,
        new Date(closeAt),
      );
    }
    case "inbox-sla": {
      const since = clocks.enteredState!;
      if (!config.people.qa.length || postedSince(item, "inbox-sla", Date.parse(since)) !== undefined) return null;
      const body = say(config, "inboxSla", { qa: mention(config.people.qa), slaBusinessDays: config.inbox.slaBusinessDays });
      return plan([{ type: "comment", issue: number, key: keyOf("inbox-sla", since), body }], `in the inbox since ${since}`);
    }
    case "six-week-rule": {
      const since = clocks.enteredState!;
      const effects = moveTo(issue, { state: "drafting" }, config);
      const pm = pmOf(groupOf(issue.labels, config), config);
      const body = say(config, "sixWeekRule", {
        days: Math.round((now.getTime() - Date.parse(since)) / DAY),
        release: config.labels.release,
        product: config.labels.product,
        owner: pm ? mention([pm]) : "",
      });
      effects.push({ type: "comment", issue: number, key: keyOf("six-week-rule", since), body });
      return plan(effects, `reproduced since ${since} without ${config.labels.release}`);
    }
    case "critical-escalation":
      return criticalEscalation(timer, item, issue, config, now);
    case "stale-pr-draft":
    case "stale-pr-close":
    case "pr-response":
      return null;
  }
}

function planPullRequest(item: TrackedItem, config: Config, now: Date, maintainers: Maintainers): SweepPlan[] {
  if (item.authorIsBot || maintainers.has(item.author.toLowerCase())) return [];
  const { issue: pr, timers } = pullRequestTimers(item, config, maintainers);
  const due = dueAt(timers, now);
  const stale = staleTimer(item, pr, due, config, now);
  if (stale.some((plan) => plan.rule === "stale-pr-close")) return stale;
  const response = responseReminder(item, pr, due, config);
  return response ? [...stale, response] : stale;
}

/**
 * One reminder per waiting period (its start is in the marker), to whoever is on the PR: its assignees,
 * else its requested reviewers (people and teams), else its group's EM, else QA. Nobody to mention:
 * nothing is posted (the report still counts it).
 */
function responseReminder(item: TrackedItem, pr: IssueSnapshot, due: Timer[], config: Config): SweepPlan | null {
  const timer = due.find((candidate) => candidate.name === "pr-response");
  const since = pr.clocks?.waitingOnUsSince;
  if (!timer || !since) return null;
  const key = keyOf("pr-response", since);
  if (item.markers?.includes(key) || postedSince(item, "pr-response", Date.parse(since)) !== undefined) return null;
  const assignees = item.assignees.filter((login) => !same(login, item.author));
  const reviewers = (item.requestedReviewers ?? []).filter((login) => !same(login, item.author));
  const em = emOf(groupOf(item.labels, config), config);
  const people = assignees.length ? assignees : reviewers.length ? reviewers : em ? [em] : [...config.people.qa];
  if (!people.length) return null;
  const body = say(config, "prResponse", {
    people: mention(people),
    author: item.author,
    since: `${since.slice(0, 16).replace("T", " ")} UTC`,
    businessDays: config.pullRequests.respondWithinBusinessDays,
  });
  const effects: Effect[] = [{ type: "comment", issue: item.number, key, body }];
  return { rule: "pr-response", deadline: timer.at, effects, detail: `waiting on us since ${since}` };
}

function staleTimer(item: TrackedItem, pr: IssueSnapshot, due: Timer[], config: Config, now: Date): SweepPlan[] {
  const close = due.find((timer) => timer.name === "stale-pr-close");
  const days = (since: string) => Math.round((now.getTime() - Date.parse(since)) / DAY);
  if (close && !isTracked(item.labels, config)) {
    const since = pr.clocks!.authorActiveAt!;
    const body = say(config, "stalePrClose", { author: item.author, days: days(since) });
    const effects: Effect[] = [
      { type: "comment", issue: item.number, key: keyOf("stale-pr-close", since), body },
      { type: "close-pull-request", issue: item.number },
    ];
    return [{ rule: "stale-pr-close", deadline: close.at, effects, detail: `no update by @${item.author} since ${since}` }];
  }
  const draft = due.find((timer) => timer.name === "stale-pr-draft");
  const since = pr.clocks?.waitingOnAuthorSince;
  // Posted already for this wait, yet not a draft: a person marked it ready again, and the bot does not fight people.
  if (!draft || !since || postedSince(item, "stale-pr-draft", Date.parse(since)) !== undefined) return [];
  const body = say(config, "stalePrDraft", { author: item.author, days: days(since) });
  const effects: Effect[] = [
    { type: "comment", issue: item.number, key: keyOf("stale-pr-draft", since), body },
    { type: "convert-to-draft", issue: item.number },
  ];
  return [{ rule: "stale-pr-draft", deadline: draft.at, effects, detail: `waiting on @${item.author} since ${since}` }];
}

/** Older critical bugs (an install, a long outage) are not escalated: an escalation days late helps nobody. */
const ESCALATION_WINDOW = 7 * DAY;

function byProduct(fact: TimelineFact, product: readonly string[]): boolean {
  return !fact.actorIsBot && fact.actor !== null && product.some((login) => same(login, fact.actor!));
}

/** A comment on the bug, or any reaction to the bot's critical checklist (a 👍 is how people say "seen, agreed"). */
function confirms(fact: TimelineFact): boolean {
  return fact.kind === "commented" || (fact.kind === "reacted" && Boolean(fact.markers?.includes(CHECKLIST_KEY)));
}

/**
 * docs/contract.md (from the handbook): product confirms a critical bug; if no one from product answers within the time, fall
 * back to the escalation contacts. A comment by the head of product or the group's PM since `/critical`
 * confirms, and so does their reaction to the checklist comment `/critical` posted. When comments since then were not all read, the bot cannot tell, so it does not escalate.
 */
function criticalEscalation(timer: Timer, item: TrackedItem, issue: IssueSnapshot, config: Config, now: Date): SweepPlan | null {
  const since = issue.clocks?.criticalSince;
  if (!since || now.getTime() - timer.at.getTime() > ESCALATION_WINDOW) return null;
  const start = Date.parse(since);
  if (item.timelineStart && Date.parse(item.timelineStart) > start) return null;
  const key = keyOf("critical-escalation", since);
  if (issue.markers?.includes(key) || postedSince(item, "critical-escalation", start) !== undefined) return null;
  const group = groupOf(issue.labels, config);
  const product = [config.people.headOfProduct, group ? config.groups[group]?.pm : null].filter((login): login is string => Boolean(login));
  const confirmed = item.timeline.some((fact) => Date.parse(fact.at) >= start && byProduct(fact, product) && confirms(fact));
  if (confirmed) return null;
  const escalation = config.people.escalation.map((who) => `@${who.replace(/^@/, "")}`);
  const body = say(config, "criticalEscalation", {
    escalation: escalation.length ? escalation.join(" ") : "No escalation contacts are configured (`people.escalation`):",
    minutes: Math.round((now.getTime() - start) / 60_000),
    product: product.length ? product.map((login) => `@${login}`).join(", ") : "nobody is configured",
  });
  const title = item.title ? `: ${item.title}` : "";
  const text = `Critical bug not confirmed by product after ${config.critical.escalateAfterMinutes} minutes: #${item.number}${title}${item.url ? ` ${item.url}` : ""}`;
  const effects: Effect[] = [
    { type: "comment", issue: item.number, key, body },
    // Its own key: the comment's marker (applied first) must not drop it; the comment's marker keeps both once.
    { type: "notify", issue: item.number, key: `${key}:slack`, channel: "slack-escalation", text },
  ];
  return { rule: "critical-escalation", deadline: timer.at, effects, detail: `critical since ${since}, not confirmed by product` };
}

/** A repair is due since the last label edit (when the labels went wrong), else since the issue opened. */
function lastLabelEdit(item: TrackedItem): Date {
  const edits = item.timeline.filter((fact) => fact.kind === "labeled" || fact.kind === "unlabeled");
  return new Date(edits.at(-1)?.at ?? item.createdAt);
}

/** The bot's own transitions in the timeline: the bug has been moved by it, so its status comment should exist. */
const BOT_TRANSITIONS: ReadonlySet<string> = new Set(["labeled", "unlabeled", "assigned", "unassigned", "closed", "reopened"]);

/**
 * statusComment: a status comment a person deleted (none, though the bot has moved the bug) or whose hidden
 * record they damaged is written again, once: the next read finds it whole, so no run repeats it.
 */
function statusRepairOf(item: TrackedItem, config: Config): SweepPlan | null {
  if (!config.statusComment) return null;
  const present = item.markers?.includes(STATUS_KEY) ?? false;
  if (present && item.statusIntact !== false) return null;
  const moved = item.timeline.filter((fact) => fact.actorIsBot && BOT_TRANSITIONS.has(fact.kind)).at(-1);
  if (!present && !moved) return null;
  const detail = present ? "its status comment's record was edited away" : "its status comment is missing";
  return { rule: "status-repair", deadline: new Date(moved?.at ?? item.createdAt), effects: [{ type: "repair-status", issue: item.number }], detail };
}
