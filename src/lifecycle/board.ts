//! Purpose: the bugs board in the core: which column a bug belongs in, and what a person's card move means.
import { authorize } from "./authorize.js";
import type { BoardState } from "./board-config.js";
import { commandSpecs } from "./commands.js";
import type { CommandName, Config } from "./config.js";
import { moveTo } from "./move.js";
import { applyEffects } from "./plan.js";
import { resolveGroup } from "./resolve-group.js";
import { say } from "./say.js";
import { stateOf } from "./state.js";
import type { Actor, BugState, Effect, IssueSnapshot } from "./types.js";

/** The board state of a bug: its state while open, `closed` once closed; null for an issue that is not a bug. */
export function boardStateOf(issue: Pick<IssueSnapshot, "labels" | "open">, config: Config): BoardState | null {
  const state = stateOf(issue.labels, config);
  if (!state) return null;
  if (!issue.open) return "closed";
  return state === "orphan" ? null : state;
}

/** The option a bug's card should show; null leaves the card alone (no board, or a state no column names). */
export function columnOf(issue: Pick<IssueSnapshot, "labels" | "open">, config: Config): string | null {
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

/**
 * The command a move from one column to the next is, when one exists: the move gets that command's
 * effects and its permission narrowing (`commands:`). Other moves are the label edit that puts the
 * target state's labels on, which maintainers may make.
 */
export function commandForMove(from: BugState, to: BoardState): CommandName | null {
  if (to === "drafting") return "product";
  if (to === "reproduced" && (from === "inbox" || from === "orphan")) return "reproduced";
  if (to === "reproduced" && from === "drafting") return "engineering";
  if (to === "reproduced" && from === "engineering") return "backlog";
  if (to === "engineering" && from === "reproduced") return "release";
  if (to === "awaiting-qa" && from === "engineering") return "fixed";
  if (to === "ready-for-release" && from === "awaiting-qa") return "qa-passed";
  return null;
}

export interface CardMove {
  /** The option the person moved the card to (null: the field was cleared). */
  to: string | null;
  actor: Actor;
  /** Identifies the move (the item's `updated_at`), so the reply to a maintainer's refused move is posted once. */
  at: string;
}

/**
 * `issue` is the bug as GitHub has it now. A refused move has no label effect: the shell then puts the
 * card back, because the board always follows `columnOf` of the issue after the effects.
 */
export function onCardMoved(issue: IssueSnapshot, move: CardMove, config: Config, now: Date): { effects: Effect[]; rule: string } {
  const none = (rule: string) => ({ effects: [], rule });
  const current = boardStateOf(issue, config);
  if (!current) return none("ignored: card of an issue that is not a bug");
  const target = stateOfColumn(move.to, config);
  if (!target) return none(`ignored: card moved to ${move.to === null ? "no column" : `"${move.to}"`}, which no state names`);
  if (target === current) return none(`card moved to "${move.to}": already ${current}`);
  const column = move.to ?? "";
  const refuse = (reason: string, key = `board-refused:${move.at}`) => ({
    effects: [{ type: "comment", issue: issue.number, key, body: say(config, "boardMoveRefused", { column, reason }) } satisfies Effect],
    rule: `card move to "${column}" refused: put back`,
  });
  // One reply per person and issue: someone dragging cards around hears it once; every move is put back.
  if (!move.actor.isMaintainer) return refuse(say(config, "boardMoveNotMaintainer"), `board-refused:${move.actor.login.toLowerCase()}`);

  if (target === "closed") {
    return { effects: [{ type: "close", issue: issue.number, reason: "completed" }], rule: `card moved to "${column}": closed` };
  }
  // A closed bug moved back onto an open column is reopened first, then moved.
  const reopen: Effect[] = issue.open ? [] : [{ type: "reopen", issue: issue.number }];
  const open = applyEffects(issue, reopen);
  const from = stateOf(open.labels, config)!;
  const name = commandForMove(from, target);
  if (name) {
    const auth = authorize(name, move.actor, open, config);
    if (!auth.ok) return refuse(say(config, "notAllowed", { command: name, who: auth.who }));
    const outcome = commandSpecs[name].run({ issue: open, command: { name, args: [], text: "", line: `/${name}` }, actor: move.actor, config, now, commentKey: `card-${move.at}` });
    if (!outcome.ok) return refuse(outcome.reason);
    return { effects: [...reopen, ...outcome.effects], rule: `card moved to "${column}": as /${name}` };
  }
  if (target === "reproduced") {
    // Reproduced needs an owner: the same group rule as `/reproduced`.
    const choice = resolveGroup("reproduced", { kind: "none", note: "" }, open, config, true);
    if (!choice.ok) return refuse(choice.reason);
    return { effects: [...reopen, ...moveTo(open, { state: target, group: choice.group }, config)], rule: `card moved to "${column}": ${target}` };
  }
  return { effects: [...reopen, ...moveTo(open, { state: target }, config)], rule: `card moved to "${column}": ${target}` };
}
