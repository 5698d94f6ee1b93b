//! Purpose: the one write path: a decision's effects planned against what is there (pure), the board's Status beside them, applied in one request, one failure policy, one log line.
import type { Logger } from "probot";
import type { Config } from "../lifecycle/config.js";
import { planWrites } from "../lifecycle/plan.js";
import type { Effect, IssueSnapshot } from "../lifecycle/types.js";
import { brief, execute, type ExecuteContext, type WriteRecord } from "../github/execute.js";
import type { IdBook } from "../github/ids.js";
import type { RepoRef } from "../github/to-event.js";
import type { Octokit } from "../runtime/clients.js";
import type { WritePort } from "../runtime/port.js";
import { cardWrites, type CardPlan } from "./cards.js";
import { failureOf } from "./failure.js";
import { statusWrites, type StatusNote } from "./status-comment.js";
import { planByRule, splitByRule } from "../lifecycle/rules.js";
import { logShadow, remember, shadowOf, type ShadowDecision } from "./shadow.js";

/** A decision to apply: every caller (webhooks, timer jobs, the sweep, the Action, simulate) hands one of these. */
export interface Change {
  octokit: Octokit;
  repo: RepoRef;
  ids: IdBook;
  config: Config;
  effects: readonly Effect[];
  /** The freshest known state of every issue the effects touch: only what differs is written. */
  snapshots: readonly IssueSnapshot[];
  /** The run's dry run (`DRY_RUN`, `--dry-run`); the repository's `dryRun: true` is added here. */
  dryRun: boolean;
  /** The delivery (or `sweep:<run>`) the writes are for, in every write's log line. */
  delivery: string;
  /** How the bugs board follows (none by default). */
  cards?: CardPlan | undefined;
  log: Logger;
  /** The change's one log line: its message ("transition", "sweep decision"…) and what was decided and why. */
  line: { msg: string; fields: Record<string, unknown> };
  /** The decision's clock (the status comment's times); the wall clock when left out. */
  now?: Date | undefined;
  /** For the status comment's history: whose act the transition answers, and what an `/undo` reverts. */
  status?: StatusNote | undefined;
}

export interface Applied {
  /** Every write made (or that would be, in dry run), with its result. */
  records: WriteRecord[];
  /** The paced requests spent: the one document, each label it had to create and each new card. */
  requests: number;
  /** What rules in `shadow` would have written (logged, not written). */
  shadowed: ShadowDecision[];
}

/**
 * Plans, writes and logs the change in one line at info (a line per write at debug; nothing to write: one
 * line at debug). Throws `WriteFailed` (src/write/failure.ts) when a write that matters failed, after it was
 * logged: that is the one failure policy, and each caller only says what a failed job means for it.
 */
export async function apply(port: WritePort, change: Change): Promise<Applied> {
  const dryRun = change.dryRun || change.config.dryRun;
  const snapshots = new Map(change.snapshots.map((s) => [s.number, s]));
  // docs/rules.md: a rule in `shadow` decides as when `on`; here its writes are planned, logged and dropped
  // (before the status step, so the status comment records only what is written).
  const split = splitByRule(change.effects, change.config);
  const planned = planWrites(split.act, snapshots);
  const shadowed = shadowOf(planByRule(split.shadow, snapshots));
  // statusComment: informational comments fold into the status comment, written in the same document.
  const { writes, extra: status } = await statusWrites(change, planned, await port.self?.());
  const board = change.config.rules.board;
  const plan = board === "off" ? undefined : change.cards;
  let cards = await cardWrites({ plan, octokit: change.octokit, config: change.config, caches: port.caches, ids: change.ids, writes, snapshots: change.snapshots, dryRun: dryRun || board === "shadow", log: change.log });
  const where = { repo: `${change.repo.owner}/${change.repo.name}`, delivery: change.delivery };
  if (board === "shadow") {
    // Planned as a dry run (nothing written, the board read from the caches): its Status writes become decisions.
    const moves = [...cards.records, ...cards.extra];
    shadowed.push(...moves.map((write): ShadowDecision => ({ rule: "board", issue: write.issue, write: `${write.action} ${write.detail}` })));
    cards = { extra: [], records: [], settle: async () => [] };
  }
  logShadow(change.log, shadowed, where);
  remember(port.caches.shadow, where.repo, shadowed);
  if (split.off.length) change.log.debug({ ...where, off: split.off.map((effect) => `${effect.rule}: ${effect.type} #${effect.issue}`) }, "rules off: not written");
  if (!writes.length && !status.length && !cards.extra.length && !cards.records.length) {
    change.log.debug({ ...change.line.fields, effects: change.effects.length, writes: [] }, change.line.msg);
    return { records: [], requests: 0, shadowed };
  }
  const context: ExecuteContext = {
    octokit: change.octokit,
    repo: change.repo,
    ids: change.ids,
    config: change.config,
    dryRun,
    log: change.log,
    delivery: change.delivery,
    directoryCache: port.caches.directory,
    notify: port.notify,
    escalate: port.escalate,
  };
  const records = [...cards.records, ...(await execute(writes, { ...context, extra: [...status, ...cards.extra] }))];
  records.push(...(await cards.settle(records, (extra) => execute([], { ...context, extra }))));
  change.log.info({ ...change.line.fields, effects: change.effects.length, writes: brief(records) }, change.line.msg);
  const failure = failureOf(records);
  if (failure) throw failure;
  return { records, requests: requestsOf(records, writes.length + status.length), shadowed };
}

/** One document (labels, comments and the Status together), plus each label it had to create and each new card. */
function requestsOf(records: readonly WriteRecord[], writes: number): number {
  const status = records.some((record) => record.action === "board-status" && (record.result === "ok" || record.result === "dry-run"));
  const own = records.filter((record) => ((record.action === "create-label" || record.action === "remove-type") && record.result === "ok") || (record.action === "board-add" && record.result !== "failed")).length;
  const inDocument = records.some((record) => record.action !== "remove-type" && record.action !== "notify" && record.action !== "create-label" && !record.action.startsWith("board-"));
  return (inDocument || status ? 1 : 0) + own;
}
