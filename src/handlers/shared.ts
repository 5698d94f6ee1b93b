//! Purpose: what every handler shares: a delivery's log and client, and applying a decision's effects (plan, execute, one log line).
import type { Logger } from "probot";
import type { Effect, IssueSnapshot } from "../lifecycle/types.js";
import { applyEffects, planWrites } from "../lifecycle/plan.js";
import { columnOf } from "../lifecycle/board/columns.js";
import { syncBoard } from "../board/sync.js";
import { brief, execute, type WriteRecord } from "../github/execute.js";
import type { IdBook } from "../github/ids.js";
import type { RepoRef } from "../github/to-event.js";
import type { Octokit } from "../runtime/clients.js";
import { installationOf, type Delivery } from "../runtime/delivery.js";
import type { Runtime } from "../runtime/runtime.js";

/** The client of the delivery's installation: one pacing queue per installation rather than one per process. */
export function clientFor(delivery: Delivery, runtime: Runtime): Promise<Octokit> {
  return runtime.clients.forInstallation(installationOf(delivery));
}

export interface ApplyInput {
  runtime: Runtime;
  octokit: Octokit;
  repo: RepoRef;
  ids: IdBook;
  effects: readonly Effect[];
  /** The freshest known state of every issue the effects touch: only what differs is written. */
  snapshots: readonly IssueSnapshot[];
  dryRun: boolean;
  log: Logger;
  delivery: string;
  config: Parameters<typeof execute>[1]["config"];
  /** What was decided and why (event, state, rule…): the fields of the transition's one log line. */
  decision: Record<string, unknown>;
}

/**
 * Plans and executes, and logs the transition in one line at info (a line per write at debug).
 * Throws when a write failed, after it was logged, so the delivery counts as failed: GitHub shows it,
 * a redelivery is not skipped as a duplicate, and the desired-state plan completes it.
 */
export async function apply(input: ApplyInput): Promise<WriteRecord[]> {
  const writes = planWrites(input.effects, new Map(input.snapshots.map((s) => [s.number, s])));
  // The bugs board follows each bug after this transition: its Status rides in the same document. A lone
  // bug is synced even without writes (its card may be missing); with several (a merged PR's bugs), each
  // bug the writes touch.
  const bugs = input.snapshots.filter((s) => !s.isPullRequest);
  const subjects = input.snapshots.length === 1 ? bugs : bugs.filter((bug) => writes.some((write) => write.issue === bug.number));
  const boardInputs = subjects.map((subject) => ({
    octokit: input.octokit,
    config: input.config,
    caches: input.runtime.caches,
    issue: subject.number,
    issueNodeId: input.ids.issues.get(subject.number),
    column: columnOf(applyEffects(subject, writes.filter((write) => write.issue === subject.number)), input.config),
    dryRun: input.dryRun,
    log: input.log,
  }));
  const boards: { input: (typeof boardInputs)[number]; sync: Awaited<ReturnType<typeof syncBoard>> }[] = [];
  for (const boardInput of boardInputs) boards.push({ input: boardInput, sync: await syncBoard(boardInput) });
  const extra = boards.flatMap((board) => board.sync.extra);
  if (!writes.length && !extra.length && !boards.some((board) => board.sync.records.length)) {
    input.log.debug({ ...input.decision, effects: input.effects.length, writes: [] }, "transition");
    return [];
  }
  const context = {
    octokit: input.octokit,
    repo: input.repo,
    ids: input.ids,
    config: input.config,
    dryRun: input.dryRun,
    log: input.log,
    delivery: input.delivery,
    directoryCache: input.runtime.caches.directory,
    notify: input.runtime.notify,
  };
  const records = await execute(writes, { ...context, extra });
  records.unshift(...boards.flatMap((board) => board.sync.records));
  // A Status write that failed (an option deleted since it was read) re-reads the board; it never fails the
  // delivery: the labels are the truth, and the sweep repairs the card.
  const failedStatus = new Set(records.filter((r) => r.action === "board-status" && r.result === "failed").map((r) => r.issue));
  if (failedStatus.size) input.runtime.caches.boards.clear();
  for (const board of boards) {
    if (failedStatus.has(board.input.issue)) {
      // The option's id is stale (renamed, deleted or recreated): read the board again, once.
      input.runtime.caches.boardItems.delete(board.input.issueNodeId ?? "");
      const retry = await syncBoard(board.input);
      records.push(...retry.records);
      if (retry.extra.length) {
        records.push(...(await execute([], { ...context, extra: retry.extra })));
        retry.commit();
      }
    } else if (!input.dryRun) board.sync.commit();
  }
  input.log.info({ ...input.decision, effects: input.effects.length, writes: brief(records) }, "transition");
  const failed = records.filter((record) => record.result === "failed" && record.action !== "notify" && !record.action.startsWith("board-"));
  if (failed.length) {
    const message = `${failed.length} of ${records.length} writes failed: ${failed.map((r) => `${r.action} ${r.detail}: ${r.error}`).join("; ")}`;
    // The status and retry-after of the worst failure tell the work queue whether (and when) to retry.
    const worst = failed.reduce<WriteRecord | undefined>((a, r) => ((r.status ?? 0) > (a?.status ?? 0) ? r : a), undefined);
    throw Object.assign(new Error(message), worst?.status ? { status: worst.status, retryAfter: worst.retryAfter } : {});
  }
  return records;
}
