//! Purpose: the sweep's drift rule for the bugs board: when a bug's labels and its card disagree, which one wins (pure).
import { onCardMoved } from "./card-move.js";
import { columnOf, stateOfColumn } from "./columns.js";
import type { Config } from "../config.js";
import { applyEffects } from "../plan.js";
import type { TrackedItem } from "../repo-snapshot.js";
import { isGroupLabel } from "../state.js";
import type { SweepPlan } from "../sweep-plan.js";
import type { Effect } from "../types.js";

/** A bug's card as the board read shows it (`ProjectV2Item` and its single-select value). */
export interface CardFacts {
  /** The option the card shows; null when the field has no value. */
  option: string | null;
  /** The value's `createdAt` and `updatedAt`; null when the field has no value. */
  valueCreatedAt: string | null;
  valueUpdatedAt: string | null;
  /** The value's `creator`: who set it first (GitHub does not say who changed it since). */
  creator: { login: string; isBot: boolean } | null;
  /** The card is archived: a person hid it, and the bot leaves it hidden and as it is. */
  archived: boolean;
}

/**
 * Who made the card's last move, when GitHub tells: the value's `creator`, but only while the value was never
 * changed since it was created (`createdAt` = `updatedAt`). After a change, `creator` still names whoever set
 * it first, so the last mover is unknown.
 */
export function moverOf(card: CardFacts): { login: string; isBot: boolean } | null {
  if (!card.creator || !card.valueCreatedAt || !card.valueUpdatedAt) return null;
  return Date.parse(card.valueCreatedAt) === Date.parse(card.valueUpdatedAt) ? card.creator : null;
}

/** The labels that decide a bug's column: the bug label, the state labels, the QA sub-labels and groups. */
function decidesColumn(label: string, config: Config): boolean {
  const l = config.labels;
  return [l.bug, l.reproduce, l.product, l.release, l.awaitingQa, l.readyForRelease].includes(label) || isGroupLabel(label, config);
}

/**
 * When the labels last changed in a way that moves the column: the last label event on a label that decides
 * the state, or close, or reopen, by anyone (a person or the bot). When the events window we read holds none
 * of them but older events exist, the change is older than the window: its start stands in (an upper bound).
 * No such event at all: the labels are as the issue was opened.
 */
export function labelsChangedAt(item: TrackedItem, config: Config): string {
  let last: string | null = null;
  for (const fact of item.timeline) {
    const counts = fact.kind === "closed" || fact.kind === "reopened" || ((fact.kind === "labeled" || fact.kind === "unlabeled") && fact.label !== undefined && decidesColumn(fact.label, config));
    if (counts && (last === null || Date.parse(fact.at) > Date.parse(last))) last = fact.at;
  }
  return last ?? item.eventsStart ?? item.createdAt;
}

export interface BoardDrift {
  /** The sweep's plan: rule `board-drift`; its effects are the card's move as a command would make it (none when the labels win). */
  plan: SweepPlan;
  /** Which side won, for the log and the tests. */
  winner: "labels" | "card";
}

/**
 * The drift rule (docs/board.md): when the card does not show the column of the bug's labels, the
 * later of the last label change (`labelsChangedAt`) and the last card move (the value's `updatedAt`) wins;
 * a tie goes to the labels. A later card move wins only when its mover is known (`moverOf`) and is not the bot:
 * then it is applied as the transition a person's card move is (`onCardMoved`: a maintainer's move is the
 * matching command, anyone else's is refused with one short reply and put back). A later move whose mover is
 * unknown is put back: the labels are the bug's state, and an unattributed move cannot be checked against the
 * permission rules (a maintainer who moves it again is served by the webhook at once).
 *
 * Null: nothing to repair — in sync, no column for the bug's state, an archived card, or a card moved later
 * to a column no state names (the person parked it there; the next transition moves it). A missing card and a
 * card with no value are drift the labels always win (the shell adds the card and sets its Status).
 *
 * `maintainers` are the confirmed maintainers among the movers (lower case); `moverToConfirm` names the one
 * the shell must ask about first.
 */
export function planBoardDrift(item: TrackedItem, card: CardFacts | null, config: Config, now: Date, maintainers: ReadonlySet<string>): BoardDrift | null {
  if (item.isPullRequest || !config.board) return null;
  const column = columnOf(item, config);
  if (column === null || card?.archived) return null;
  if (card && card.option !== null && same(card.option, column)) return null;
  const labelsAt = labelsChangedAt(item, config);
  const labelsWin = (why: string): BoardDrift => ({
    winner: "labels",
    plan: { rule: "board-drift", deadline: new Date(labelsAt), effects: [], detail: `card ${card ? `shows ${card.option === null ? "no column" : `"${card.option}"`}` : "missing"}, labels want "${column}": ${why}` },
  });
  if (!card) return labelsWin("the bug is not on the board");
  if (card.option === null || card.valueUpdatedAt === null) return labelsWin("the card has no column");
  const movedAt = card.valueUpdatedAt;
  if (Date.parse(movedAt) <= Date.parse(labelsAt)) return labelsWin(`labels changed at ${labelsAt}, after the card moved at ${movedAt}`);
  if (stateOfColumn(card.option, config) === null) return null;
  const mover = moverOf(card);
  if (!mover) return labelsWin(`the card moved at ${movedAt}, after the labels, but GitHub does not say by whom`);
  if (mover.isBot) return labelsWin(`the bot's own card move at ${movedAt} does not outrank the labels`);
  const actor = { login: mover.login, isBot: false, isMaintainer: maintainers.has(mover.login.toLowerCase()) };
  const decision = onCardMoved(item, { to: card.option, actor, at: movedAt }, config, now);
  return {
    winner: "card",
    plan: { rule: "board-drift", deadline: new Date(movedAt), effects: decision.effects, detail: `@${mover.login} moved the card at ${movedAt}, after the labels changed at ${labelsAt}: ${decision.rule}` },
  };
}

/** The mover whose maintainer status decides the drift, when the card's later move would win; else null. */
export function moverToConfirm(item: TrackedItem, card: CardFacts | null, config: Config, now: Date): string | null {
  const drift = planBoardDrift(item, card, config, now, new Set());
  return drift?.winner === "card" && card ? (moverOf(card)?.login ?? null) : null;
}

/**
 * The sweep's plans for a bug with its board drift: a winning card move is the bug's transition this run
 * (the timers are decided again on the next run, from the labels it leaves); a labels-win repair only
 * follows the labels, so the timers' plans go with it.
 */
export function withDrift(plans: SweepPlan[], drift: BoardDrift | null): SweepPlan[] {
  if (!drift) return plans;
  if (drift.winner === "card" && drift.plan.effects.some((effect) => effect.type !== "comment")) return [drift.plan];
  return [...plans, drift.plan];
}

/**
 * The column the sweep sets on the card after its writes, or null to leave the card alone. The card follows
 * the labels when there was drift to repair, and after any of the sweep's own transitions (the six-week rule
 * moves a bug to drafting, a needs-info close to Done) as after every transition; otherwise a card the drift
 * rule left alone (parked in an unnamed column, archived) stays as it is.
 */
export function cardTarget(item: TrackedItem, writes: readonly Effect[], card: CardFacts | null, drift: BoardDrift | null, config: Config): string | null {
  if (card?.archived) return null;
  const column = columnOf(applyEffects(item, writes), config);
  if (column === null) return null;
  if (!drift && column === columnOf(item, config)) return null;
  return card && card.option !== null && same(card.option, column) ? null : column;
}

/**
 * A closed bug's card seen on the board read (the sweep's bug pages list open bugs only): worth a fresh look
 * when it does not show the closed column. Its labels, or its type (docs/issue-types.md), decide whether it is a bug at all.
 */
export function closedCardDrifts(labels: readonly string[], card: CardFacts, config: Config, type?: string | null): boolean {
  if (card.archived) return false;
  const column = columnOf({ labels, open: false, ...(type !== undefined && { type }) }, config);
  return column !== null && (card.option === null || !same(card.option, column));
}

function same(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
