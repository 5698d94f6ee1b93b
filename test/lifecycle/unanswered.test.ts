//! Purpose: which command comments the sweep runs again (a cancelled run, a lost webhook), as a table; and that every answer the core writes for a comment names it.
import { describe, expect, it } from "vitest";
import { answeredIds, withMarker } from "../../src/lifecycle/markers.js";
import { transition } from "../../src/lifecycle/transition.js";
import type { Actor, IssueSnapshot } from "../../src/lifecycle/types.js";
import { replayWindow, unansweredCommands, type RecentTalk, type SeenComment } from "../../src/lifecycle/unanswered.js";
import { fleetConfig, issue, maintainer, NOW, reporter, stranger } from "../support/fixtures.js";

const MINUTE = 60_000;
const at = (minutesAgo: number) => new Date(NOW.getTime() - minutesAgo * MINUTE).toISOString();
const window = replayWindow(NOW);

function person(id: number, body: string, minutesAgo = 30, more: Partial<SeenComment> = {}): SeenComment {
  return { id, nodeId: `IC_${id}`, createdAt: at(minutesAgo), own: false, byBot: false, body, acknowledged: false, ...more };
}
function bot(id: number, body: string, minutesAgo = 29): SeenComment {
  return { id, nodeId: `IC_${id}`, createdAt: at(minutesAgo), own: true, byBot: true, body, acknowledged: false };
}
const talk = (comments: SeenComment[], more: Partial<RecentTalk> = {}): RecentTalk => ({ number: 7, isPullRequest: false, comments, ...more });

type Row = [name: string, talk: RecentTalk, expected: number[]];

const rows: Row[] = [
  ["a person's command with no answer is run again", talk([person(101, "/reproduced #g-mdm")]), [101]],
  ["the bot's 👍 on it: answered", talk([person(101, "/reproduced #g-mdm", 30, { acknowledged: true })]), []],
  ["a refusal naming it (reply:<id>): answered", talk([person(101, "/release"), bot(102, withMarker("`/release` applies to …", "reply:101"))]), []],
  ["an edit's refusal (reply:<id>.<edit time>) names it too", talk([person(101, "/release"), bot(102, withMarker("no", "reply:101.2026-11-18T16:40:00Z"))]), []],
  ["/why's answer names it", talk([person(101, "/why"), bot(102, withMarker("state: inbox", "why:101"))]), []],
  ["the invalid-config reply names it", talk([person(101, "/reproduced"), bot(102, withMarker("invalid config", "invalid-config:101"))]), []],
  ["a marker read apart (the fresh read's last 100 comments) names it", talk([person(101, "/not-a-bug")], { markers: ["not-a-bug:101"] }), []],
  ["a reply to another comment does not answer this one", talk([person(101, "/release"), bot(102, withMarker("no", "reply:1010"))]), [101]],
  ["a marker that names a PR or a milestone by number is no answer (fixed:<pr>)", talk([person(12, "/fixed"), bot(13, withMarker("fixed by #12", "fixed:12"))]), [12]],
  ["a marker in a person's comment (pasted) proves nothing", talk([person(101, "/product"), person(102, withMarker("quoting", "reply:101"))]), [101]],
  ["the bot's own comment is never run, even with a command line", talk([bot(101, "/reproduced #g-mdm", 30)]), []],
  ["another bot's command is never run (the webhook ignores bots)", talk([person(101, "/reproduced #g-mdm", 30, { byBot: true })]), []],
  ["conversation without a command is nothing to run", talk([person(101, "thanks, reproduced on 4.60")]), []],
  ["another bot's /word is not our command", talk([person(101, "/assign me")]), []],
  ["a command in a code fence is not a command", talk([person(101, "```\n/reproduced\n```")]), []],
  ["younger than the grace (its own run may still come)", talk([person(101, "/reproduced #g-mdm", 5)]), []],
  ["just past the grace", talk([person(101, "/reproduced #g-mdm", 10)]), [101]],
  ["older than the 24 h look-back: not acted on a day late", talk([person(101, "/reproduced #g-mdm", 24 * 60 + 1)]), []],
  ["just inside the look-back", talk([person(101, "/reproduced #g-mdm", 24 * 60)]), [101]],
  ["pull requests take no commands", talk([person(101, "/reproduced #g-mdm")], { isPullRequest: true }), []],
  ["several, oldest first; the answered one left out", talk([person(105, "/needs-info", 20), person(101, "/reproduced #g-mdm", 40), person(103, "/why", 30, { acknowledged: true })]), [101, 105]],
];

describe("unansweredCommands", () => {
  it.each(rows)("%s", (_name, recent, expected) => {
    expect(unansweredCommands(recent, window).map((comment) => comment.id)).toEqual(expected);
  });
});

/**
 * The rule above trusts that the bot's every answer to a comment is either its 👍 or a comment whose marker
 * names the comment: check that against the core, for commands that succeed, refuse, and answer.
 */
describe("every comment the core writes about a command comment names it", () => {
  const config = fleetConfig();
  const cases: [string, IssueSnapshot, string, Actor][] = [
    ["refusal", issue(["bug", ":release"]), "/reproduced", maintainer],
    ["not allowed", issue(["bug", ":reproduce"]), "/reproduced #g-mdm", stranger],
    ["/why", issue(["bug", ":reproduce"]), "/why", stranger],
    ["/needs-info", issue(["bug", ":reproduce"]), "/needs-info which version?", maintainer],
    ["/qa-failed", issue(["bug", ":release", "~awaiting QA"], ["qa-lead"]), "/qa-failed still fails", maintainer],
    ["/not-a-bug", issue(["bug", ":reproduce"]), "/not-a-bug works as designed", maintainer],
    ["the reporter answered (a new comment only)", issue(["bug", ":reproduce", "~needs info"]), "here are the logs", reporter],
  ];
  it.each(cases)("%s", (name, before, body, actor) => {
    const edits = name.startsWith("the reporter") ? [undefined] : [undefined, { previousBody: "", editedAt: "2026-11-18T16:00:00Z" }];
    for (const edit of edits) {
      const decision = transition(before, { kind: "commented", comment: { id: 4242, nodeId: "IC_4242", body, ...edit }, actor }, config, NOW);
      const keys = decision.effects.flatMap((effect) => (effect.type === "comment" ? [effect.key] : []));
      const reacted = decision.effects.some((effect) => effect.type === "react");
      expect(keys.length + (reacted ? 1 : 0), "the run leaves a trace").toBeGreaterThan(0);
      for (const key of keys) expect(answeredIds([key]).has(4242), key).toBe(true);
    }
  });
});
