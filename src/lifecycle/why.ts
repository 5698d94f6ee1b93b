//! Purpose: the `/why` answer: current state, owner, the rule that put it there, and the next timer.
import { columnOf } from "./board/columns.js";
import type { Config } from "./config.js";
import { mention, ownersOf } from "./people.js";
import { groupOf, isReproducedOrLater, stateOf } from "./state.js";
import { nextTimer, timersOf } from "./timers.js";
import type { BugState, IssueSnapshot } from "./types.js";
import { undoLine } from "./undo.js";

function ruleOf(state: BugState, config: Config): string {
  const l = config.labels;
  const rules: Record<BugState, string> = {
    inbox: `labeled \`${l.bug}\` + \`${l.reproduce}\`: waiting for QA to reproduce it`,
    reproduced: `labeled \`${l.bug}\` + a group, none of \`${l.reproduce}\` \`${l.product}\` \`${l.release}\`: the group's EM schedules it`,
    drafting: `labeled \`${l.bug}\` + \`${l.product}\`: product decides the expected behavior`,
    engineering: `labeled \`${l.bug}\` + \`${l.release}\`: being fixed for a release`,
    "awaiting-qa": `labeled \`${l.release}\` + \`${l.awaitingQa}\`: fixed, QA verifies`,
    "ready-for-release": `labeled \`${l.release}\` + \`${l.readyForRelease}\`: closes when its milestone closes`,
    orphan: `labeled \`${l.bug}\` with no state label and no group: nobody owns it`,
  };
  return rules[state];
}

export function explain(issue: IssueSnapshot, config: Config, now: Date): string {
  const state = stateOf(issue.labels, config, issue.type);
  if (!state) {
    const type = config.bugType ? ` nor typed \`${config.bugType}\`` : "";
    return `This issue is not labeled \`${config.labels.bug}\`${type}, so the bug lifecycle does not track it.`;
  }
  if (!issue.open) return [`This bug is closed (it was in \`${state}\`).`, undoLine(issue, config, now)].filter(Boolean).join("\n");
  const group = groupOf(issue.labels, config);
  const expected = ownersOf(state, group, config);
  const owner = issue.assignees.length ? mention(issue.assignees) : "nobody";
  const lines = [
    `**State:** \`${state}\`${group ? ` in \`${group}\`` : ""}; assigned to ${owner}.`,
    `**Rule:** ${ruleOf(state, config)}.`,
  ];
  // A bug by type alone: the rules say `bug` label, so say what stands in for it.
  if (!issue.labels.includes(config.labels.bug)) lines.push(`**Bug by type:** \`${issue.type}\` (\`bugType\`), no \`${config.labels.bug}\` label.`);
  if (expected.length && !issue.assignees.length) lines.push(`**Expected owner:** ${mention(expected)}.`);
  if (isReproducedOrLater(state) && !issue.assignees.length) lines.push("**Reproduced orphan:** nobody is assigned.");
  if (issue.clocks?.linkedMove) lines.push(`**Clock restarted by a linked pull request:** ${issue.clocks.linkedMove}.`);
  const timer = nextTimer(issue, config, now);
  const overdue = timer ? undefined : timersOf(issue, config).at(-1);
  const when = (at: Date) => `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  lines.push(
    timer
      ? `**Next timer:** \`${timer.name}\` on ${when(timer.at)}: ${timer.action}.`
      : overdue
        ? `**Next timer:** \`${overdue.name}\` has been due since ${when(overdue.at)}: the next sweep ${overdue.action}.`
        : "**Next timer:** none.",
  );
  const undo = undoLine(issue, config, now);
  if (undo) lines.push(undo);
  lines.push(...boardLines(issue, config));
  return lines.join("\n");
}

/** The card, and every board problem: a person fixing the board reads them here rather than in the logs. */
function boardLines(issue: IssueSnapshot, config: Config): string[] {
  if (!config.board || !issue.board) return [];
  const wanted = columnOf(issue, config);
  const { onBoard, card, problems } = issue.board;
  const belongs = wanted ? `; the bug belongs in \`${wanted}\`` : "";
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  // A board that could not be read has only its problem to say.
  const where = !onBoard
    ? problems.length ? null : `not on ${config.board.project} yet${wanted ? `; the bot adds it in \`${wanted}\` with the bug's next change` : ""}.`
    : card === null ? `in no column${belongs}.`
    : wanted && !same(card, wanted) ? `the card shows \`${card}\`${belongs}.`
    : `\`${card}\`.`;
  return [...(where ? [`**Board:** ${where}`] : []), ...problems.map((problem) => `**Board problem:** ${problem}`)];
}
