//! Purpose: issues.* and issue_comment.created → derive → gather what the core's intake needs → decide → apply.
import { defaultConfig as defaultsOnly } from "../lifecycle/config.js";
import { boardFollows, gateOf, intakeOf, onInvalidConfig } from "../lifecycle/intake.js";
import { stateOf } from "../lifecycle/state.js";
import { escalationCheckAt } from "../lifecycle/timers.js";
import { transition } from "../lifecycle/transition.js";
import { toEvent, type Derived } from "../github/to-event.js";
import { installationOf, type Delivery } from "../runtime/delivery.js";
import type { EventDelivery } from "../runtime/event-delivery.js";
import type { AppPort } from "../runtime/port.js";
import { apply, type Change } from "../write/apply.js";
import { gatherFacts } from "./issue-facts.js";
import { directory } from "../github/directory.js";
import { withRepoGroups } from "../lifecycle/repo-groups.js";
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

export async function onIssueEvent(delivery: EventDelivery<"issues" | "issue_comment">, port: AppPort): Promise<void> {
  const parsed = toEvent(delivery);
  if (!parsed.ok) {
    port.log.warn({ delivery: delivery.id, event: delivery.name }, parsed.reason);
    return;
  }
  const derived = parsed.derived;
  // The core's own gate (bots, conversation): about one delivery in two is the echo of the bot's writes.
  if (!derived || !gateOf(derived.issue, derived.event).matters) return;
  const { repo, issue } = derived;
  await port.exclusive(`${repo.owner}/${repo.name}#${issue.number}`, () => decideAndApply(delivery, port, derived));
}

/** Gathers what the core's intake says the decision needs, decides, applies: no rule of its own. */
async function decideAndApply(delivery: Delivery, port: AppPort, derived: Derived): Promise<void> {
  const { repo, ids } = derived;
  const log = port.log.child({ delivery: delivery.id, repo: `${repo.owner}/${repo.name}`, issue: derived.issue.number });
  const octokit = await port.clientFor(delivery);
  const loaded = await port.config(octokit, repo, log, "no lifecycle action in this repository");
  const change = { octokit, repo, ids, dryRun: port.dryRun, delivery: delivery.id, log };
  if (!loaded.ok) {
    // A command is answered on the issue with what is wrong (the core decides the reply).
    const decision = onInvalidConfig(derived.issue, derived.event, loaded.errors);
    if (!decision.effects.length) return;
    await apply(port, { ...change, config: defaultsOnly, effects: decision.effects, snapshots: [], line: { msg: "transition", fields: { event: derived.event.kind, rule: decision.rule } } });
    return;
  }
  const intakeConfig = loaded.config;
  // A change the core leaves alone (a person's close or reopen, a label edit no rule answers) still moves the
  // bug's card: no effects, only the Status, and nothing when the card already shows it.
  const followBoard = (snapshot: Change["snapshots"][number], rule: string, kind: string) =>
    config.board
      ? apply(port, { ...change, config, effects: [], snapshots: [snapshot], cards: { kind: "follow" }, line: { msg: "transition", fields: { event: kind, rule } } })
      : log.debug({ event: kind, effects: 0 }, rule);

  const first = intakeOf(derived.issue, derived.event, intakeConfig);
  // Sensible without a config (docs/rules.md): the repository's `#g-*` labels are groups too. The directory is
  // the write path's own cached read (10 minutes), so this costs nothing the writes would not.
  const config = first.matters && first.needs.groupLabels ? withRepoGroups(intakeConfig, [...(await directory(octokit, repo, intakeConfig, port.caches.directory)).labels.keys()]) : intakeConfig;
  const intake = config === intakeConfig ? first : intakeOf(derived.issue, derived.event, config);
  if (!intake.matters) {
    if (boardFollows(derived.issue, derived.event) && stateOf(derived.issue.labels, config, derived.issue.type)) return void (await followBoard(derived.issue, intake.rule, derived.event.kind));
    return log.debug({ event: derived.event.kind, rule: intake.rule }, "transition");
  }
  const { event, issue, fresh, readFresh } = await gatherFacts(port, { octokit, repo, ids, config, derived, needs: intake.needs });
  const now = port.now();
  const decision = transition(issue, event, config, now);
  const fields = { event: event.kind, state: decision.state, rule: decision.rule };
  // `/critical` (or the label by hand) starts a clock of minutes: the work queue looks again when it runs out.
  const checkAt = escalationCheckAt(issue, event, decision.effects, config, now);
  const schedule = async () => {
    if (!checkAt || !port.later) return;
    const job = timerDelivery(delivery, "critical-escalation", repo, { number: issue.number, nodeId: ids.issues.get(issue.number) ?? "" }, checkAt, installationOf(delivery));
    const result = await port.later(job, checkAt.getTime());
    log.info({ timer: "critical-escalation", at: checkAt.toISOString(), job: job.id, result }, "timer scheduled");
  };
  if (!decision.effects.length) {
    if (boardFollows(issue, event)) return void (await followBoard(issue, decision.rule, event.kind));
    log.debug({ ...fields, effects: 0 }, "transition");
    return schedule();
  }
  // Comments are posted once per reason: that needs the markers already on the issue, read fresh.
  const current = fresh ?? (decision.effects.some((effect) => effect.type === "comment") ? await readFresh() : null);
  const snapshot = current ? { ...current, markers: current.markers ?? [] } : issue;
  const status = { by: "actor" in event ? event.actor.login : undefined, undo: decision.undo };
  await apply(port, { ...change, config, effects: decision.effects, snapshots: [snapshot], cards: { kind: "follow" }, line: { msg: "transition", fields }, now, status });
  await schedule();
}
