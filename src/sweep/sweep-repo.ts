//! Purpose: one repository's sweep: bulk read → decide (pure core) → re-check each due item fresh → write, within the run's write budget.
import type { Logger } from "probot";
import { forEachPage, type RecentIssueNode } from "../github/bulk-read.js";
import { IdBook } from "../github/ids.js";
import { planWrites } from "../lifecycle/plan.js";
import type { TrackedItem } from "../lifecycle/repo-snapshot.js";
import { isReproducedOrLater, stateOf } from "../lifecycle/state.js";
import { replayWindow, unansweredCommands } from "../lifecycle/unanswered.js";
import { readBoardForSweep, type BoardReads, type Card, type SweepBoard } from "../board/read-items.js";
import { postWeeklyReport } from "../report/post.js";
import type { Octokit } from "../runtime/clients.js";
import type { Delivery } from "../runtime/delivery.js";
import type { SweepPort } from "../runtime/port.js";
import { repairClosedByMerge } from "./closed-by-merge.js";
import { closedCardsToCorrect } from "./closed-cards.js";
import { MaintainerCheck } from "./maintainers.js";
import { recentTalk, replayUnanswered } from "./replay-commands.js";
import { requestCounter } from "./request-counter.js";
import { planByRule, splitByRule } from "../lifecycle/rules.js";
import { distinct, logShadow, shadowOf, type ShadowDecision } from "../write/shadow.js";
import { decideItem, effectsOf, sweepDueItem, type DueItem, type ItemContext } from "./sweep-item.js";

export type { DueItem } from "./sweep-item.js";

export interface RepoSweepInput {
  /** The runtime's caches, config and Slack posts. */
  port: SweepPort;
  octokit: Octokit;
  repo: { owner: string; name: string };
  now: Date;
  /** `DRY_RUN` or `--dry-run`; the repository's `dryRun: true` is added to it. */
  dryRun: boolean;
  log: Logger;
  runId: string;
  /** The token's own login when it is a person's token (its comments are the bot's). */
  self?: string | undefined;
  /**
   * The runtime's delivery handler: with it, the sweep re-runs the command comments the bot never answered
   * (src/sweep/replay-commands.ts). Without it (simulate's world, which loses no webhook), that rule is off.
   */
  replay?: ((delivery: Delivery) => Promise<void>) | undefined;
  /** The repository's installation, named in a replayed delivery (the app; a token run has none). */
  installationId?: number | undefined;
  /** The run's board reads, shared by its repositories: a project is read once per sweep, not per repository. */
  boards?: BoardReads | undefined;
  /**
   * The per-issue exclusion webhooks take (`owner/name#number`): one process passes the runtime's, so a due
   * item's re-check and writes never interleave with a delivery for the same issue.
   */
  exclusive?: (<T>(key: string, task: () => Promise<T>) => Promise<T>) | undefined;
  /**
   * Replicas: instead of acting here, hand each due item (within the write budget) to the fleet's queue,
   * which runs `sweepHandedOff` in the issue's own shard, behind and ahead of that issue's webhooks.
   */
  handOff?: ((item: DueItem) => Promise<void>) | undefined;
}

export interface RepoSweepResult {
  repo: string;
  /** Why nothing was decided (invalid config, or an API failure), if so. */
  error?: string;
  bugs: number;
  pulls: number;
  /** Items acted on (or that would be, in dry run), by rule. */
  actions: Record<string, number>;
  /** Due but over the write budget: the next run does them, oldest deadline first. */
  deferred: number;
  /** Due in the bulk read, but the fresh re-check found nothing left to do. */
  rechecked: number;
  /** Items whose re-check or write failed (logged one by one); the next run tries again. */
  errors: number;
  orphans: number[];
  reproducedOrphans: number[];
  /** What rules in `shadow` would write now (docs/rules.md): logged, listed in the weekly report, never written. */
  shadowed: ShadowDecision[];
  reads: number;
  writes: number;
  /** With `handOff`: due items queued into their issues' shards (each counted as one write of the budget). */
  handedOff?: number;
}

/** Only the number and deadline of a due item are kept: the write path reads the item fresh anyway. */
interface Due {
  number: number;
  deadline: number;
  /** A bug by type (no `bug` label): the re-check reads its type again. */
  type?: string | null | undefined;
}

export async function sweepRepo(input: RepoSweepInput): Promise<RepoSweepResult> {
  const { octokit, repo, log } = input;
  const counter = requestCounter(octokit);
  const start = { ...counter };
  const result: RepoSweepResult = {
    repo: `${repo.owner}/${repo.name}`,
    bugs: 0,
    pulls: 0,
    actions: {},
    deferred: 0,
    rechecked: 0,
    errors: 0,
    orphans: [],
    reproducedOrphans: [],
    shadowed: [],
    reads: 0,
    writes: 0,
  };
  const finish = () => ({ ...result, reads: counter.reads - start.reads, writes: counter.writes - start.writes });
  const loaded = await input.port.config(octokit, repo, log.child({ repo: result.repo }), "no sweep in this repository");
  if (!loaded.ok) return { ...finish(), error: `invalid .github/bug-lifecycle.yml: ${loaded.errors[0] ?? ""}` };
  const config = loaded.config;
  const ids = new IdBook();
  const check = new MaintainerCheck(octokit, repo, input.port.caches.sweepMaintainers);
  const due: Due[] = [];
  const window = replayWindow(input.now);
  const unanswered: { nodeId: string; number: number; count: number }[] = [];
  // The recently updated issues' last comments ride in the bulk read's requests (no request of their own).
  const talk = input.replay && {
    since: window.since.toISOString(),
    onTalk: (issues: RecentIssueNode[]) => {
      for (const node of issues) {
        const count = unansweredCommands(recentTalk(node, input.self), window).length;
        if (count) unanswered.push({ nodeId: node.id, number: node.number, count });
      }
    },
  };
  // The bugs board, read once for the run (⌈cards / 100⌉ requests): its drift is repaired with the timers.
  const board: SweepBoard | null = config.board ? await readBoardForSweep(octokit, config.board, input.boards ?? new Map(), input.self, log, result.repo) : null;
  const cardOfItem = (number: number): Card | null => (board?.read ? (board.read.cards.get(ids.issues.get(number) ?? "") ?? null) : null);
  const read = await forEachPage(octokit, repo, config, ids, { self: input.self }, async (items) => {
    for (const item of items) {
      if (item.isPullRequest) result.pulls++;
      else {
        result.bugs++;
        report(item, config, result);
      }
      const decided = await decideItem(item, config, input.now, check, board?.read ? { card: cardOfItem(item.number) } : null);
      const { plans } = decided;
      const snapshot = new Map([[item.number, item]]);
      // docs/rules.md: a shadowed rule's decisions are counted here; they never make an item due (no fresh read, no budget).
      const split = splitByRule(effectsOf(plans), config);
      const shadow = shadowOf(planByRule(split.shadow, snapshot));
      const column = config.rules.board === "on" ? decided.column : null;
      if (config.rules.board === "shadow" && decided.column !== null) shadow.push({ rule: "board", issue: item.number, write: `board-status ${decided.column}` });
      result.shadowed.push(...shadow);
      // The bulk read already shows some of it done (a marker, a label): only what is left needs a fresh look.
      if (!planWrites(split.act, snapshot).length && column === null) {
        logShadow(log, shadow, { repo: result.repo, delivery: `sweep:${input.runId}` });
        continue;
      }
      due.push({ number: item.number, deadline: Math.min(...plans.map((plan) => plan.deadline.getTime())), ...(item.type && { type: item.type }) });
    }
  }, talk);

  // Closed bugs are not in the bug pages: their cards come from the board read (a close the webhook missed,
  // or a closed bug a maintainer dragged back onto the board).
  // A closed bug by type (no label) is named by one REST listing, made only when such a card is off its column.
  for (const closed of board?.read ? await closedCardsToCorrect(octokit, repo, board.read.cards, config) : []) {
    ids.issues.set(closed.number, closed.nodeId);
    due.push({ number: closed.number, deadline: closed.deadline, ...(closed.type && { type: closed.type }) });
  }

  due.sort((a, b) => a.deadline - b.deadline || a.number - b.number);
  let budget = config.sweep.maxWrites;
  const dryRun = input.dryRun || config.dryRun;
  // What each due item's re-check and writes share: the repository's, read once for the run.
  const unit: ItemContext = { port: input.port, octokit, repo, config, ids, check, repositoryId: read.repositoryId, now: input.now, dryRun, log, runId: input.runId, self: input.self, board: board?.read?.board ?? null };
  // Command comments whose run never happened (GitHub cancelled a pending run, a webhook was lost), before the
  // timers: a person's command is what they asked for, and it changes what is due (a `/reproduced` that never ran
  // leaves the bug in the inbox, whose reminder would otherwise nag QA for what they did). The due items are
  // re-checked fresh below. They go through the webhook's own handler, so running one twice changes nothing.
  if (input.replay && unanswered.length) {
    try {
      const replayed = await replayUnanswered({ octokit, repo, candidates: unanswered, window, dryRun, log, runId: input.runId, self: input.self, installationId: input.installationId, replay: input.replay, budget });
      budget -= replayed.replayed.length;
      if (replayed.replayed.length) result.actions["unanswered-command"] = replayed.replayed.length;
      result.rechecked += replayed.rechecked;
      result.deferred += replayed.deferred;
      result.errors += replayed.errors;
    } catch (error) {
      result.errors++;
      log.error({ repo: result.repo, err: error }, "sweep: could not re-run unanswered commands");
    }
  }
  for (const { number, type } of due) {
    if (budget <= 0) {
      result.deferred++;
      continue;
    }
    try {
      if (input.handOff) {
        await input.handOff({ number, nodeId: ids.issues.get(number) ?? "", repositoryId: read.repositoryId, ...(type && { type }) });
        result.handedOff = (result.handedOff ?? 0) + 1;
        budget -= 1;
        continue;
      }
      const key = `${repo.owner}/${repo.name}#${number}`;
      const outcome = input.exclusive ? await input.exclusive(key, () => sweepDueItem(unit, number, type)) : await sweepDueItem(unit, number, type);
      budget -= outcome.requests;
      if (outcome.rechecked) result.rechecked++;
      if (outcome.failed) result.errors++;
      for (const rule of outcome.rules) result.actions[rule] = (result.actions[rule] ?? 0) + 1;
    } catch (error) {
      // One item's failure (a 502, a deleted issue) must not stop the others; the next run retries it.
      result.errors++;
      log.error({ repo: result.repo, issue: number, err: error }, "sweep: could not act on this item");
    }
  }
  // Bugs GitHub closed for a merged PR's closing keyword while the bot missed the webhooks.
  try {
    const merged = await repairClosedByMerge({ ...unit, budget });
    budget -= merged.writes;
    result.errors += merged.errors;
    if (merged.repaired.length) result.actions["closed-by-merge"] = merged.repaired.length;
  } catch (error) {
    result.errors++;
    log.error({ repo: result.repo, err: error }, "sweep: could not repair bugs closed by a merge");
  }
  // The weekly report rides on the sweep's schedule; it costs nothing without `report.issue`.
  try {
    // The week's shadow decisions: this process's webhooks and timers (its ledger), and this run's sweep rules.
    const ledger = input.port.caches.shadow;
    const shadowed = distinct([...(ledger.get(result.repo.toLowerCase()) ?? []), ...result.shadowed]);
    const weekly = await postWeeklyReport(octokit, repo, config, input.now, { dryRun, self: input.self, port: input.port, log, runId: input.runId, shadowed });
    if (weekly.posted) ledger.delete(result.repo.toLowerCase());
    if (weekly.posted || weekly.reason === "dry run") result.actions["weekly-report"] = 1;
  } catch (error) {
    result.errors++;
    log.error({ repo: result.repo, err: error }, "sweep: could not post the weekly report");
  }
  return finish();
}

/** Orphans are reported, never fixed: the bot does not guess an owner. */
function report(item: TrackedItem, config: Parameters<typeof stateOf>[1], result: RepoSweepResult): void {
  const state = stateOf(item.labels, config, item.type);
  if (state === "orphan") result.orphans.push(item.number);
  else if (isReproducedOrLater(state) && !item.assignees.length) result.reproducedOrphans.push(item.number);
}
