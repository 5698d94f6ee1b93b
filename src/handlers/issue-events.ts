//! Purpose: issues.* and issue_comment.created → derive → decide → execute (SPEC §1–3).
import { bugClocks } from "../lifecycle/clocks.js";
import { defaultConfig as defaultsOnly } from "../lifecycle/config.js";
import { newCommands, type Command } from "../lifecycle/parse-commands.js";
import { same } from "../lifecycle/people.js";
import { say } from "../lifecycle/say.js";
import { escalationCheckAt } from "../lifecycle/timers.js";
import { transition } from "../lifecycle/transition.js";
import type { IssueSnapshot } from "../lifecycle/types.js";
import { isMaintainer } from "../github/permissions.js";
import { readItem } from "../github/bulk-read.js";
import { readIssue, readIssues } from "../github/read-issues.js";
import { sentByBot, toEvent, type Derived } from "../github/to-event.js";
import { installationOf, type Delivery } from "../runtime/delivery.js";
import type { Runtime } from "../runtime/runtime.js";
import { apply, clientFor } from "./shared.js";
import { timerDelivery } from "./timers.js";

export async function onIssueEvent(delivery: Delivery, runtime: Runtime): Promise<void> {
  // About one in two deliveries is the echo of the bot's own writes: drop bots before reading the payload.
  if (sentByBot(delivery.payload)) return;
  const parsed = toEvent(delivery.name, delivery.payload);
  if (!parsed.ok) {
    runtime.log.warn({ delivery: delivery.id, event: delivery.name }, parsed.reason);
    return;
  }
  const derived = parsed.derived;
  if (!derived || ("actor" in derived.event && derived.event.actor.isBot)) return;
  const { event, issue, repo } = derived;
  const commands = event.kind === "commented" && !issue.isPullRequest ? newCommands(event.comment.body, event.comment.previousBody) : [];
  // Most comments are conversation: only commands and the reporter's own new replies can matter.
  const edited = event.kind === "commented" && event.comment.previousBody !== undefined;
  if (event.kind === "commented" && !commands.length && (edited || !same(event.actor.login, issue.author))) return;

  await runtime.exclusive(`${repo.owner}/${repo.name}#${issue.number}`, () => decideAndApply(delivery, runtime, derived, commands));
}

async function decideAndApply(
  delivery: Delivery,
  runtime: Runtime,
  derived: Derived,
  commands: Command[],
): Promise<void> {
  const { repo, ids } = derived;
  let { event, issue } = derived;
  const log = runtime.log.child({ delivery: delivery.id, repo: `${repo.owner}/${repo.name}`, issue: issue.number });
  const octokit = await clientFor(delivery, runtime);
  const loaded = await runtime.config(octokit, repo);
  const dryRun = runtime.settings.dryRun;
  if (!loaded.ok) {
    log.error({ errors: loaded.errors }, "invalid .github/bug-lifecycle.yml: no lifecycle action in this repository");
    if (event.kind === "commented" && commands.length) {
      const body = say(defaultsOnly, "invalidConfig", { errors: loaded.errors.map((e) => `- \`${e}\``).join("\n") });
      const effects = [{ type: "comment" as const, issue: issue.number, key: `invalid-config:${event.comment.id}`, body }];
      const decision = { event: event.kind, rule: "invalid-config" };
      await apply({ runtime, octokit, repo, ids, effects, snapshots: [], dryRun, log, delivery: delivery.id, config: defaultsOnly, decision });
    }
    return;
  }
  const config = loaded.config;
  if (event.kind === "commented" && !commands.length && !issue.labels.includes(config.labels.needsInfo)) return;

  if (event.kind === "commented" && commands.some((command) => command.name !== "why")) {
    event.actor.isMaintainer = await isMaintainer(octokit, repo.owner, repo.name, event.actor.login, runtime.caches.permissions);
  }
  if (event.kind === "opened" && config.inbox.acknowledge && issue.labels.includes(config.labels.bug)) {
    issue = { ...issue, authorIsMaintainer: await isMaintainer(octokit, repo.owner, repo.name, issue.author, runtime.caches.permissions) };
  }
  // Reopening restores what the bot saved when it closed: that is in the comments, not the payload.
  const needsHistory = event.kind === "reopened" || commands.some((command) => command.name === "reopen");
  let fresh: IssueSnapshot | null = needsHistory ? await readIssue(octokit, repo, issue.number, ids) : null;

  // GitHub closed a bug for a merged PR's closing keyword (the payload names the merger, the timeline the PR).
  if (event.kind === "closed") {
    if (!config.pullRequests.reopenClosedByMerge || !issue.labels.includes(config.labels.bug)) return;
    fresh = (await readIssues(octokit, repo, [issue.number], ids))[0] ?? null;
    if (!fresh?.closedByMerge) return log.debug({ event: "closed" }, "closed by a person: stays closed");
    event = { kind: "closed-by-merge", pr: fresh.closedByMerge };
    issue = fresh;
  }
  if (fresh) issue = { ...issue, restore: fresh.restore ?? null, closedBy: fresh.closedBy ?? null };

  // `/why` names the next timer: its clock comes from the timeline, which only this command needs. The same
  // read has the labels, assignees and the bot's markers, so the reply needs no second fresh read.
  if (commands.some((command) => command.name === "why")) {
    const item = await readItem(octokit, ids.issues.get(issue.number) ?? "", ids);
    if (item) issue = { ...issue, clocks: bugClocks(item, issue.labels, config) };
    fresh ??= item;
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
    log.debug({ ...line, effects: 0 }, "transition");
    return schedule();
  }
  // Comments are posted once per reason: that needs the markers already on the issue, read fresh.
  if (!fresh && decision.effects.some((effect) => effect.type === "comment")) {
    fresh = await readIssue(octokit, repo, issue.number, ids);
  }
  const current = fresh ? { ...fresh, markers: fresh.markers ?? [] } : issue;
  await apply({ runtime, octokit, repo, ids, effects: decision.effects, snapshots: [current], dryRun: dryRun || config.dryRun, log, delivery: delivery.id, config, decision: line });
  await schedule();
}
