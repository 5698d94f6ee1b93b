//! Purpose: the timers' clocks (docs/contract.md §4) from a tracked item's timeline: what people did, never `updated_at`.
import type { Config } from "./config.js";
import { same } from "./people.js";
import type { TimelineFact, TrackedItem } from "./repo-snapshot.js";
import { stateOf } from "./state.js";
import type { Clocks } from "./types.js";

/**
 * Who counts as a maintainer, by lower-case login. Only pull-request clocks need it ("a maintainer spoke
 * last"); the shell confirms logins with the permission API before anything is written.
 */
export type Maintainers = ReadonlySet<string>;

const time = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();

export function isPerson(fact: TimelineFact): fact is TimelineFact & { actor: string } {
  return !fact.actorIsBot && fact.actor !== null;
}

/** Facts before the timeline's known start may be missing (the read keeps the latest ones only). */
function floorOf(item: TrackedItem): number {
  return item.timelineStart ? time(item.timelineStart) : Number.NEGATIVE_INFINITY;
}

/** When a state began whose starting event was not read: the oldest event read, else the creation. */
function beforeEvents(item: TrackedItem): number {
  return item.eventsStart ? time(item.eventsStart) : time(item.createdAt);
}

/** A person's act that can move a bug: a label edit, a close or reopen, a command, or the reporter's reply. */
function isTrigger(fact: TimelineFact, item: TrackedItem): boolean {
  if (!isPerson(fact)) return false;
  if (["labeled", "unlabeled", "closed", "reopened"].includes(fact.kind)) return true;
  return fact.kind === "commented" && (Boolean(fact.commands?.length) || same(fact.actor, item.author));
}

/**
 * When a person caused `fact`. A person's own act counts at its time; a bot's change (this bot answering
 * `/needs-info`, another bot relabelling) counts from the last person's trigger at or before it, so a bot
 * can never start a clock later than what people did, i.e. never reset one. When that trigger may be
 * older than what was read, the earliest time still certain is used (a timer fires late, never early).
 */
function causedAt(item: TrackedItem, fact: TimelineFact): number {
  if (isPerson(fact)) return time(fact.at);
  let cause = time(item.createdAt);
  for (const other of item.timeline) {
    const at = time(other.at);
    if (at <= time(fact.at) && at > cause && isTrigger(other, item)) cause = at;
  }
  return Math.max(cause, Math.min(time(fact.at), floorOf(item)));
}

/**
 * When the bug entered the state its `labels` give: walk the label edits back from now to the edit that
 * changed the state. A reopen restarts the clock (time spent closed is not time in a state).
 */
export function stateEnteredAt(item: TrackedItem, labels: readonly string[], config: Config): number {
  const current = stateOf(labels, config, item.type);
  let after = new Set(labels);
  for (let i = item.timeline.length - 1; i >= 0; i--) {
    const fact = item.timeline[i]!;
    if (fact.kind === "reopened") return causedAt(item, fact);
    if ((fact.kind !== "labeled" && fact.kind !== "unlabeled") || fact.label === undefined) continue;
    const before = new Set(after);
    if (fact.kind === "labeled") before.delete(fact.label);
    else before.add(fact.label);
    if (stateOf([...before], config, item.type) !== current) return causedAt(item, fact);
    after = before;
  }
  return beforeEvents(item);
}

function lastFact(item: TrackedItem, match: (fact: TimelineFact) => boolean): TimelineFact | undefined {
  for (let i = item.timeline.length - 1; i >= 0; i--) if (match(item.timeline[i]!)) return item.timeline[i];
  return undefined;
}

/** When `~needs info` was last requested (the `/needs-info` command, or a person adding the label). */
export function needsInfoRequestedAt(item: TrackedItem, config: Config): number {
  const label = config.labels.needsInfo;
  const added = lastFact(item, (fact) => fact.kind === "labeled" && fact.label === label);
  return added ? causedAt(item, added) : beforeEvents(item);
}

/** A person's act on a pull request linked to the issue (docs/contract.md §4): it counts as their move. */
function isLinkedAct(fact: TimelineFact, logins: readonly string[]): fact is TimelineFact & { actor: string } {
  return fact.kind === "linked" && isPerson(fact) && logins.some((login) => same(login, fact.actor));
}

/**
 * The reporter's first comment after the request, or their first act on a linked pull request (a push, a
 * comment, a review, opening it): the answer that stops the clock (docs/contract.md §2, §4).
 */
export function needsInfoAnswer(item: TrackedItem, since: number): TimelineFact | undefined {
  return item.timeline.find(
    (fact) =>
      ((fact.kind === "commented" && isPerson(fact) && same(fact.actor, item.author) && !fact.commands?.includes("needs-info")) ||
        isLinkedAct(fact, [item.author])) &&
      time(fact.at) > since,
  );
}

/** How `/why` names a linked act: "@reporter pushed to #12 on 2026-11-18 16:00 UTC". */
export function describeLinked(fact: TimelineFact): string {
  const verb = { opened: "opened", committed: "pushed to", commented: "commented on", reviewed: "reviewed" }[fact.linkedAct ?? "commented"];
  return `@${fact.actor} ${verb} #${fact.pr} on ${fact.at.slice(0, 16).replace("T", " ")} UTC`;
}

/** When the last request for details ended: the reporter's answer (the bot removes the label right after). */
function needsInfoEndedAt(item: TrackedItem, config: Config): number | undefined {
  const label = config.labels.needsInfo;
  const removed = lastFact(item, (fact) => fact.kind === "unlabeled" && fact.label === label);
  if (!removed) return undefined;
  if (isPerson(removed)) return time(removed.at);
  const answer = lastFact(
    item,
    (fact) => ((fact.kind === "commented" && isPerson(fact) && same(fact.actor, item.author)) || isLinkedAct(fact, [item.author])) && time(fact.at) <= time(removed.at),
  );
  return answer ? time(answer.at) : causedAt(item, removed);
}

/** Clocks of a bug whose labels are `labels` (the item's, or the item's once repaired). */
export function bugClocks(item: TrackedItem, labels: readonly string[], config: Config): Clocks {
  const clocks: Clocks = {};
  const state = stateOf(labels, config, item.type);
  if (!state) return clocks;
  let entered = stateEnteredAt(item, labels, config);
  // QA answered the inbox by asking for details: its business day restarts when the reporter answers.
  const ended = state === "inbox" ? needsInfoEndedAt(item, config) : undefined;
  if (ended !== undefined) entered = Math.max(entered, ended);
  // Work on a linked pull request by the person the state waits on is their move (docs/contract.md §4): QA in
  // the inbox, the bug's assignees once reproduced. `/why` names it when it is what moved the clock.
  const waitingOn = state === "inbox" ? config.people.qa : state === "reproduced" ? item.assignees : [];
  const linked = lastFact(item, (fact) => isLinkedAct(fact, waitingOn));
  if (linked && time(linked.at) > entered) {
    entered = time(linked.at);
    clocks.linkedMove = describeLinked(linked);
  }
  if (state === "inbox" && ended !== undefined && ended >= entered) {
    const answer = lastFact(item, (fact) => isLinkedAct(fact, [item.author]) && time(fact.at) === ended);
    if (answer) clocks.linkedMove = describeLinked(answer);
  }
  clocks.enteredState = iso(entered);
  if (labels.includes(config.labels.needsInfo)) clocks.needsInfoSince = iso(needsInfoRequestedAt(item, config));
  if (labels.includes(config.labels.critical)) {
    const added = lastFact(item, (fact) => fact.kind === "labeled" && fact.label === config.labels.critical);
    clocks.criticalSince = iso(added ? causedAt(item, added) : beforeEvents(item));
  }
  return clocks;
}

/** A review the author re-requests is their word too: "please look again" (the handbook's "re-requested review"). */
const AUTHOR_UPDATES = new Set<TimelineFact["kind"]>(["commented", "committed", "reviewed", "ready-for-review", "reopened", "converted-to-draft", "review-requested"]);

/** An update by the PR's author; a commit GitHub could not tie to an account is the author's push. */
function byAuthor(fact: TimelineFact, item: TrackedItem): boolean {
  if (!AUTHOR_UPDATES.has(fact.kind)) return false;
  if (fact.kind === "committed" && fact.actor === null) return true;
  return isPerson(fact) && same(fact.actor, item.author);
}

function byMaintainer(fact: TimelineFact, item: TrackedItem, maintainers: Maintainers): boolean {
  return (
    (fact.kind === "commented" || fact.kind === "reviewed") &&
    isPerson(fact) &&
    !same(fact.actor, item.author) &&
    maintainers.has(fact.actor.toLowerCase())
  );
}

/**
 * docs/contract.md §4, "waiting on the author": the last decisive review by a maintainer requested changes and the
 * author pushed nothing since (the author's comments restart the wait), or a maintainer spoke last after
 * the author's last commit or comment (an approval is not a request to the author).
 */
export function prClocks(item: TrackedItem, maintainers: Maintainers): Clocks {
  const floor = floorOf(item);
  const authorFacts = item.timeline.filter((fact) => byAuthor(fact, item));
  const lastAuthor = Math.max(time(item.createdAt), floor, ...authorFacts.map((fact) => time(fact.at)));
  const clocks: Clocks = { authorActiveAt: iso(lastAuthor) };

  const maintainerFacts = item.timeline.filter((fact) => byMaintainer(fact, item, maintainers));
  const decisive = [...maintainerFacts]
    .reverse()
    .find((fact) => fact.kind === "reviewed" && (fact.reviewState === "APPROVED" || fact.reviewState === "CHANGES_REQUESTED"));
  const lastPush = Math.max(
    Number.NEGATIVE_INFINITY,
    ...authorFacts.filter((fact) => fact.kind === "committed").map((fact) => time(fact.at)),
  );
  if (decisive?.reviewState === "CHANGES_REQUESTED" && lastPush <= time(decisive.at)) {
    clocks.waitingOnAuthorSince = iso(Math.max(time(decisive.at), lastAuthor));
    return clocks;
  }
  const since = maintainerFacts.filter((fact) => time(fact.at) > lastAuthor);
  const last = since.at(-1);
  if (since[0] && !(last?.kind === "reviewed" && last.reviewState === "APPROVED")) {
    clocks.waitingOnAuthorSince = iso(Math.max(time(since[0].at), floor));
    return clocks;
  }
  const waitingOnUs = waitingOnUsSince(item, authorFacts, maintainerFacts, floor);
  if (waitingOnUs !== undefined) clocks.waitingOnUsSince = iso(waitingOnUs);
  return clocks;
}

/**
 * The contributor's first act after the last maintainer's review or comment (opening the PR counts), so
 * the waiting period, and the reminder's marker, start there. Marking the PR ready restarts it: a draft
 * waits on nobody. A maintainer's word older than what was read is unknown, so the period starts no
 * earlier than the read (a reminder comes late, never early). Undefined when a maintainer spoke last.
 */
function waitingOnUsSince(item: TrackedItem, authorFacts: TimelineFact[], maintainerFacts: TimelineFact[], floor: number): number | undefined {
  const lastMaintainer = Math.max(Number.NEGATIVE_INFINITY, ...maintainerFacts.map((fact) => time(fact.at)));
  const acts = [time(item.createdAt), ...authorFacts.filter((fact) => fact.kind !== "converted-to-draft").map((fact) => time(fact.at))];
  const after = acts.filter((at) => at > lastMaintainer);
  if (!after.length) return undefined;
  let start = Math.max(Math.min(...after), floor);
  const ready = lastFact(item, (fact) => fact.kind === "ready-for-review");
  if (ready) start = Math.max(start, time(ready.at));
  return start;
}
