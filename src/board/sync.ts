//! Purpose: labels → board: the Status write that goes in a transition's one mutation document (and the card, if new).
import type { Logger } from "probot";
import type { Config } from "../lifecycle/config.js";
import type { WriteRecord } from "../github/execute.js";
import type { ExtraMutation } from "../github/mutations.js";
import type { Caches } from "../runtime/caches.js";
import type { Octokit } from "../runtime/clients.js";
import { BoardProblem, addCard, optionId, readBoard, readCard } from "./read-board.js";

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
      if (input.dryRun) return { ...none, records: [{ issue: input.issue, action: "board-add", detail: board.project, result: "dry-run" }] };
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
