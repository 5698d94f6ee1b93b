//! Purpose: the automatic rules a repository can switch `on`, `off` or to `shadow` (docs/rules.md), and their schema.
import { z } from "zod";

/**
 * Every rule the bot applies on its own (a timer, a reaction to an event, the board, the sweep's repairs).
 * Commands are not here: what a person asks for is never shadowed.
 */
export const RULE_NAMES = [
  "acknowledge",
  "inboxSla",
  "needsInfoReminder",
  "needsInfoClose",
  "sixWeek",
  "prDraft",
  "prClose",
  "prWaitingOnUs",
  "criticalEscalation",
  "mergeToQa",
  "reopenClosedByMerge",
  "closingKeywordWarning",
  "thanks",
  "board",
  "repairs",
] as const;
export type RuleName = (typeof RULE_NAMES)[number];

export const RULE_MODES = ["on", "shadow", "off"] as const;
export type RuleMode = (typeof RULE_MODES)[number];

/** What each rule does, for the schema's descriptions, the check run and the report. */
export const RULE_DESCRIPTIONS: Record<RuleName, string> = {
  acknowledge: "Thank a community reporter with one comment when their bug is opened.",
  inboxSla: "Remind QA when a bug waits in the inbox longer than `inbox.slaBusinessDays`.",
  needsInfoReminder: "Remind the reporter once when `~needs info` has had no answer for `needsInfo.remindAfterDays`.",
  needsInfoClose: "Close a bug as not planned when `~needs info` has had no answer for `needsInfo.closeAfterDays`.",
  sixWeek: "Send a bug reproduced `reprioritizeAfterDays` ago and still not scheduled back to product.",
  prDraft: "Convert a community pull request waiting on its author to a draft.",
  prClose: "Close a community pull request its author has not updated for `pullRequests.closeAfterDays`.",
  prWaitingOnUs: "Remind us when a community pull request has waited on us too long.",
  criticalEscalation: "Escalate a critical bug product has not confirmed in time.",
  mergeToQa: "Move a bug fixed by a merged pull request to awaiting QA.",
  reopenClosedByMerge: "Reopen a bug GitHub closed for a merged pull request's closing keyword, into awaiting QA.",
  closingKeywordWarning: "Ask a pull request's author not to close bugs with closing keywords.",
  thanks: "Thank a community author when their pull request is merged.",
  board: "Move bugs' cards on the bugs board to the column their labels say.",
  repairs: "The sweep's completion of half-done label edits (two state labels, a missing owner).",
};

const mode = (rule: RuleName) =>
  z.enum(RULE_MODES).default("on").describe(`${RULE_DESCRIPTIONS[rule]} \`on\`: acts; \`shadow\`: decides and logs what it would write, writes nothing; \`off\`: does nothing.`);

export const rulesSchema = z
  .strictObject(Object.fromEntries(RULE_NAMES.map((rule) => [rule, mode(rule)])) as Record<RuleName, ReturnType<typeof mode>>)
  .prefault({})
  .describe("Switch each automatic rule `on` (default), to `shadow` (decide and log, write nothing: a trial) or `off`. Commands are never shadowed.");
