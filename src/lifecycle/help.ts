//! Purpose: `/help` (the commands a person may run, one line each) and "did you mean" for a mistyped command (docs/rules.md).
import { authorize } from "./authorize.js";
import { COMMANDS, type CommandName, type Config } from "./config.js";
import { otherWords } from "./parse-commands.js";
import { say } from "./say.js";
import { editDistance } from "../config/closest.js";
import type { Actor, CommentRef, IssueSnapshot } from "./types.js";

/** One line per command: how it is written and what it does (docs/contract.md §2). */
export const COMMAND_LINES: Record<CommandName, string> = {
  reproduced: "`/reproduced [#g-group]`: QA reproduced the bug; it goes to the group's engineering manager.",
  product: "`/product [#g-group]`: product decides its priority (the PM owns it).",
  engineering: "`/engineering [#g-group]`: back from product to engineering.",
  release: "`/release`: scheduled into a release.",
  backlog: "`/backlog`: out of the release, back to reproduced.",
  critical: "`/critical`: a critical bug: into the release, product and the EM are told.",
  unreleased: "`/unreleased [#g-group]`: a bug in code not released yet.",
  fixed: "`/fixed`: fixed, QA verifies it.",
  "qa-passed": "`/qa-passed`: QA verified the fix.",
  "qa-failed": "`/qa-failed <notes>`: QA found remaining issues; back to engineering.",
  "needs-info": "`/needs-info [text]`: ask the reporter for the details to reproduce it.",
  "not-a-bug": "`/not-a-bug [reason]`: not a bug; product decides.",
  group: "`/group #g-group`: move the bug to another group.",
  reopen: "`/reopen`: reopen an issue the bot closed, as it was.",
  why: "`/why`: why the bug is where it is, who owns it and what happens next.",
  undo: "`/undo`: revert the bot's last transition on this issue (a second `/undo` the one before).",
};

/** A person's `/help` and near misses in one comment (an edit: only the lines it added). Pull requests have no commands. */
export function extrasOf(issue: IssueSnapshot, comment: CommentRef): { help: boolean; nearMisses: { word: string; command: CommandName }[] } {
  if (issue.isPullRequest) return { help: false, nearMisses: [] };
  const words = otherWords(comment.body, comment.previousBody);
  const nearMisses = words.flatMap((word) => {
    const command = nearestCommand(word);
    return command ? [{ word, command }] : [];
  });
  return { help: words.includes("help"), nearMisses };
}

/**
 * The command a `/word` is most likely a typo of: edit distance at most 2, and not a command itself. `help` is
 * no candidate: anyone may run it, so another bot's `/hold` would always be answered.
 */
export function nearestCommand(word: string): CommandName | null {
  if (word === "help" || word.length < 3) return null;
  let best: { command: CommandName; distance: number } | null = null;
  for (const command of COMMANDS) {
    if (Math.abs(word.length - command.length) > 2) continue;
    const distance = editDistance(word, command);
    if (distance <= 2 && (!best || distance < best.distance)) best = { command, distance };
  }
  return best?.command ?? null;
}

/** The commands this person may run here, one line each, and where the docs are: a maintainer sees them all. */
export function helpText(issue: IssueSnapshot, actor: Actor, config: Config): string {
  const allowed = COMMANDS.filter((name) => actor.isMaintainer || authorize(name, actor, issue, config).ok);
  const lines = allowed.map((name) => `- ${COMMAND_LINES[name]}`);
  return say(config, "help", { commands: lines.join("\n"), docs: DOCS });
}

/** The one reply to the near misses of someone allowed to run what they meant (others' typos stay unanswered). */
export function didYouMean(misses: readonly { word: string; command: CommandName }[], issue: IssueSnapshot, actor: Actor, config: Config): string[] {
  const seen = new Set<string>();
  return misses.flatMap(({ word, command }) => {
    if (seen.has(word) || !authorize(command, actor, issue, config).ok) return [];
    seen.add(word);
    return [say(config, "didYouMean", { word, command })];
  });
}

/** The docs of the commands and rules (this project's pages; a team's own page can replace the whole text in `messages.help`). */
export const DOCS = "docs/contract.md §2 (commands) and docs/rules.md (automatic rules) in bug-lifecycle's repository";
