//! Purpose: one due item of a sweep: read it fresh (with its card), decide again with the core, and apply what is still needed.
import type { Logger } from "probot";
import { readItem } from "../github/bulk-read.js";
import { IdBook } from "../github/ids.js";
import { cardTarget, moverToConfirm, planBoardDrift, withDrift } from "../lifecycle/board/drift.js";
import type { Config } from "../lifecycle/config.js";
import { planWrites } from "../lifecycle/plan.js";
import type { TrackedItem } from "../lifecycle/repo-snapshot.js";
import { planSweep, type SweepPlan } from "../lifecycle/sweep-plan.js";
import type { Effect } from "../lifecycle/types.js";
import { readBoard, type Board } from "../board/read-board.js";
import { readItemWithCard, type Card } from "../board/read-items.js";
import type { Octokit } from "../runtime/clients.js";
import type { SweepPort, WritePort } from "../runtime/port.js";
import { apply } from "../write/apply.js";
import { WriteFailed } from "../write/failure.js";
import { assumingCommunity, MaintainerCheck, maintainerHints } from "./maintainers.js";

/** A due item as the sweep hands it to the issue's shard: enough to read it fresh and write by node id. */
export interface DueItem {
  number: number;
  nodeId: string;
  repositoryId: string;
  /** A bug by type (listed over REST): its type is re-read with it, GraphQL has none. */
  type?: string | null | undefined;
}

/** What one item's sweep needs: the repository's, read once per run. */
export interface ItemContext {
  port: WritePort;
  octokit: Octokit;
  repo: { owner: string; name: string };
  config: Config;
  ids: IdBook;
  check: MaintainerCheck;
  repositoryId: string;
  now: Date;
  dryRun: boolean;
  log: Logger;
  runId: string;
  /** A personal token's login (its comments are the bot's). */
  self?: string | undefined;
  /** With `board:` and a board that could be read: its project, field and options (not its cards). */
  board: Board | null;
}

/** What an item's sweep did, added into its repository's counts. */
export interface ItemOutcome {
  /** The rules acted on (or that would be, in dry run). */
  rules: string[];
  /** The fresh re-check found nothing left to do. */
  rechecked: boolean;
  /** A write failed (logged); the next run tries again. */
  failed: boolean;
  /** The failure that fails a job, when one did (a replica's handed-off item throws it, so the queue retries). */
  failure?: WriteFailed | undefined;
  /** The paced requests spent, out of the run's write budget. */
  requests: number;
}

/** A handed-off item's job, as the replica logs it. */
export interface ItemSweepResult {
  repo: string;
  issue: number;
  /** Why nothing was decided (invalid config), if so. */
  error?: string;
  /** Rules acted on (or that would be, in dry run). */
  actions: Record<string, number>;
  rechecked: number;
  errors: number;
}

const NOBODY: ReadonlySet<string> = new Set();

/**
 * Every write is re-checked against the item as it is now: a person may have acted since the bulk read. With
 * a board, the card comes fresh in the same request: a person may have moved it since the board read.
 */
export async function sweepDueItem(ctx: ItemContext, number: number, typed?: string | null): Promise<ItemOutcome> {
  const { octokit, ids, config, log, board } = ctx;
  const nodeId = ids.issues.get(number) ?? "";
  const onBoard = board ? await readItemWithCard(octokit, nodeId, ids, { self: ctx.self }, { projectId: board.projectId, field: config.board!.field }) : null;
  const read = board ? (onBoard?.item ?? null) : await readItem(octokit, nodeId, ids, { self: ctx.self });
  // A bug by type: its type fresh too (REST), so one retyped since the listing is left alone.
  const fresh = read && typed ? { ...read, type: await typeOf(ctx, number) } : read;
  if (!fresh) return { rules: [], rechecked: true, failed: false, requests: 0 };
  const { plans, column } = await decideItem(fresh, config, ctx.now, ctx.check, onBoard ? { card: onBoard.card } : null);
  const rules = plans.map((plan) => plan.rule);
  const cards = board && onBoard && column !== null ? { kind: "set" as const, board, card: onBoard.card, issue: number, nodeId, column } : undefined;
  const fields = { repo: `${ctx.repo.owner}/${ctx.repo.name}`, issue: number, rules, detail: plans.map((plan) => plan.detail).join("; ") };
  try {
    const applied = await apply(ctx.port, {
      octokit,
      repo: { ...ctx.repo, nodeId: ctx.repositoryId },
      ids,
      config,
      effects: effectsOf(plans),
      snapshots: [fresh],
      dryRun: ctx.dryRun,
      delivery: `sweep:${ctx.runId}`,
      cards,
      log,
      line: { msg: "sweep decision", fields },
      now: ctx.now,
    });
    if (!applied.records.length) return { rules: [], rechecked: true, failed: false, requests: 0 };
    const acted = applied.records.some((record) => record.result === "ok" || record.result === "dry-run");
    return { rules: acted ? rules : [], rechecked: false, failed: applied.records.some((record) => record.result === "failed"), requests: applied.requests };
  } catch (error) {
    if (!(error instanceof WriteFailed)) throw error;
    // Logged by the write path; what did land still counts, and the next run completes the rest.
    const acted = error.records.some((record) => record.result === "ok" || record.result === "dry-run");
    return { rules: acted ? rules : [], rechecked: false, failed: true, failure: error, requests: 1 };
  }
}

async function typeOf(ctx: ItemContext, number: number): Promise<string | null> {
  const { data } = await ctx.octokit.rest.issues.get({ owner: ctx.repo.owner, repo: ctx.repo.name, issue_number: number });
  return (data as { type?: { name: string } | null }).type?.name ?? null;
}

/**
 * One handed-off due item, run in the issue's shard by a replica: the same fresh re-check and writes as the
 * sweep makes in one process. Throws on a GitHub failure, so the queue retries it like a webhook. With a
 * board, its project and options come from the runtime's board cache (one read per 10 minutes).
 */
export async function sweepHandedOff(ctx: Omit<ItemContext, "ids" | "check" | "board" | "repositoryId" | "config" | "port"> & { port: SweepPort; item: DueItem }): Promise<ItemSweepResult> {
  const { octokit, repo, item } = ctx;
  const result: ItemSweepResult = { repo: `${repo.owner}/${repo.name}`, issue: item.number, actions: {}, rechecked: 0, errors: 0 };
  const loaded = await ctx.port.config(octokit, repo, ctx.log.child({ repo: result.repo, issue: item.number }), "this item is left alone");
  if (!loaded.ok) return { ...result, error: `invalid .github/bug-lifecycle.yml: ${loaded.errors[0] ?? ""}` };
  const config = loaded.config;
  const ids = new IdBook();
  ids.issues.set(item.number, item.nodeId);
  ids.repositoryId = item.repositoryId;
  const check = new MaintainerCheck(octokit, repo, ctx.port.caches.sweepMaintainers);
  let board: Board | null = null;
  if (config.board) {
    try {
      board = await readBoard(octokit, config.board, ctx.port.caches.boards);
    } catch (error) {
      // The labels still get their timers; the card waits for a board that can be read.
      ctx.log.warn({ repo: `${repo.owner}/${repo.name}`, board: config.board.project, problem: error instanceof Error ? error.message : String(error) }, "board problem: the sweep leaves the board alone");
    }
  }
  const outcome = await sweepDueItem({ ...ctx, config, ids, check, board, repositoryId: item.repositoryId }, item.number, item.type);
  if (outcome.failure) throw outcome.failure;
  for (const rule of outcome.rules) result.actions[rule] = (result.actions[rule] ?? 0) + 1;
  return { ...result, rechecked: outcome.rechecked ? 1 : 0, errors: outcome.failed ? 1 : 0 };
}

/**
 * Plans for one item, and the column its card must be set to after them (null: leave the card alone). A PR
 * that looks due is decided again once its people are confirmed maintainers or not; so is a bug whose card a
 * person moved after its labels changed (only then is the mover's permission asked for).
 */
export async function decideItem(item: TrackedItem, config: Config, now: Date, check: MaintainerCheck, onBoard: { card: Card | null } | null): Promise<{ plans: SweepPlan[]; column: string | null }> {
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

export function effectsOf(plans: readonly SweepPlan[]): Effect[] {
  return plans.flatMap((plan) => plan.effects);
}
