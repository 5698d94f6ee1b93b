//! Purpose: the sweep's side of the bugs board: read the board once per run, and the writes that set a card's column.
import type { Logger } from "probot";
import type { BoardConfig } from "../lifecycle/board/config.js";
import type { WriteRecord } from "../github/execute.js";
import type { ExtraMutation } from "../github/mutations.js";
import type { Octokit } from "../runtime/clients.js";
import { addCard, optionId, type Board } from "../board/read-board.js";
import { readBoardItems, type BoardRead, type Card } from "../board/read-items.js";

/** A run's board reads by project and field, shared by the run's repositories. */
export type BoardReads = Map<string, Promise<BoardRead>>;

export interface SweepBoard {
  /** Null when the board could not be read (a problem was logged): the sweep then leaves every card alone. */
  read: BoardRead | null;
  problem?: string;
}

/** Reads the board at most once per run; a failure is logged and leaves the board alone for this repository. */
export async function readBoardForSweep(octokit: Octokit, config: BoardConfig, reads: BoardReads, self: string | undefined, log: Logger, repo: string): Promise<SweepBoard> {
  const key = `${config.project} ${config.field}`;
  let pending = reads.get(key);
  if (!pending) {
    pending = readBoardItems(octokit, config, self);
    reads.set(key, pending);
  }
  try {
    const read = await pending;
    log.debug({ repo, board: config.project, cards: read.cards.size, pages: read.pages }, "sweep: board read");
    return { read };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const problem = message.includes(config.project) ? message : `${config.project}: ${message}`;
    log.warn({ repo, board: config.project, problem }, "board problem: the sweep leaves the board alone");
    return { read: null, problem };
  }
}

export interface BoardWriteInput {
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

export interface BoardWrites {
  /** The Status change, sent in the item's one mutation document. */
  extra: ExtraMutation[];
  /** A new card (its own request, before the document), a dry run, or a problem, for the decision's log line. */
  records: WriteRecord[];
  /** The card after the document ran. */
  itemId: string | null;
}

/** A missing card is added first (GitHub cannot add an item and set its field in one call). */
export async function boardWrites(input: BoardWriteInput): Promise<BoardWrites> {
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
