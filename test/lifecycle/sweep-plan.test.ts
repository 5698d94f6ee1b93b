//! Purpose: every sweep rule (docs/contract.md §4 timers, docs/contract.md §1 repairs) as tables: item + now → due actions and their effects.
import { describe, expect, it } from "vitest";
import type { Effect } from "../../src/lifecycle/types.js";
import type { TrackedItem } from "../../src/lifecycle/repo-snapshot.js";
import { planSweep, type SweepRule } from "../../src/lifecycle/sweep-plan.js";
import { timersOf } from "../../src/lifecycle/timers.js";
import { fleetConfig } from "../support/fixtures.js";
import { ago, BOT, bug, fact, NOW, pull } from "./tracked-items.js";

const config = fleetConfig();
const maintainers = new Set(["maint", "qa-lead", "mdm-em", "mdm-pm"]);
const OTHER_BOT = { bot: "labeler" };

type Row = [name: string, item: TrackedItem, rules: SweepRule[], effects?: Partial<Effect>[]];

function check([_name, item, rules, effects]: Row, now = NOW): void {
  const plans = planSweep(item, config, now, maintainers);
  expect(plans.map((plan) => plan.rule)).toEqual(rules);
  if (effects) expect(plans.flatMap((plan) => plan.effects)).toMatchObject(effects);
}

/** `/needs-info` by a maintainer `days` ago, and the bot's label a second later. */
const askedFor = (days: number) => [fact.command(ago(days), "qa-lead", "needs-info"), fact.labeled(ago(days, 1), BOT, "~needs info")];
const inNeedsInfo = ["bug", ":reproduce", "~needs info"];

describe("needs info (14 days: reminder, 28 days: close)", () => {
  const since = new Date(ago(15)).toISOString();
  it.each<Row>([
    ["13 days: nothing yet", bug(inNeedsInfo, askedFor(13)), []],
    ["15 days: one reminder keyed by the request", bug(inNeedsInfo, askedFor(15)), ["needs-info-reminder"], [{ type: "comment", key: `needs-info-reminder:${since}` }]],
    ["a bot comment is not the reporter's answer", bug(inNeedsInfo, [...askedFor(15), fact.comment(ago(3), OTHER_BOT)]), ["needs-info-reminder"]],
    ["another bot relabelling does not restart the clock", bug(inNeedsInfo, [...askedFor(15), fact.unlabeled(ago(2), OTHER_BOT, "~needs info"), fact.labeled(ago(2, 5), OTHER_BOT, "~needs info")]), ["needs-info-reminder"], [{ key: `needs-info-reminder:${since}` }]],
    ["reminder already posted: nothing until day 28", bug(inNeedsInfo, [...askedFor(20), fact.botComment(ago(6), `needs-info-reminder:${new Date(ago(20)).toISOString()}`)]), []],
    ["someone else's comment does not stop the clock", bug(inNeedsInfo, [...askedFor(15), fact.comment(ago(1), "stranger")]), ["needs-info-reminder"]],
    ["more was said since the request than was read: no timer (the answer may be there)", bug(inNeedsInfo, [...askedFor(40), fact.comment(ago(1), "stranger")], { timelineStart: ago(30) }), []],
    ["a person adding the label by hand starts it too", bug(inNeedsInfo, [fact.labeled(ago(15), "qa-lead", "~needs info")]), ["needs-info-reminder"]],
    [
      "the reporter answered but the webhook was missed: label removed, QA told, no timer",
      bug(inNeedsInfo, [...askedFor(20), fact.comment(ago(2), "reporter", 55)]),
      ["needs-info-answered"],
      [{ type: "remove-labels", labels: ["~needs info"] }, { type: "comment", key: "needs-info-answered:55", body: expect.stringContaining("@qa-lead") }],
    ],
  ])("%s", (...row) => check(row));

  it("closes as not planned after 28 days, saving labels and assignees for /reopen, with a kind comment", () => {
    const asked = new Date(ago(29)).toISOString();
    const item = bug(inNeedsInfo, [...askedFor(29), fact.botComment(ago(15), `needs-info-reminder:${asked}`)], { assignees: ["qa-lead"] });
    const [plan] = planSweep(item, config, NOW, maintainers);
    expect(plan?.rule).toBe("needs-info-close");
    expect(plan?.effects).toEqual([
      { type: "comment", issue: 7, key: `needs-info-close:${asked}`, body: expect.stringContaining("/reopen"), restore: { labels: inNeedsInfo, assignees: ["qa-lead"] }, rule: "needsInfoClose" },
      { type: "close", issue: 7, reason: "not_planned", rule: "needsInfoClose" },
    ]);
  });

  it("never closes without a reminder first: a late reminder, then the close 14 days after it", () => {
    const item = bug(inNeedsInfo, askedFor(40));
    expect(planSweep(item, config, NOW, maintainers).map((p) => p.rule)).toEqual(["needs-info-reminder"]);
    expect(planSweep(item, config, NOW, maintainers)[0]?.effects.map((e) => e.type)).toEqual(["comment"]);
    const reminded = bug(inNeedsInfo, [...askedFor(40), fact.botComment(ago(10), `needs-info-reminder:${new Date(ago(40)).toISOString()}`)]);
    expect(planSweep(reminded, config, NOW, maintainers)).toEqual([]);
    expect(planSweep(reminded, config, new Date(NOW.getTime() + 5 * 86_400_000), maintainers)[0]?.effects.map((e) => e.type)).toEqual(["comment", "close"]);
  });

  it("a tracked (+) issue is reminded but never closed", () => {
    const asked = new Date(ago(60)).toISOString();
    const item = bug([...inNeedsInfo, "+roadmap"], [...askedFor(60), fact.botComment(ago(45), `needs-info-reminder:${asked}`)]);
    expect(planSweep(item, config, NOW, maintainers)).toEqual([]);
    expect(planSweep(bug([...inNeedsInfo, "+roadmap"], askedFor(60)), config, NOW, maintainers).map((p) => p.rule)).toEqual(["needs-info-reminder"]);
  });
});

describe("inbox SLA (1 business day, America/Los_Angeles)", () => {
  // Opened Friday 2026-11-13 10:00 in Los Angeles; the bot added `:reproduce` a second later.
  const friday = "2026-11-13T18:00:00Z";
  const opened = (extra: Partial<TrackedItem> = {}) =>
    bug(["bug", ":reproduce"], [fact.labeled("2026-11-13T18:00:01Z", BOT, ":reproduce")], { createdAt: friday, ...extra });
  it.each<[string, string, SweepRule[]]>([
    ["Saturday: not a business day", "2026-11-14T20:00:00Z", []],
    ["Monday 9:00 LA: not yet a full business day", "2026-11-16T17:00:00Z", []],
    ["Monday 10:00 LA: due", "2026-11-16T18:00:00Z", ["inbox-sla"]],
  ])("%s", (_name, now, rules) => {
    expect(planSweep(opened(), config, new Date(now), maintainers).map((p) => p.rule)).toEqual(rules);
  });

  it("mentions QA once per clock start", () => {
    const [plan] = planSweep(opened(), config, NOW, maintainers);
    expect(plan?.effects).toEqual([{ type: "comment", issue: 7, key: `inbox-sla:${new Date(friday).toISOString()}`, body: expect.stringContaining("@qa-lead"), rule: "inboxSla" }]);
    const reminded = opened({ timeline: [...opened().timeline, fact.botComment("2026-11-16T18:30:00Z", `inbox-sla:${new Date(friday).toISOString()}`)] });
    expect(planSweep(reminded, config, NOW, maintainers)).toEqual([]);
  });

  it.each<Row>([
    ["paused while waiting on the reporter", bug(inNeedsInfo, askedFor(3)), []],
    ["restarts from the reporter's answer", bug(["bug", ":reproduce"], [...askedFor(6), fact.comment(ago(0.5), "reporter"), fact.unlabeled(ago(0.5, 2), BOT, "~needs info")]), []],
    ["a person moving it back to the inbox restarts it", bug(["bug", ":reproduce", "#g-mdm"], [fact.labeled(ago(0.2), "maint", ":reproduce")]), []],
    ["a bot comment does not restart it", bug(["bug", ":reproduce"], [fact.comment(ago(0.1), OTHER_BOT)], { createdAt: ago(5) }), ["inbox-sla"]],
  ])("%s", (...row) => check(row));

  it("no QA configured: nobody to remind", () => {
    expect(planSweep(opened(), fleetConfig({ people: { qa: [] } }), NOW, maintainers)).toEqual([]);
  });
});

describe("six-week rule (42 days in reproduced without :release)", () => {
  const reproduced = (days: number) => [
    fact.command(ago(days), "qa-lead", "reproduced"),
    fact.unlabeled(ago(days, 2), BOT, ":reproduce"),
    fact.labeled(ago(days, 2), BOT, "#g-mdm"),
  ];
  const since = new Date(ago(43)).toISOString();
  it.each<Row>([
    ["41 days: nothing", bug(["bug", "#g-mdm"], reproduced(41), { assignees: ["mdm-em"] }), []],
    [
      "43 days: back to product, PM assigned, the rule cited",
      bug(["bug", "#g-mdm"], reproduced(43), { assignees: ["mdm-em"] }),
      ["six-week-rule"],
      [
        { type: "add-labels", labels: [":product"] },
        { type: "add-assignees", logins: ["mdm-pm"] },
        { type: "comment", key: `six-week-rule:${since}`, body: expect.stringContaining("Six-week rule") },
      ],
    ],
    ["a bot relabelling the group does not restart it", bug(["bug", "#g-mdm"], [...reproduced(43), fact.unlabeled(ago(1), OTHER_BOT, "#g-mdm"), fact.labeled(ago(1, 3), OTHER_BOT, "#g-mdm")], { assignees: ["mdm-em"] }), ["six-week-rule"]],
    ["/backlog 10 days ago: back in reproduced since then", bug(["bug", "#g-mdm"], [...reproduced(60), fact.labeled(ago(30), "mdm-em", ":release"), fact.command(ago(10), "mdm-em", "backlog"), fact.unlabeled(ago(10, 2), BOT, ":release")], { assignees: ["mdm-em"] }), []],
    ["reopened by a person 5 days ago", bug(["bug", "#g-mdm"], [...reproduced(60), fact.reopened(ago(5), "maint")], { assignees: ["mdm-em"] }), []],
    ["older than the events read: counted from the oldest one read", bug(["bug", "#g-mdm"], [fact.labeled(ago(20), "mdm-em", "~critical bug")], { assignees: ["mdm-em"], timelineStart: ago(20), eventsStart: ago(20) }), []],
    ["a long conversation does not hide a label edit that was read", bug(["bug", "#g-mdm"], [...reproduced(43), fact.comment(ago(3), "someone")], { assignees: ["mdm-em"], timelineStart: ago(3) }), ["six-week-rule"]],
    ["with :release it is in engineering: no timer", bug(["bug", "#g-mdm", ":release"], reproduced(60), { assignees: ["mdm-em"] }), []],
  ])("%s", (...row) => check(row));
});

describe("repairs (docs/contract.md §1 invariants a missed webhook left broken)", () => {
  it.each<Row>([
    [
      "two state labels: the one added last wins, its owner is assigned",
      bug(["bug", ":reproduce", ":release", "#g-mdm"], [fact.labeled(ago(9), "reporter", ":reproduce"), fact.labeled(ago(2), "maint", ":release")]),
      ["repair"],
      [{ type: "remove-labels", labels: [":reproduce"] }, { type: "add-assignees", logins: ["mdm-em"] }],
    ],
    [
      "a QA sub-label without :release: :release added, QA assigned",
      bug(["bug", "#g-mdm", "~awaiting QA"], [fact.labeled(ago(1), "maint", "~awaiting QA")], { assignees: ["dev"] }),
      ["repair"],
      [{ type: "add-labels", labels: [":release"] }, { type: "add-assignees", logins: ["qa-lead"] }],
    ],
    ["a state without its owner: the group's EM", bug(["bug", "#g-mdm"], [], { createdAt: ago(3) }), ["repair"], [{ type: "add-assignees", logins: ["mdm-em"] }]],
    ["an orphan is only reported", bug(["bug"], []), []],
    ["a group nobody owns: not guessed", bug(["bug", "#g-unknown"], [], { createdAt: ago(3) }), []],
    ["ready for release owns nobody", bug(["bug", ":release", "~ready for release", "#g-mdm"], []), []],
    ["not a bug: ignored", bug(["question", ":release", ":product"], []), []],
    ["closed: ignored", bug(["bug", ":reproduce", ":release"], [], { open: false }), []],
  ])("%s", (...row) => check(row));

  it("a repair and a timer on the same bug go together", () => {
    const item = bug(["bug", "#g-mdm"], [fact.command(ago(50), "qa-lead", "reproduced"), fact.labeled(ago(50, 2), BOT, "#g-mdm"), fact.unlabeled(ago(50, 2), BOT, ":reproduce")]);
    expect(planSweep(item, config, NOW, maintainers).map((p) => p.rule)).toEqual(["repair", "six-week-rule"]);
  });
});

describe("stale community pull requests (7 days waiting on the author → draft; 365 days → close)", () => {
  const opened = fact.committed(ago(30), "contributor");
  it.each<Row>([
    ["changes requested 8 days ago, nothing pushed: draft + comment tagging the author", pull([opened, fact.reviewed(ago(8), "maint", "CHANGES_REQUESTED")]), ["stale-pr-draft"], [{ type: "comment", body: expect.stringContaining("@contributor") }, { type: "convert-to-draft", issue: 9 }]],
    ["changes requested 6 days ago: not yet", pull([opened, fact.reviewed(ago(6), "maint", "CHANGES_REQUESTED")]), []],
    ["the author pushed after the review: waiting on the reviewer (reminded)", pull([opened, fact.reviewed(ago(20), "maint", "CHANGES_REQUESTED"), fact.committed(ago(10), "contributor")]), ["pr-response"]],
    ["the author replied after the review 3 days ago: the wait restarts", pull([opened, fact.reviewed(ago(20), "maint", "CHANGES_REQUESTED"), fact.comment(ago(3), "contributor")]), []],
    ["a maintainer spoke last, 8 days ago", pull([opened, fact.comment(ago(8), "mdm-em")]), ["stale-pr-draft"]],
    ["a maintainer approved last", pull([opened, fact.comment(ago(12), "mdm-em"), fact.reviewed(ago(9), "maint", "APPROVED")]), []],
    ["only a bot spoke after the author: still waiting on us", pull([opened, fact.comment(ago(12), OTHER_BOT)]), ["pr-response"]],
    ["a non-maintainer spoke after the author: still waiting on us", pull([opened, fact.comment(ago(12), "stranger")]), ["pr-response"]],
    ["the author spoke last", pull([opened, fact.comment(ago(12), "mdm-em"), fact.comment(ago(11), "contributor")]), ["pr-response"]],
    ["already a draft: no draft timer", pull([opened, fact.comment(ago(12), "mdm-em")], { isDraft: true }), []],
    ["drafted once for this wait, marked ready by a person: the bot does not fight", pull([opened, fact.comment(ago(12), "mdm-em"), fact.botComment(ago(4), `stale-pr-draft:${new Date(ago(12)).toISOString()}`), fact.ready(ago(3), "maint")]), []],
    ["a maintainer's PR: no timers", pull([opened, fact.reviewed(ago(8), "mdm-pm", "CHANGES_REQUESTED")], { author: "maint" }), []],
    ["a bot's PR: no timers", pull([fact.comment(ago(400), "maint")], { author: "dependabot[bot]", authorIsBot: true, createdAt: ago(500) }), []],
  ])("%s", (...row) => check(row));

  it.each<Row>([
    [
      "365 days without an update by the author, despite recent maintainer comments: close + comment",
      pull([fact.committed(ago(400), "contributor"), fact.comment(ago(2), "maint")], { createdAt: ago(410), isDraft: true }),
      ["stale-pr-close"],
      [{ type: "comment", body: expect.stringContaining("@contributor") }, { type: "close-pull-request", issue: 9 }],
    ],
    ["a commit with no GitHub account is the author's push", pull([fact.committed(ago(30), null)], { createdAt: ago(410), isDraft: true }), []],
    ["tracked (+): never closed", pull([fact.committed(ago(400), "contributor")], { createdAt: ago(410), isDraft: true, labels: ["+keep"] }), []],
  ])("%s", (...row) => check(row));

  it("/why sees the PR timers once the sweep's clocks are set", () => {
    const timers = timersOf({ ...pull([]), authorIsMaintainer: false, clocks: { waitingOnAuthorSince: ago(2), authorActiveAt: ago(3) } }, config);
    expect(timers.map((timer) => timer.name)).toEqual(["stale-pr-draft", "stale-pr-close"]);
    const waiting = timersOf({ ...pull([]), authorIsMaintainer: false, clocks: { waitingOnUsSince: ago(0.5), authorActiveAt: ago(0.5) } }, config);
    expect(waiting.map((timer) => timer.name)).toEqual(["pr-response", "stale-pr-close"]);
    expect(timersOf({ ...pull([]), authorIsMaintainer: true, clocks: { waitingOnAuthorSince: ago(2) } }, config)).toEqual([]);
  });
});

describe("community pull request waiting on us (1 business day, America/Los_Angeles → one reminder per waiting period)", () => {
  const since = (at: string) => `pr-response:${new Date(at).toISOString()}`;
  const reminder = (people: string, at: string): Partial<Effect>[] => [{ type: "comment", issue: 9, key: since(at), body: expect.stringContaining(people) }];
  const assigned = { assignees: ["mdm-em", "contributor"] };
  it.each<Row>([
    ["opened a day ago, nobody answered: reminds QA, the period starts at the opening", pull([], { createdAt: ago(1) }), ["pr-response"], reminder("@qa-lead", ago(1))],
    ["opened less than a business day ago: not yet", pull([], { createdAt: ago(0.9) }), []],
    ["assigned: its assignees are mentioned (never the author)", pull([], { createdAt: ago(2), ...assigned }), ["pr-response"], [{ body: expect.not.stringContaining("@contributor") }]],
    ["a group label: its EM is mentioned", pull([], { createdAt: ago(2), labels: ["#g-mdm"] }), ["pr-response"], reminder("@mdm-em", ago(2))],
    ["requested reviewers (a person and a team) before the group's EM", pull([], { createdAt: ago(2), labels: ["#g-mdm"], requestedReviewers: ["orch-em", "acme/core"] }), ["pr-response"], [{ body: expect.stringMatching(/@orch-em @acme\/core/) }]],
    ["requested reviewers: the EM is not mentioned", pull([], { createdAt: ago(2), labels: ["#g-mdm"], requestedReviewers: ["orch-em"] }), ["pr-response"], [{ body: expect.not.stringContaining("@mdm-em") }]],
    ["assignees before requested reviewers", pull([], { createdAt: ago(2), assignees: ["mdm-pm"], requestedReviewers: ["orch-em"] }), ["pr-response"], [{ body: expect.not.stringContaining("@orch-em") }]],
    ["the contributor re-requested review after a maintainer's review: the period starts at the request", pull([fact.reviewed(ago(5), "maint", "COMMENTED"), fact.reviewRequested(ago(2), "contributor", "maint")], { requestedReviewers: ["maint"] }), ["pr-response"], reminder("@maint", ago(2))],
    ["re-requested review half a day ago: not yet", pull([fact.reviewed(ago(5), "maint", "COMMENTED"), fact.reviewRequested(ago(0.5), "contributor", "maint")]), []],
    ["a maintainer requesting a review is not the contributor's word", pull([fact.reviewed(ago(5), "maint", "COMMENTED"), fact.reviewRequested(ago(2), "mdm-em", "maint")]), []],
    ["a maintainer reviewed after the push: waiting on nobody", pull([fact.committed(ago(5), "contributor"), fact.reviewed(ago(3), "maint", "COMMENTED")]), []],
    ["a maintainer approved after the push: waiting on nobody", pull([fact.committed(ago(5), "contributor"), fact.reviewed(ago(3), "maint", "APPROVED")]), []],
    ["the contributor pushed after a maintainer's comment: the period starts at the push", pull([fact.comment(ago(5), "maint"), fact.committed(ago(3), "contributor"), fact.comment(ago(2), "contributor")]), ["pr-response"], reminder("@qa-lead", ago(3))],
    ["the contributor commented after a review 2 days ago", pull([fact.reviewed(ago(5), "maint", "COMMENTED"), fact.comment(ago(2), "contributor")]), ["pr-response"], reminder("@qa-lead", ago(2))],
    ["changes requested, the contributor only replied: waiting on the author, not on us", pull([fact.reviewed(ago(5), "maint", "CHANGES_REQUESTED"), fact.comment(ago(2), "contributor")]), []],
    ["a bot's comment is not a maintainer's answer", pull([fact.committed(ago(5), "contributor"), fact.comment(ago(3), OTHER_BOT)], { createdAt: ago(5) }), ["pr-response"], reminder("@qa-lead", ago(5))],
    ["a draft waits on nobody", pull([], { createdAt: ago(3), isDraft: true }), []],
    ["marked ready a day ago after weeks as a draft: the period starts at ready", pull([fact.ready(ago(1), "contributor")], { createdAt: ago(20) }), ["pr-response"], reminder("@qa-lead", ago(1))],
    ["marked ready half a day ago: not yet", pull([fact.ready(ago(0.5), "contributor")], { createdAt: ago(20) }), []],
    ["reminded already for this period (timeline)", pull([fact.botComment(ago(1), since(ago(3)))], { createdAt: ago(3) }), []],
    ["reminded already for this period (older than the read: markers)", pull([], { createdAt: ago(3), markers: [since(ago(3))] }), []],
    ["reminded for an earlier period: a new period reminds again", pull([fact.botComment(ago(8), since(ago(10))), fact.comment(ago(6), "maint"), fact.comment(ago(4), "contributor")], { createdAt: ago(10) }), ["pr-response"], reminder("@qa-lead", ago(4))],
    ["a maintainer's PR: never", pull([], { createdAt: ago(3), author: "maint" }), []],
    ["a bot's PR: never", pull([], { createdAt: ago(3), author: "dependabot[bot]", authorIsBot: true }), []],
    ["older history unread: the period starts no earlier than the read", pull([fact.comment(ago(0.5), "contributor")], { createdAt: ago(40), timelineStart: ago(0.5) }), []],
  ])("%s", (...row) => check(row));

  it.each<[string, string, SweepRule[]]>([
    ["Friday 10:00 → Monday 9:59: not yet", "2026-11-16T17:59:00Z", []],
    ["Friday 10:00 → Monday 10:00: due", "2026-11-16T18:00:00Z", ["pr-response"]],
  ])("business days skip the weekend: %s", (_name, now, rules) => {
    check(["", pull([], { createdAt: "2026-11-13T18:00:00Z" }), rules], new Date(now));
  });

  it("nobody to mention (no assignee, no group EM, no QA): nothing is posted", () => {
    const bare = { ...config, people: { ...config.people, qa: [] } };
    expect(planSweep(pull([], { createdAt: ago(3) }), bare, NOW, maintainers)).toEqual([]);
  });

  it("respondWithinBusinessDays: 3 waits three business days", () => {
    const slow = { ...config, pullRequests: { ...config.pullRequests, respondWithinBusinessDays: 3 } };
    expect(planSweep(pull([], { createdAt: ago(2) }), slow, NOW, maintainers)).toEqual([]);
    expect(planSweep(pull([], { createdAt: ago(5) }), slow, NOW, maintainers).map((plan) => plan.rule)).toEqual(["pr-response"]);
  });
});

describe("critical bug product did not confirm (60 minutes → one escalation)", () => {
  const MIN = 1 / (24 * 60);
  const escalating = { ...config, people: { ...config.people, escalation: ["@acme/help-p1", "oncall"] } };
  const critical = (minutes: number, more: ReturnType<typeof fact.comment>[] = [], labels = ["bug", ":release", "#g-mdm", "~critical bug"]) =>
    bug(labels, [fact.command(ago(minutes * MIN), "dev-1", "critical"), fact.labeled(ago(minutes * MIN, 1), BOT, "~critical bug"), ...more], { assignees: ["mdm-em"] });
  const keyAt = (minutes: number) => `critical-escalation:${new Date(ago(minutes * MIN)).toISOString()}`;
  const plansOf = (item: TrackedItem, cfg = escalating) => planSweep(item, cfg, NOW, maintainers).filter((plan) => plan.rule === "critical-escalation");
  it.each<[string, TrackedItem, number]>([
    ["61 minutes, nobody from product spoke: escalates", critical(61), 1],
    ["59 minutes: not yet", critical(59), 0],
    ["the group's PM commented: confirmed", critical(90, [fact.comment(ago(30 * MIN), "mdm-pm")]), 0],
    ["the head of product commented: confirmed", critical(90, [fact.comment(ago(80 * MIN), "product-head")]), 0],
    ["the PM's comment before /critical does not confirm it", critical(90, [fact.comment(ago(200 * MIN), "mdm-pm")]), 1],
    ["an engineer's comment does not confirm it", critical(90, [fact.comment(ago(30 * MIN), "mdm-em")]), 1],
    ["the PM reacted to the checklist: confirmed", critical(90, [fact.reacted(ago(30 * MIN), "mdm-pm", "THUMBS_UP", ["critical"])]), 0],
    ["the head of product reacted 👀 to the checklist: confirmed", critical(90, [fact.reacted(ago(30 * MIN), "product-head", "EYES", ["critical"])]), 0],
    ["an engineer's reaction to the checklist does not confirm it", critical(90, [fact.reacted(ago(30 * MIN), "mdm-em", "THUMBS_UP", ["critical"])]), 1],
    ["the PM's reaction to another bot comment does not confirm it", critical(90, [fact.reacted(ago(30 * MIN), "mdm-pm", "THUMBS_UP", ["inbox-sla:x"])]), 1],
    ["the PM's reaction to an earlier checklist (before this /critical) does not confirm it", critical(90, [fact.reacted(ago(200 * MIN), "mdm-pm", "THUMBS_UP", ["critical"])]), 1],
    ["escalated already for this /critical", critical(90, [fact.botComment(ago(20 * MIN), keyAt(90))]), 0],
    ["no longer critical", critical(90, [], ["bug", ":release", "#g-mdm"]), 0],
    ["critical for 8 days (before the install): not escalated", critical(8 * 24 * 60), 0],
  ])("%s", (_name, item, count) => {
    expect(plansOf(item)).toHaveLength(count);
  });

  it("the comment mentions people.escalation (logins and a team), the marker carries /critical's time, and Slack's escalation channel is told", () => {
    const [plan] = plansOf(critical(61));
    expect(plan?.effects).toMatchObject([
      { type: "comment", issue: 7, key: keyAt(61), body: expect.stringMatching(/^@acme\/help-p1 @oncall escalating: .*61 minutes.*@product-head, @mdm-pm/) },
      { type: "notify", issue: 7, channel: "slack-escalation", text: expect.stringContaining("#7") },
    ]);
  });

  it("critical.escalateAfterMinutes: 15 escalates at 16 minutes; nobody configured still leaves a visible comment", () => {
    const quick = { ...config, critical: { escalateAfterMinutes: 15 } };
    const [plan] = plansOf(critical(16), quick);
    expect(plan?.effects[0]).toMatchObject({ type: "comment", body: expect.stringContaining("`people.escalation`") });
  });

  it("/why sees the escalation timer", () => {
    const timers = timersOf({ ...critical(10), clocks: { criticalSince: ago(10 * MIN) } }, config);
    expect(timers.map((timer) => timer.name)).toContain("critical-escalation");
  });
});
