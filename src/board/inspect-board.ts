//! Purpose: what `/why` and the config check run show about the bugs board: the card, and every problem with project, field or options.
import { describeMissing, missingColumns } from "../lifecycle/board/columns.js";
import type { Config } from "../lifecycle/config.js";
import type { BoardView } from "../lifecycle/types.js";
import type { Caches } from "../runtime/caches.js";
import type { Octokit } from "../runtime/clients.js";
import type { BoardFacts } from "../config/lint.js";
import { TtlCache } from "../github/ttl-cache.js";
import { BoardProblem, readBoard, readCard, type Board } from "./read-board.js";

/**
 * Reads the board fresh (a cached board cannot show a rename made since; the fresh one replaces it in the
 * cache), then the card. Never throws for the board's sake: a problem is a sentence.
 */
export async function inspectBoard(octokit: Octokit, config: Config, caches: Pick<Caches, "boards">, issueNodeId: string | undefined): Promise<BoardView | undefined> {
  const board = config.board;
  if (!board) return undefined;
  try {
    const found = await readBoard(octokit, board, caches.boards, true);
    const problems = describeMissing(config, missingColumns(config, [...found.options.keys()]));
    const card = issueNodeId ? await readCard(octokit, issueNodeId, found, board.field) : null;
    return { onBoard: card !== null, card: card?.option ?? null, problems };
  } catch (error) {
    const problem = error instanceof BoardProblem ? error.message : `could not read ${board.project}: ${error instanceof Error ? error.message : String(error)}`;
    return { onBoard: false, card: null, problems: [problem] };
  }
}

/** The board as the config check run needs it: read fresh (no cache), a problem instead of a throw. */
export async function readBoardFacts(octokit: Octokit, config: Config): Promise<BoardFacts | undefined> {
  if (!config.board) return undefined;
  try {
    const found = await readBoard(octokit, config.board, new TtlCache<string, Board>(0, 1));
    return { options: [...found.options.keys()] };
  } catch (error) {
    if (error instanceof BoardProblem) return { problem: error.message, key: error.key };
    return { problem: `could not read ${config.board.project}: ${error instanceof Error ? error.message : String(error)}`, key: "project" };
  }
}
