//! Purpose: what a person's card move on the bugs board means: the command or label edit it stands for, or a refusal.
import { authorize } from "../authorize.js";
import { commandSpecs } from "../commands.js";
import type { CommandName, Config } from "../config.js";
import { moveTo } from "../move.js";
import { applyEffects } from "../plan.js";
import { resolveGroup } from "../resolve-group.js";
import { say } from "../say.js";
import { stateOf } from "../state.js";
import type { Actor, BugState, Effect, IssueSnapshot } from "../types.js";
import { boardStateOf, stateOfColumn } from "./columns.js";
import type { BoardState } from "./config.js";

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
  const from = stateOf(open.labels, config, open.type)!;
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
