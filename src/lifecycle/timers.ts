//! Purpose: when a bug's timers fire (docs/contract.md §4), from people's clocks and `now`; the sweep acts on them, `/why` shows them.
import { addBusinessDays, addDays } from "./business-days.js";
import type { Config } from "./config.js";
import { isTracked, stateOf } from "./state.js";
import type { BugEvent, Effect, IssueSnapshot } from "./types.js";

export type TimerName =
  | "needs-info-reminder"
  | "needs-info-close"
  | "inbox-sla"
  | "six-week-rule"
  | "stale-pr-draft"
  | "stale-pr-close"
  | "pr-response"
  | "critical-escalation";

export interface Timer {
  name: TimerName;
  at: Date;
  /** What happens when it fires, for people. */
  action: string;
}

/** Every timer that applies to the issue now, earliest first; fired or not. */
export function timersOf(issue: IssueSnapshot, config: Config): Timer[] {
  if (issue.isPullRequest) return pullRequestTimers(issue, config);
  const state = stateOf(issue.labels, config, issue.type);
  if (!issue.open || !state) return [];
  const timers: Timer[] = [];
  const clocks = issue.clocks ?? {};
  const tracked = isTracked(issue.labels, config);
  if (issue.labels.includes(config.labels.needsInfo) && clocks.needsInfoSince) {
    const since = new Date(clocks.needsInfoSince);
    timers.push({
      name: "needs-info-reminder",
      at: addDays(since, config.needsInfo.remindAfterDays),
      action: "reminds the reporter",
    });
    if (!tracked) {
      timers.push({
        name: "needs-info-close",
        at: addDays(since, config.needsInfo.closeAfterDays),
        action: "closes the issue as not planned",
      });
    }
  }
  // While QA waits on the reporter the inbox clock is paused; it restarts from the reporter's answer.
  if (state === "inbox" && clocks.enteredState && !issue.labels.includes(config.labels.needsInfo)) {
    timers.push({
      name: "inbox-sla",
      at: addBusinessDays(new Date(clocks.enteredState), config.inbox.slaBusinessDays, config.timezone),
      action: "reminds QA",
    });
  }
  if (issue.labels.includes(config.labels.critical) && clocks.criticalSince) {
    timers.push({
      name: "critical-escalation",
      at: new Date(Date.parse(clocks.criticalSince) + config.critical.escalateAfterMinutes * 60_000),
      action: "escalates unless product has confirmed it",
    });
  }
  if (state === "reproduced" && clocks.enteredState) {
    timers.push({
      name: "six-week-rule",
      at: addDays(new Date(clocks.enteredState), config.reprioritizeAfterDays),
      action: `moves the bug back to product (\`${config.labels.product}\`)`,
    });
  }
  return timers.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** docs/contract.md §4: community pull requests only (`authorIsMaintainer === false`, as the sweep establishes it). */
function pullRequestTimers(pr: IssueSnapshot, config: Config): Timer[] {
  if (!pr.open || pr.authorIsMaintainer !== false) return [];
  const clocks = pr.clocks ?? {};
  const timers: Timer[] = [];
  if (!pr.isDraft && clocks.waitingOnAuthorSince) {
    timers.push({
      name: "stale-pr-draft",
      at: addDays(new Date(clocks.waitingOnAuthorSince), config.pullRequests.draftAfterDays),
      action: "converts the pull request to a draft",
    });
  }
  if (!pr.isDraft && clocks.waitingOnUsSince) {
    timers.push({
      name: "pr-response",
      at: addBusinessDays(new Date(clocks.waitingOnUsSince), config.pullRequests.respondWithinBusinessDays, config.timezone),
      action: "reminds the maintainers to follow up with the contributor",
    });
  }
  if (clocks.authorActiveAt && !isTracked(pr.labels, config)) {
    timers.push({
      name: "stale-pr-close",
      at: addDays(new Date(clocks.authorActiveAt), config.pullRequests.closeAfterDays),
      action: "closes the pull request",
    });
  }
  return timers.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The next timer that has not fired yet at `now`, if any. */
export function nextTimer(issue: IssueSnapshot, config: Config, now: Date): Timer | null {
  return timersOf(issue, config).find((timer) => timer.at.getTime() > now.getTime()) ?? null;
}

/**
 * When to look at a critical bug's escalation, if this transition started its clock: `/critical` (its effects
 * add the label to an issue that was not critical) or a person adding `~critical bug` by hand. The clock
 * itself is still the timeline's (the sweep re-derives it); this is only when the work queue should look.
 */
export function escalationCheckAt(before: IssueSnapshot, event: BugEvent, effects: readonly Effect[], config: Config, now: Date): Date | null {
  const label = config.labels.critical;
  if (before.isPullRequest) return null;
  // GitHub sends `labeled` only for a label that was not there: the payload's issue already has it.
  const byHand = event.kind === "labeled" && event.label === label && !event.actor.isBot;
  const added = !before.labels.includes(label) && effects.some((e) => e.type === "add-labels" && e.issue === before.number && e.labels.includes(label));
  if (!added && !byHand) return null;
  return new Date(now.getTime() + config.critical.escalateAfterMinutes * 60_000);
}
