//! Purpose: how the bugs board follows a change: which cards get a Status write in the change's document, and what is remembered after it ran.
import type { Logger } from "probot";
import { columnOf } from "../lifecycle/board/columns.js";
import type { Config } from "../lifecycle/config.js";
import { applyEffects } from "../lifecycle/plan.js";
import type { Effect, IssueSnapshot } from "../lifecycle/types.js";
import type { Board } from "../board/read-board.js";
import type { Card } from "../board/read-items.js";
import { statusWrite, syncBoard, type BoardSyncInput } from "../board/sync.js";
import type { WriteRecord } from "../github/execute.js";
import type { IdBook } from "../github/ids.js";
import type { ExtraMutation } from "../github/mutations.js";
import type { Caches } from "../runtime/caches.js";
import type { Octokit } from "../runtime/clients.js";

/**
 * `follow`: each bug's card goes to the column its labels say after the change (the board and the card from
 * the runtime's caches; a webhook). `set`: the sweep already read the board and the card fresh and decided
 * the column (`cardTarget`), so nothing is read again.
 */
export type CardPlan =
  | { kind: "follow" }
  | { kind: "set"; board: Board; card: Card | null; issue: number; nodeId: string; column: string };

/** The cards' part of a change: the Status writes for its document, and what to do once it ran. */
export interface CardWrites {
  extra: ExtraMutation[];
  /** A new card, a dry run, or a board problem, before the document: for the change's log line. */
  records: WriteRecord[];
  /** After the document ran: remember the cards' new columns; re-read and retry a refused Status once. */
  settle(records: readonly WriteRecord[], retry: (extra: ExtraMutation[]) => Promise<WriteRecord[]>): Promise<WriteRecord[]>;
}

interface CardInput {
  plan: CardPlan | undefined;
  octokit: Octokit;
  config: Config;
  caches: Caches;
  ids: IdBook;
  writes: readonly Effect[];
  snapshots: readonly IssueSnapshot[];
  dryRun: boolean;
  log: Logger;
}

const NONE: CardWrites = { extra: [], records: [], settle: async () => [] };

export async function cardWrites(input: CardInput): Promise<CardWrites> {
  if (input.plan?.kind === "set") return setCard(input, input.plan);
  if (input.plan?.kind === "follow") return followCards(input);
  return NONE;
}

async function setCard(input: CardInput, plan: Extract<CardPlan, { kind: "set" }>): Promise<CardWrites> {
  const status = await statusWrite({ octokit: input.octokit, board: plan.board, issue: plan.issue, issueNodeId: plan.nodeId, card: plan.card, column: plan.column, dryRun: input.dryRun, log: input.log, project: input.config.board!.project });
  return {
    extra: status.extra,
    records: status.records,
    settle: async (records) => {
      const written = records.some((record) => record.action === "board-status" && record.issue === plan.issue && record.result === "ok");
      if (written && status.itemId) input.caches.boardItems.set(plan.nodeId, { itemId: status.itemId, option: plan.column });
      return [];
    },
  };
}

/**
 * A lone bug is synced even without writes (its card may be missing); with several (a merged PR's bugs),
 * each bug the writes touch.
 */
async function followCards(input: CardInput): Promise<CardWrites> {
  const bugs = input.snapshots.filter((s) => !s.isPullRequest);
  const subjects = input.snapshots.length === 1 ? bugs : bugs.filter((bug) => input.writes.some((write) => write.issue === bug.number));
  const syncs: { input: BoardSyncInput; sync: Awaited<ReturnType<typeof syncBoard>> }[] = [];
  for (const subject of subjects) {
    const sync: BoardSyncInput = {
      octokit: input.octokit,
      config: input.config,
      caches: input.caches,
      issue: subject.number,
      issueNodeId: input.ids.issues.get(subject.number),
      column: columnOf(applyEffects(subject, input.writes.filter((write) => write.issue === subject.number)), input.config),
      dryRun: input.dryRun,
      log: input.log,
    };
    syncs.push({ input: sync, sync: await syncBoard(sync) });
  }
  return {
    extra: syncs.flatMap((s) => s.sync.extra),
    records: syncs.flatMap((s) => s.sync.records),
    settle: async (records, retry) => {
      // A Status write that failed (an option deleted or recreated since it was read): read the board again, once.
      const failed = new Set(records.filter((r) => r.action === "board-status" && r.result === "failed").map((r) => r.issue));
      if (failed.size) input.caches.boards.clear();
      const more: WriteRecord[] = [];
      for (const { input: sync, sync: done } of syncs) {
        if (failed.has(sync.issue)) {
          input.caches.boardItems.delete(sync.issueNodeId ?? "");
          const again = await syncBoard(sync);
          more.push(...again.records);
          if (again.extra.length) {
            more.push(...(await retry(again.extra)));
            again.commit();
          }
        } else if (!input.dryRun) done.commit();
      }
      return more;
    },
  };
}
