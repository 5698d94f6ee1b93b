//! Purpose: an `expect:` step checked against the issue as GitHub (the double) holds it; each miss is one readable line.
import type { IssueView } from "@bug-lifecycle/github-double";
import type { Step } from "./scenario-schema.js";

type Expectation = Extract<Step, { kind: "expect" }>;

export function checkExpectation(expect: Expectation, issue: IssueView, state: string, bot: string): string[] {
  const misses: string[] = [];
  const where = `line ${expect.line}: #${expect.on}`;
  const list = (items: readonly string[]) => (items.length ? items.join(", ") : "none");
  if (expect.state !== undefined && !sameState(expect.state, state)) misses.push(`${where} is ${state}, expected ${expect.state}`);
  const missing = (expect.labels ?? []).filter((label) => !issue.labels.includes(label));
  if (missing.length) misses.push(`${where} lacks the label(s) ${list(missing)} (has ${list(issue.labels)})`);
  const extra = (expect.without ?? []).filter((label) => issue.labels.includes(label));
  if (extra.length) misses.push(`${where} still has the label(s) ${list(extra)}`);
  if (expect.assignees && [...expect.assignees].sort().join() !== [...issue.assignees].sort().join()) {
    misses.push(`${where} is assigned to ${list(issue.assignees)}, expected ${list(expect.assignees)}`);
  }
  if (expect.milestone !== undefined && expect.milestone !== issue.milestone) {
    misses.push(`${where} has milestone ${issue.milestone ?? "none"}, expected ${expect.milestone ?? "none"}`);
  }
  const botComments = issue.comments.filter((comment) => comment.author === bot);
  if (expect.botComments !== undefined && botComments.length !== expect.botComments) {
    misses.push(`${where} has ${botComments.length} comment(s) by the bot, expected ${expect.botComments}`);
  }
  const last = botComments.at(-1)?.body ?? "";
  if (expect.lastComment !== undefined && !last.includes(expect.lastComment)) {
    misses.push(`${where}: the bot's latest comment does not contain ${JSON.stringify(expect.lastComment)}`);
  }
  return misses;
}

/** `closed` matches either close reason; otherwise the state must be the same. */
function sameState(expected: string, actual: string): boolean {
  return expected === actual || (expected === "closed" && actual.startsWith("closed")) || (expected === "not-a-bug" && actual === "—");
}
