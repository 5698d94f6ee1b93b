//! Purpose: the bugs board's columns in the core: which column a bug belongs in, which state a column stands for, which columns the board lacks.
import type { Config } from "../config.js";
import { stateOf } from "../state.js";
import type { IssueSnapshot } from "../types.js";
import type { BoardState } from "./config.js";

/** The board state of a bug: its state while open, `closed` once closed; null for an issue that is not a bug. */
export function boardStateOf(issue: Pick<IssueSnapshot, "labels" | "open" | "type">, config: Config): BoardState | null {
  const state = stateOf(issue.labels, config, issue.type);
  if (!state) return null;
  if (!issue.open) return "closed";
  return state === "orphan" ? null : state;
}

/** The option a bug's card should show; null leaves the card alone (no board, or a state no column names). */
export function columnOf(issue: Pick<IssueSnapshot, "labels" | "open" | "type">, config: Config): string | null {
  const state = boardStateOf(issue, config);
  if (!config.board || !state) return null;
  return config.board.columns[state] ?? null;
}

/** The state a column stands for (option names compare case-insensitively, as people type them); null if none. */
export function stateOfColumn(option: string | null, config: Config): BoardState | null {
  if (!config.board || option === null) return null;
  const wanted = option.trim().toLowerCase();
  for (const [state, name] of Object.entries(config.board.columns)) {
    if (name !== undefined && name.trim().toLowerCase() === wanted) return state as BoardState;
  }
  return null;
}

/** The configured columns the board's field lacks (option names compare case-insensitively), in state order. */
export function missingColumns(config: Config, options: readonly string[]): { state: BoardState; option: string }[] {
  if (!config.board) return [];
  const have = new Set(options.map((name) => name.trim().toLowerCase()));
  return Object.entries(config.board.columns).flatMap(([state, option]) =>
    option !== undefined && !have.has(option.trim().toLowerCase()) ? [{ state: state as BoardState, option }] : [],
  );
}

/** What a person reads about the board's missing options (`/why`, the log, the config check run). */
export function describeMissing(config: Config, missing: readonly { state: BoardState; option: string }[]): string[] {
  const field = config.board?.field ?? "Status";
  return missing.map(({ state, option }) => `field "${field}" has no option "${option}" for \`${state}\` (board.columns.${state}): renamed or deleted on the board?`);
}
