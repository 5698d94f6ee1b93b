//! Purpose: one repository's sweep: bulk read → decide (pure core) → re-check each due item fresh → write, within budget.
import type { Logger, ProbotOctokit } from "probot";
import type { Caches } from "../runtime/caches.js";
import { forEachPage, readItem, readItemWithCard, type RecentIssueNode } from "../github/bulk-read.js";
import { loadRepoConfig } from "../config/load.js";
import { brief, execute } from "../github/execute.js";
import { IdBook } from "../github/ids.js";
import type { Config } from "../lifecycle/config.js";
import { planWrites } from "../lifecycle/plan.js";
import type { TrackedItem } from "../lifecycle/repo-snapshot.js";
import { isReproducedOrLater, stateOf } from "../lifecycle/state.js";
import { planSweep, type SweepPlan } from "../lifecycle/sweep-plan.js";
import { postWeeklyReport } from "../report/post.js";
import type { Effect } from "../lifecycle/types.js";
import { assumingCommunity, MaintainerCheck, maintainerHints } from "./maintainers.js";
import { repairClosedByMerge } from "./closed-by-merge.js";
import { requestCounter } from "./request-counter.js";
import { recentTalk, replayUnanswered } from "./replay-commands.js";
import { replayWindow, unansweredCommands } from "../lifecycle/unanswered.js";
import type { Delivery } from "../runtime/delivery.js";
import { boardWrites, readBoardForSweep, type BoardReads, type SweepBoard } from "./board-drift.js";
import { cardTarget, closedCardDrifts, moverToConfirm, planBoardDrift, withDrift } from "../lifecycle/board/drift.js";
import type { Card } from "../board/read-items.js";
import { readBoard, type Board } from "../board/read-board.js";

export interface RepoSweepInput {
  octokit: ProbotOctokit;
  repo: { owner: string; name: string };
  now: Date;
  /** `DRY_RUN` or `--dry-run`; the repository's `dryRun: true` is added to it. */
  dryRun: boolean;
  log: Logger;
  runId: string;
  /** The token's own login when it is a person's token (its comments are the bot's). */
  self?: string | undefined;
  /** The runtime's caches (config, directory, maintainers). */
  caches: Caches;
  /** Posts to `SLACK_ESCALATION_WEBHOOK_URL`, when set (a critical bug product did not confirm). */
  escalate?: ((text: string) => Promise<void>) | undefined;
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
   * which runs `sweepItem` in the issue's own shard, behind and ahead of that issue's webhooks.
   */
  handOff?: ((item: DueItem) => Promise<void>) | undefined;
}

/** A due item as the sweep hands it to the issue's shard: enough to read it fresh and write by node id. */
export interface DueItem {
  number: number;
  nodeId: string;
  repositoryId: string;
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
  reads: number;
  writes: number;
  /** With `handOff`: due items queued into their issues' shards (each counted as one write of the budget). */
  handedOff?: number;
}

/** Only the number and deadline of a due item are kept: the write path reads the item fresh anyway. */
interface Due {
  number: number;
  deadline: number;
}

const NOBODY: ReadonlySet<string> = new Set();

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
    reads: 0,
    writes: 0,
  };
  const finish = () => ({ ...result, reads: counter.reads - start.reads, writes: counter.writes - start.writes });
  const loaded = await loadRepoConfig(octokit, repo, input.caches.config);
  if (!loaded.ok) {
    log.error({ repo: result.repo, errors: loaded.errors }, "invalid .github/bug-lifecycle.yml: no sweep in this repository");
    return { ...finish(), error: `invalid .github/bug-lifecycle.yml: ${loaded.errors[0] ?? ""}` };
  }
  const config = loaded.config;
  const ids = new IdBook();
  const check = new MaintainerCheck(octokit, repo, input.caches.sweepMaintainers);
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
      const { plans, column } = await decide(item, config, input.now, check, board?.read ? { card: cardOfItem(item.number) } : null);
      // The bulk read already shows some of it done (a marker, a label): only what is left needs a fresh look.
      if (!planWrites(effectsOf(plans), new Map([[item.number, item]])).length && column === null) continue;
      due.push({ number: item.number, deadline: Math.min(...plans.map((plan) => plan.deadline.getTime())) });
    }
  }, talk);

  // Closed bugs are not in the bug pages: their cards come from the board read (a close the webhook missed,
  // or a closed bug a maintainer dragged back onto the board).
  for (const [nodeId, card] of board?.read?.cards ?? []) {
    const issue = card.issue;
    if (!issue?.closed || issue.repo.toLowerCase() !== result.repo.toLowerCase() || !closedCardDrifts(issue.labels, card, config)) continue;
    ids.issues.set(issue.number, nodeId);
    due.push({ number: issue.number, deadline: Date.parse(card.valueUpdatedAt ?? "") || 0 });
  }

  due.sort((a, b) => a.deadline - b.deadline || a.number - b.number);
  let budget = config.sweep.maxWrites;
  const dryRun = input.dryRun || config.dryRun;
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
  for (const { number } of due) {
    if (budget <= 0) {
      result.deferred++;
      continue;
    }
    try {
      if (input.handOff) {
        await input.handOff({ number, nodeId: ids.issues.get(number) ?? "", repositoryId: read.repositoryId });
        result.handedOff = (result.handedOff ?? 0) + 1;
        budget -= 1;
        continue;
      }
      const key = `${repo.owner}/${repo.name}#${number}`;
      budget -= input.exclusive ? await input.exclusive(key, () => act(number)) : await act(number);
    } catch (error) {
      // One item's failure (a 502, a deleted issue) must not stop the others; the next run retries it.
      result.errors++;
      log.error({ repo: result.repo, issue: number, err: error }, "sweep: could not act on this item");
    }
  }
  // Bugs GitHub closed for a merged PR's closing keyword while the bot missed the webhooks (SPEC §2).
  try {
    const repo2 = { ...repo, nodeId: read.repositoryId };
    const merged = await repairClosedByMerge({ octokit, repo: repo2, ids, config, now: input.now, dryRun, log, delivery: `sweep:${input.runId}`, budget, directoryCache: input.caches.directory, self: input.self });
    budget -= merged.writes;
    if (merged.repaired.length) result.actions["closed-by-merge"] = merged.repaired.length;
  } catch (error) {
    result.errors++;
    log.error({ repo: result.repo, err: error }, "sweep: could not repair bugs closed by a merge");
  }
  // The weekly report rides on the sweep's schedule (SPEC §8); it costs nothing without `report.issue`.
  try {
    const weekly = await postWeeklyReport(octokit, repo, config, input.now, { dryRun, self: input.self });
    if (weekly.posted || weekly.reason === "dry run") result.actions["weekly-report"] = 1;
  } catch (error) {
    result.errors++;
    log.error({ repo: result.repo, err: error }, "sweep: could not post the weekly report");
  }
  return finish();

  /** Re-check one due item and write what is still needed; returns the writes it spent. */
  function act(number: number): Promise<number> {
    return actOn({ ...input, config, ids, check, dryRun, repositoryId: read.repositoryId, result, board: board?.read?.board ?? null }, number);
  }
  return finish();
}

interface ItemContext extends RepoSweepInput {
  config: Config;
  ids: IdBook;
  check: MaintainerCheck;
  repositoryId: string;
  result: Pick<RepoSweepResult, "repo" | "actions" | "rechecked" | "errors">;
  /** With `board:` and a board that could be read: its project, field and options (not its cards). */
  board: Board | null;
}

/** Re-check one due item and write what is still needed; returns the writes it spent. */
async function actOn(ctx: ItemContext, number: number): Promise<number> {
  const { octokit, repo, ids, config, check, log, result, board } = ctx;
  // Every write is re-checked against the item as it is now: a person may have acted since the bulk read.
  // With a board, the card comes fresh in the same request: a person may have moved it since the board read.
  const nodeId = ids.issues.get(number) ?? "";
  const onBoard = board ? await readItemWithCard(octokit, nodeId, ids, { self: ctx.self }, { projectId: board.projectId, field: config.board!.field }) : null;
  const fresh = board ? (onBoard?.item ?? null) : await readItem(octokit, nodeId, ids, { self: ctx.self });
  const decided = fresh ? await decide(fresh, config, ctx.now, check, onBoard ? { card: onBoard.card } : null) : { plans: [], column: null };
  const plans = decided.plans;
  const writes = fresh ? planWrites(effectsOf(plans), new Map([[fresh.number, fresh]])) : [];
  const status = fresh && onBoard && board && decided.column !== null
    ? await boardWrites({ octokit, board, issue: number, issueNodeId: nodeId, card: onBoard.card, column: decided.column, dryRun: ctx.dryRun, log, project: config.board!.project })
    : null;
  if (!writes.length && !status) {
    result.rechecked++;
    log.debug({ repo: result.repo, issue: number }, "sweep: nothing left to do after the re-check");
    return 0;
  }
  const rules = plans.map((plan) => plan.rule);
  const records = await execute(writes, {
    extra: status?.extra,
    octokit,
    repo: { ...repo, nodeId: ctx.repositoryId },
    ids,
    config,
    dryRun: ctx.dryRun,
    log,
    delivery: `sweep:${ctx.runId}`,
    directoryCache: ctx.caches.directory,
    escalate: ctx.escalate,
  });
  records.unshift(...(status?.records ?? []));
  log.info({ repo: result.repo, issue: number, rules, detail: plans.map((plan) => plan.detail).join("; "), writes: brief(records) }, "sweep decision");
  if (records.some((record) => record.result === "failed")) result.errors++;
  if (records.some((record) => record.result === "ok" || record.result === "dry-run")) {
    for (const rule of rules) result.actions[rule] = (result.actions[rule] ?? 0) + 1;
  }
  const statusRecord = records.find((record) => record.action === "board-status" && (record.result === "ok" || record.result === "dry-run"));
  if (statusRecord?.result === "ok" && status?.itemId) ctx.caches.boardItems.set(nodeId, { itemId: status.itemId, option: decided.column });
  // One document (labels, comments and the Status together), plus each label it had to create and a new card.
  const own = records.filter((record) => (record.action === "create-label" && record.result === "ok") || (record.action === "board-add" && record.result !== "failed")).length;
  return (writes.length || statusRecord ? 1 : 0) + own;
}

export interface ItemSweepResult {
  repo: string;
  issue: number;
  /** Why nothing was decided (invalid config), if so. */
  error?: string;
  actions: Record<string, number>;
  rechecked: number;
  errors: number;
}

/**
 * One due item handed off by a replica's repository sweep (`handOff`), run in the issue's shard: the same
 * fresh re-check and writes as `sweepRepo` does in one process. Throws on a GitHub failure, so the queue
 * retries it like a webhook. With a board, its project and options come from the runtime's board cache
 * (one read per 10 minutes), the card from the item's fresh re-check.
 */
export async function sweepItem(input: Omit<RepoSweepInput, "handOff" | "exclusive"> & { item: DueItem }): Promise<ItemSweepResult> {
  const { octokit, repo, item } = input;
  const result: ItemSweepResult = { repo: `${repo.owner}/${repo.name}`, issue: item.number, actions: {}, rechecked: 0, errors: 0 };
  const loaded = await loadRepoConfig(octokit, repo, input.caches.config);
  if (!loaded.ok) return { ...result, error: `invalid .github/bug-lifecycle.yml: ${loaded.errors[0] ?? ""}` };
  const config = loaded.config;
  const ids = new IdBook();
  ids.issues.set(item.number, item.nodeId);
  ids.repositoryId = item.repositoryId;
  const check = new MaintainerCheck(octokit, repo, input.caches.sweepMaintainers);
  let board: Board | null = null;
  if (config.board) {
    try {
      board = await readBoard(octokit, config.board, input.caches.boards);
    } catch (error) {
      // The labels still get their timers; the card waits for a board that can be read.
      input.log.warn({ repo: result.repo, board: config.board.project, problem: error instanceof Error ? error.message : String(error) }, "board problem: the sweep leaves the board alone");
    }
  }
  await actOn({ ...input, config, ids, check, dryRun: input.dryRun || config.dryRun, repositoryId: item.repositoryId, result, board }, item.number);
  return result;
}

/**
 * Plans for one item, and the column its card must be set to after them (null: leave the card alone). A PR
 * that looks due is decided again once its people are confirmed maintainers or not; so is a bug whose card a
 * person moved after its labels changed (only then is the mover's permission asked for).
 */
async function decide(item: TrackedItem, config: Config, now: Date, check: MaintainerCheck, onBoard: { card: Card | null } | null): Promise<{ plans: SweepPlan[]; column: string | null }> {
  if (!item.isPullRequest) {
    const plans = planSweep(item, config, now, NOBODY);
    if (!onBoard) return { plans, column: null };
    const mover = moverToConfirm(item, onBoard.card, config, now);
    const maintainers = mover && (await check.one(mover)) ? new Set([mover.toLowerCase()]) : NOBODY;
    const drift = planBoardDrift(item, onBoard.card, config, now, maintainers);
    const all = withDrift(plans, drift);
    const writes = planWrites(effectsOf(all), new Map([[item.number, item]]));
    return { plans: all, column: cardTarget(item, writes, onBoard.card, drift, config) };
  }
  const hints = maintainerHints(item, config);
  const assumed = planSweep(item, config, now, assumingCommunity(hints, item));
  if (!assumed.length) return { plans: [], column: null };
  return { plans: planSweep(item, config, now, await check.forItem(item, hints)), column: null };
}

function effectsOf(plans: readonly SweepPlan[]): Effect[] {
  return plans.flatMap((plan) => plan.effects);
}

/** Orphans are reported, never fixed: the bot does not guess an owner (SPEC §1). */
function report(item: TrackedItem, config: Config, result: RepoSweepResult): void {
  const state = stateOf(item.labels, config);
  if (state === "orphan") result.orphans.push(item.number);
  else if (isReproducedOrLater(state) && !item.assignees.length) result.reproducedOrphans.push(item.number);
}
