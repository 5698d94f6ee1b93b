//! Purpose: labels → board: the Status write that goes in a change's one mutation document (and the card, if new), from the cache or from a card already read.
import type { Logger } from "probot";
import type { Config } from "../lifecycle/config.js";
import type { WriteRecord } from "../github/execute.js";
import type { ExtraMutation } from "../github/mutations.js";
import type { Caches } from "../runtime/caches.js";
import type { Octokit } from "../runtime/clients.js";
import type { Card } from "./read-items.js";
import { BoardProblem, addCard, optionId, readBoard, readCard, type Board } from "./read-board.js";

export interface BoardSync {
  /** The Status change, for the transition's mutation document (absent when the card already shows it). */
  extra: ExtraMutation[];
  /** What was done or found before the document (a new card, a problem), for the transition's log line. */
  records: WriteRecord[];
  /** After the document ran: remember what the card shows now. */
  commit: () => void;
}

export interface BoardSyncInput {
  octokit: Octokit;
  config: Config;
  caches: Pick<Caches, "boards" | "boardItems">;
  issue: number;
  issueNodeId: string | undefined;
  /** The column the bug belongs in after the transition (`columnOf`); null leaves the card alone. */
  column: string | null;
  dryRun: boolean;
  log: Logger;
}

const none: BoardSync = { extra: [], records: [], commit: () => {} };

/**
 * Option ids are looked up by name; a name the cached board lacks is read again once (renamed or
 * added since), then reported: a board problem never fails the transition, whose labels are the truth.
 */
export async function syncBoard(input: BoardSyncInput): Promise<BoardSync> {
  const board = input.config.board;
  if (!board || input.column === null || !input.issueNodeId) return none;
  const report = (error: string): BoardSync => {
    input.log.warn({ issue: input.issue, board: board.project, problem: error }, "board problem");
    return { ...none, records: [{ issue: input.issue, action: "board-status", detail: input.column ?? "", result: "skipped", error }] };
  };
  try {
    let found = await readBoard(input.octokit, board, input.caches.boards);
    let option = optionId(found, input.column);
    if (!option) {
      found = await readBoard(input.octokit, board, input.caches.boards, true);
      option = optionId(found, input.column);
    }
    if (!option) return report(`field "${board.field}" has no option "${input.column}" (board.columns)`);
    const records: WriteRecord[] = [];
    let card = input.caches.boardItems.get(input.issueNodeId) ?? (await readCard(input.octokit, input.issueNodeId, found, board.field));
    if (!card) {
      // A dry run says the column too: the card it would add, and where it would put it.
      if (input.dryRun) return { ...none, records: [{ issue: input.issue, action: "board-add", detail: board.project, result: "dry-run" }, { issue: input.issue, action: "board-status", detail: input.column, result: "dry-run" }] };
      card = { itemId: await addCard(input.octokit, input.issueNodeId, found), option: null };
      records.push({ issue: input.issue, action: "board-add", detail: board.project, result: "ok" });
    }
    input.caches.boardItems.set(input.issueNodeId, card);
    if (card.option !== null && card.option.trim().toLowerCase() === input.column.trim().toLowerCase()) return { ...none, records };
    const itemId = card.itemId;
    const extra: ExtraMutation = {
      field: "updateProjectV2ItemFieldValue",
      inputType: "UpdateProjectV2ItemFieldValueInput",
      input: { projectId: found.projectId, itemId, fieldId: found.fieldId, value: { singleSelectOptionId: option } },
      issue: input.issue,
      action: "board-status",
      detail: input.column,
    };
    return { extra: [extra], records, commit: () => input.caches.boardItems.set(input.issueNodeId!, { itemId, option: input.column }) };
  } catch (error) {
    if (error instanceof BoardProblem) return report(error.message);
    return report(error instanceof Error ? error.message : String(error));
  }
}

export interface StatusWriteInput {
  octokit: Octokit;
  board: Board;
  issue: number;
  issueNodeId: string;
  /** The card as the fresh re-check shows it (null: not on the board). */
  card: Card | null;
  column: string;
  project: string;
  dryRun: boolean;
  log: Logger;
}

export interface StatusWrite {
  /** The Status change, sent in the item's one mutation document. */
  extra: ExtraMutation[];
  /** A new card (its own request, before the document), a dry run, or a problem, for the decision's log line. */
  records: WriteRecord[];
  /** The card after the document ran. */
  itemId: string | null;
}

/**
 * The sweep's side, with the board and the card already read: the Status write for `column`. A missing card
 * is added first (GitHub cannot add an item and set its field in one call).
 */
export async function statusWrite(input: StatusWriteInput): Promise<StatusWrite> {
  const option = optionId(input.board, input.column);
  const records: WriteRecord[] = [];
  if (!option) {
    const error = `the board's field has no option "${input.column}" (board.columns)`;
    input.log.warn({ issue: input.issue, board: input.project, problem: error }, "board problem");
    return { extra: [], records: [{ issue: input.issue, action: "board-status", detail: input.column, result: "skipped", error }], itemId: null };
  }
  let itemId = input.card?.itemId ?? null;
  if (!itemId) {
    if (input.dryRun) {
      records.push({ issue: input.issue, action: "board-add", detail: input.project, result: "dry-run" }, { issue: input.issue, action: "board-status", detail: input.column, result: "dry-run" });
      return { extra: [], records, itemId: null };
    }
    itemId = await addCard(input.octokit, input.issueNodeId, input.board);
    records.push({ issue: input.issue, action: "board-add", detail: input.project, result: "ok" });
  }
  const extra: ExtraMutation = {
    field: "updateProjectV2ItemFieldValue",
    inputType: "UpdateProjectV2ItemFieldValueInput",
    input: { projectId: input.board.projectId, itemId, fieldId: input.board.fieldId, value: { singleSelectOptionId: option } },
    issue: input.issue,
    action: "board-status",
    detail: input.column,
  };
  return { extra: [extra], records, itemId };
}
