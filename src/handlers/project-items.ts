//! Purpose: board → labels: `projects_v2_item.edited` (a card moved on the bugs board) → derive → decide → execute.
import { boardStateOf, stateOfColumn } from "../lifecycle/board/columns.js";
import { transition } from "../lifecycle/transition.js";
import type { Actor } from "../lifecycle/types.js";
import { BoardProblem, readBoard } from "../board/read-board.js";
import { parseCardEdit, readCardContent, type CardContent, type CardEdit } from "../board/card-move.js";
import { IdBook } from "../github/ids.js";
import { isMaintainer } from "../github/permissions.js";
import { readIssue } from "../github/read-issues.js";
import { isBotUser } from "../github/to-event.js";
import type { Config } from "../lifecycle/config.js";
import type { Octokit } from "../runtime/clients.js";
import type { Delivery } from "../runtime/delivery.js";
import type { AppPort } from "../runtime/port.js";
import { apply } from "../write/apply.js";

/**
 * The project is the organisation's, so the webhook names no repository: the card's content (one GraphQL
 * read, which also has the card's values now) tells which repository's config applies. Everything that is
 * not a person moving an issue's card on that config's board and field is ignored.
 */
export async function onProjectItem(delivery: Delivery, port: AppPort): Promise<void> {
  const parsed = parseCardEdit(delivery.payload);
  if (!parsed.ok) {
    port.log.warn({ delivery: delivery.id, event: delivery.name }, parsed.reason);
    return;
  }
  const edit = parsed.edit;
  if (!edit) return;
  const log = port.log.child({ delivery: delivery.id, event: "projects_v2_item.edited" });
  // The bot's own Status writes come back as this webhook: dropped before any read, so they never loop.
  if (isBotUser(edit.sender)) return;
  if (edit.contentType !== "Issue" || edit.fieldType !== "single_select") return log.debug({ content: edit.contentType, field: edit.fieldType }, "card edit ignored: not an issue's single-select field");
  // A personal token's own moves are the bot's too.
  const self = await port.self();
  if (self && self.toLowerCase() === edit.sender.login.toLowerCase()) return;
  const octokit = await port.clientFor(delivery);
  const content = await readCardContent(octokit, edit);
  if (!content) return log.debug({ item: edit.itemId }, "card edit ignored: not an issue in a repository the app can read");
  const loaded = await port.config(octokit, content.repo, log, "the card edit is ignored");
  if (!loaded.ok) return;
  const config = loaded.config;
  if (!config.board) return;
  try {
    const board = await readBoard(octokit, config.board, port.caches.boards);
    if (board.projectId !== edit.projectId || board.fieldId !== edit.fieldId) return log.debug({ project: edit.projectId, field: edit.fieldId }, "card edit ignored: not the configured board's field");
  } catch (error) {
    if (!(error instanceof BoardProblem)) throw error;
    return log.warn({ board: config.board.project, problem: error.message }, "board problem");
  }
  const key = `${content.repo.owner}/${content.repo.name}#${content.number}`;
  await port.exclusive(key, () => decideAndApply(delivery, port, octokit, edit, content, config));
}

async function decideAndApply(delivery: Delivery, port: AppPort, octokit: Octokit, edit: CardEdit, content: CardContent, config: Config): Promise<void> {
  const { repo, number } = content;
  const log = port.log.child({ delivery: delivery.id, repo: `${repo.owner}/${repo.name}`, issue: number });
  const ids = new IdBook();
  ids.repositoryId = repo.nodeId;
  const issue = await readIssue(octokit, repo, number, ids, { self: await port.self() });
  if (!issue) return;
  // The card's value now, not the payload's: a later move's delivery may still be on its way.
  const to = content.values.get(edit.fieldId) ?? null;
  // What the card shows now: if the move is refused, the transition's document puts the card back.
  port.caches.boardItems.set(content.issueId, { itemId: edit.itemId, option: to });
  const target = stateOfColumn(to, config);
  // Whether the mover may do it matters only for a move that would change the bug.
  const matters = target !== null && target !== boardStateOf(issue, config);
  const actor: Actor = {
    login: edit.sender.login,
    isBot: false,
    isMaintainer: matters ? await isMaintainer(octokit, repo.owner, repo.name, edit.sender.login, port.caches.permissions) : false,
  };
  const decision = transition(issue, { kind: "card-moved", to, actor, at: edit.at }, config, port.now());
  const fields = { event: "card-moved", state: decision.state, rule: decision.rule };
  if (!decision.effects.length) return log.debug({ ...fields, effects: 0 }, "transition");
  await apply(port, { octokit, repo: { ...repo }, ids, config, effects: decision.effects, snapshots: [issue], dryRun: port.dryRun, delivery: delivery.id, cards: { kind: "follow" }, log, line: { msg: "transition", fields }, now: port.now(), status: { by: edit.sender.login } });
}
