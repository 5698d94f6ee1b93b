//! Purpose: issues.* and issue_comment.created → derive → decide → execute (SPEC §1–3).
import { bugClocks } from "../lifecycle/clocks.js";
import { defaultConfig as defaultsOnly } from "../lifecycle/config.js";
import { boardFollows, gateOf, intakeOf, onInvalidConfig } from "../lifecycle/intake.js";
import { stateOf } from "../lifecycle/state.js";
import { escalationCheckAt } from "../lifecycle/timers.js";
import { transition } from "../lifecycle/transition.js";
import type { IssueSnapshot } from "../lifecycle/types.js";
import { isMaintainer } from "../github/permissions.js";
import { inspectBoard } from "../board/inspect-board.js";
import { readItem } from "../github/bulk-read.js";
import { readIssue, readIssues } from "../github/read-issues.js";
import { toEvent, type Derived } from "../github/to-event.js";
import { installationOf, type Delivery } from "../runtime/delivery.js";
import type { EventDelivery } from "../runtime/event-delivery.js";
import { selfOf } from "../runtime/identity.js";
import type { Runtime } from "../runtime/runtime.js";
import { apply, clientFor } from "./shared.js";
import { timerDelivery } from "./timers.js";

/**
 * The core's own gate on the payload alone (bots, conversation): about one delivery in two is the echo of the
 * bot's writes. The server asks it before queueing (`Route.matters`); a payload it cannot read goes on, to be
 * logged by the handler.
 */
export function issueEventMatters(delivery: EventDelivery<"issues" | "issue_comment">): boolean {
  const parsed = toEvent(delivery);
  if (!parsed.ok) return true;
  return Boolean(parsed.derived && gateOf(parsed.derived.issue, parsed.derived.event).matters);
}

export async function onIssueEvent(delivery: EventDelivery<"issues" | "issue_comment">, runtime: Runtime): Promise<void> {
  const parsed = toEvent(delivery);
  if (!parsed.ok) {
    runtime.log.warn({ delivery: delivery.id, event: delivery.name }, parsed.reason);
    return;
  }
  const derived = parsed.derived;
  // The core's own gate (bots, conversation): about one delivery in two is the echo of the bot's writes.
  if (!derived || !gateOf(derived.issue, derived.event).matters) return;
  const { repo, issue } = derived;
  await runtime.exclusive(`${repo.owner}/${repo.name}#${issue.number}`, () => decideAndApply(delivery, runtime, derived));
}

/** Gathers what the core's intake says the decision needs, decides, applies: no rule of its own. */
async function decideAndApply(delivery: Delivery, runtime: Runtime, derived: Derived): Promise<void> {
  const { repo, ids } = derived;
  let { event, issue } = derived;
  const log = runtime.log.child({ delivery: delivery.id, repo: `${repo.owner}/${repo.name}`, issue: issue.number });
  const octokit = await clientFor(delivery, runtime);
  const loaded = await runtime.config(octokit, repo);
  const dryRun = runtime.settings.dryRun;
  if (!loaded.ok) {
    log.error({ errors: loaded.errors }, "invalid .github/bug-lifecycle.yml: no lifecycle action in this repository");
    const decision = onInvalidConfig(issue, event, loaded.errors);
    if (!decision.effects.length) return;
    const line = { event: event.kind, rule: decision.rule };
    await apply({ runtime, octokit, repo, ids, effects: decision.effects, snapshots: [], dryRun, log, delivery: delivery.id, config: defaultsOnly, decision: line });
    return;
  }
  const config = loaded.config;
  // A change the core leaves alone (a person's close or reopen, a label edit no rule answers) still moves the
  // bug's card: `apply` with no effects writes only the Status, and nothing when the card already shows it.
  const followBoard = async (snapshot: IssueSnapshot, rule: string) => {
    if (!config.board) return log.debug({ event: event.kind, effects: 0 }, rule);
    await apply({ runtime, octokit, repo, ids, effects: [], snapshots: [snapshot], dryRun: dryRun || config.dryRun, log, delivery: delivery.id, config, decision: { event: event.kind, rule } });
  };
  const intake = intakeOf(issue, event, config);
  if (!intake.matters) {
    if (boardFollows(issue, event) && stateOf(issue.labels, config)) return followBoard(issue, intake.rule);
    return log.debug({ event: event.kind, rule: intake.rule }, "transition");
  }
  const { needs } = intake;

  if (needs.actorIsMaintainer && "actor" in event) {
    event = { ...event, actor: { ...event.actor, isMaintainer: await isMaintainer(octokit, repo.owner, repo.name, event.actor.login, runtime.caches.permissions) } };
  }
  if (needs.authorIsMaintainer) {
    issue = { ...issue, authorIsMaintainer: await isMaintainer(octokit, repo.owner, repo.name, issue.author, runtime.caches.permissions) };
  }
  // Whose comments are the bot's in every fresh read (a personal token's own, too): read once by the runtime.
  const own = async () => ({ self: await selfOf(runtime) });
  // Reopening restores what the bot saved when it closed: that is in the comments, not the payload.
  let fresh: IssueSnapshot | null = needs.history ? await readIssue(octokit, repo, issue.number, ids, await own()) : null;

  // GitHub closed a bug for a merged PR's closing keyword (the payload names the merger, the timeline the PR).
  if (needs.closer) {
    fresh = (await readIssues(octokit, repo, [issue.number], ids, await own()))[0] ?? null;
    if (fresh?.closedByMerge) {
      event = { kind: "closed-by-merge", pr: fresh.closedByMerge };
      issue = fresh;
    }
  }
  if (fresh) issue = { ...issue, restore: fresh.restore ?? null, closedBy: fresh.closedBy ?? null };

  // `/why` names the next timer: its clock comes from the timeline, which only this command needs. The same
  // read has the labels, assignees and the bot's markers, so the reply needs no second fresh read.
  if (needs.clocks) {
    const item = await readItem(octokit, ids.issues.get(issue.number) ?? "", ids, await own());
    if (item) issue = { ...issue, clocks: bugClocks(item, issue.labels, config) };
    fresh ??= item;
    // The bugs board's problems (an option renamed or deleted, a missing project or field) are shown here.
    const board = await inspectBoard(octokit, config, runtime.caches, ids.issues.get(issue.number));
    if (board) {
      issue = { ...issue, board };
      if (fresh) fresh = { ...fresh, board };
    }
  }

  const decision = transition(issue, event, config, runtime.now());
  const line = { event: event.kind, state: decision.state, rule: decision.rule };
  // `/critical` (or the label by hand) starts a clock of minutes: the work queue looks again when it runs out.
  const checkAt = escalationCheckAt(issue, event, decision.effects, config, runtime.now());
  const schedule = async () => {
    if (!checkAt || !runtime.later) return;
    const job = timerDelivery(delivery, "critical-escalation", repo, { number: issue.number, nodeId: ids.issues.get(issue.number) ?? "" }, checkAt, installationOf(delivery));
    const result = await runtime.later(job, checkAt.getTime());
    log.info({ timer: "critical-escalation", at: checkAt.toISOString(), job: job.id, result }, "timer scheduled");
  };
  if (!decision.effects.length) {
    if (boardFollows(issue, event)) return followBoard(issue, decision.rule);
    log.debug({ ...line, effects: 0 }, "transition");
    return schedule();
  }
  // Comments are posted once per reason: that needs the markers already on the issue, read fresh.
  if (!fresh && decision.effects.some((effect) => effect.type === "comment")) {
    fresh = await readIssue(octokit, repo, issue.number, ids, await own());
  }
  const current = fresh ? { ...fresh, markers: fresh.markers ?? [] } : issue;
  await apply({ runtime, octokit, repo, ids, effects: decision.effects, snapshots: [current], dryRun: dryRun || config.dryRun, log, delivery: delivery.id, config, decision: line });
  await schedule();
}
