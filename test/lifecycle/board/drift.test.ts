//! Purpose: the sweep's board drift rule as a table: the later of the last label change and the last card move wins.
import { describe, expect, it } from "vitest";
import { cardTarget, closedCardDrifts, labelsChangedAt, moverOf, moverToConfirm, planBoardDrift, withDrift, type CardFacts } from "../../../src/lifecycle/board/drift.js";
import { columnOf } from "../../../src/lifecycle/board/columns.js";
import { applyEffects } from "../../../src/lifecycle/plan.js";
import type { TimelineFact, TrackedItem } from "../../../src/lifecycle/repo-snapshot.js";
import type { SweepPlan } from "../../../src/lifecycle/sweep-plan.js";
import type { Effect } from "../../../src/lifecycle/types.js";
import { fleetConfig } from "../../support/fixtures.js";
import { ago, BOT, bug, fact, NOW } from "../tracked-items.js";

const COLUMNS = {
  inbox: "Inbox",
  reproduced: "Reproduced",
  drafting: "Product drafting",
  engineering: "In engineering",
  "awaiting-qa": "Awaiting QA",
  "ready-for-release": "Ready for release",
  closed: "Done",
};
const config = fleetConfig({ board: { project: "https://github.com/orgs/acme/projects/7", columns: COLUMNS } });
const MAINTAINERS = new Set(["maint"]);

/** A card whose value was set once at `at` by `who` (so GitHub tells the mover). */
function card(option: string | null, at: string, who: string | { bot: string } = "maint", extra: Partial<CardFacts> = {}): CardFacts {
  const creator = typeof who === "string" ? { login: who, isBot: false } : { login: who.bot, isBot: true };
  return { option, valueCreatedAt: option === null ? null : at, valueUpdatedAt: option === null ? null : at, creator: option === null ? null : creator, archived: false, ...extra };
}
/** A card whose value was changed after it was created: `creator` no longer names the mover. */
function changed(option: string, createdAt: string, updatedAt: string, creator: string | { bot: string } = { bot: "bug-lifecycle" }): CardFacts {
  return { ...card(option, createdAt, creator), valueUpdatedAt: updatedAt };
}

const INBOX = ["bug", ":reproduce"];
const ENGINEERING = ["bug", ":release", "#g-mdm"];
const inboxSince = (days: number): TimelineFact[] => [fact.labeled(ago(days), BOT, ":reproduce")];
const engineeringSince = (days: number): TimelineFact[] => [fact.labeled(ago(days), "maint", ":release")];

type Row = [name: string, item: TrackedItem, card: CardFacts | null, winner: "labels" | "card" | null, labelsAfter: string[] | null];

describe("the later of the last label change and the last card move wins", () => {
  it.each<Row>([
    ["in sync: nothing", bug(INBOX, inboxSince(3)), card("Inbox", ago(3)), null, null],
    ["in sync, option spelled differently: nothing", bug(INBOX, inboxSince(3)), card(" inbox ", ago(3)), null, null],
    ["labels later: the card follows the labels", bug(ENGINEERING, engineeringSince(1)), card("Inbox", ago(3)), "labels", ENGINEERING],
    ["a tie goes to the labels (the bot writes both in one document)", bug(ENGINEERING, engineeringSince(1)), card("Inbox", ago(1)), "labels", ENGINEERING],
    ["card missing: the labels win (the card is added)", bug(INBOX, inboxSince(3)), null, "labels", INBOX],
    ["card with no column: the labels win", bug(INBOX, inboxSince(3)), card(null, ago(1)), "labels", INBOX],
    [
      "card later, by a maintainer: applied as /release",
      bug(["bug", "#g-mdm"], [fact.unlabeled(ago(5), BOT, ":reproduce"), fact.labeled(ago(5), BOT, "#g-mdm")], { assignees: ["mdm-em"] }),
      card("In engineering", ago(1)),
      "card",
      ["bug", "#g-mdm", ":release"],
    ],
    ["card later, by a maintainer, to Done: closed", bug(ENGINEERING, engineeringSince(3)), card("Done", ago(1)), "card", ENGINEERING],
    ["card later, by a community member: refused, the card goes back", bug(INBOX, inboxSince(3)), card("Reproduced", ago(1), "stranger"), "card", INBOX],
    ["card later, mover unknown (value changed since created): the labels win", bug(INBOX, inboxSince(3)), changed("Reproduced", ago(10), ago(1), "maint"), "labels", INBOX],
    ["card later, moved by the bot itself: the labels win", bug(INBOX, inboxSince(3)), card("Reproduced", ago(1), { bot: "bug-lifecycle" }), "labels", INBOX],
    ["card later, in a column no state names: left alone", bug(INBOX, inboxSince(3)), card("Someday", ago(1)), null, null],
    ["labels later than a card in a column no state names: the labels win", bug(INBOX, inboxSince(1)), card("Someday", ago(3)), "labels", INBOX],
    ["archived card: left alone", bug(INBOX, inboxSince(3)), { ...card("Reproduced", ago(5)), archived: true }, null, null],
    ["orphan (no column): left alone", bug(["bug"], []), card("Inbox", ago(1)), null, null],
    ["an unrelated label edit does not count as a label change", bug(INBOX, [...inboxSince(3), fact.labeled(ago(0.5), "maint", "customer-acme")]), card("Product drafting", ago(1)), "card", ["bug", ":product"]],
    ["a group label edit counts", bug(["bug", "#g-mdm", ":release"], [...engineeringSince(3), fact.labeled(ago(0.5), "maint", "#g-mdm")]), card("Product drafting", ago(1)), "labels", ENGINEERING],
  ])("%s", (_name, item, facts, winner, labelsAfter) => {
    const drift = planBoardDrift(item, facts, config, NOW, MAINTAINERS);
    expect(drift?.winner ?? null).toBe(winner);
    if (!drift) return;
    expect(drift.plan.rule).toBe("board-drift");
    const after = applyEffects(item, drift.plan.effects);
    expect([...after.labels].sort()).toEqual([...labelsAfter!].sort());
  });

  it("a maintainer's move to Done closes the bug; after it, the card shows its column", () => {
    const item = bug(ENGINEERING, engineeringSince(3));
    const drift = planBoardDrift(item, card("Done", ago(1)), config, NOW, MAINTAINERS)!;
    expect(drift.plan.effects).toEqual([{ type: "close", issue: 7, reason: "completed" }]);
    expect(columnOf(applyEffects(item, drift.plan.effects), config)).toBe("Done");
  });

  it("a refused move gets the reply a webhook would (once per person and issue), and the labels' column stays", () => {
    const item = bug(INBOX, inboxSince(3));
    const drift = planBoardDrift(item, card("Reproduced", ago(1), "stranger"), config, NOW, MAINTAINERS)!;
    expect(drift.plan.effects).toEqual([expect.objectContaining({ type: "comment", key: "board-refused:stranger" })]);
    expect(columnOf(applyEffects(item, drift.plan.effects), config)).toBe("Inbox");
  });

  it("the deadline is the winning side's time (the budget serves the oldest first)", () => {
    expect(planBoardDrift(bug(ENGINEERING, engineeringSince(2)), card("Inbox", ago(4)), config, NOW, MAINTAINERS)!.plan.deadline).toEqual(new Date(ago(2)));
    expect(planBoardDrift(bug(INBOX, inboxSince(3)), card("Product drafting", ago(1)), config, NOW, MAINTAINERS)!.plan.deadline).toEqual(new Date(ago(1)));
  });

  it("does nothing without a board, or for pull requests", () => {
    expect(planBoardDrift(bug(INBOX, inboxSince(3)), null, fleetConfig(), NOW, MAINTAINERS)).toBeNull();
    expect(planBoardDrift(bug(INBOX, inboxSince(3), { isPullRequest: true }), null, config, NOW, MAINTAINERS)).toBeNull();
  });
});

describe("what counts as the last label change", () => {
  it.each<[string, TrackedItem, string]>([
    ["the last state label event, by the bot or a person", bug(ENGINEERING, [fact.labeled(ago(5), BOT, ":reproduce"), fact.labeled(ago(2), "maint", ":release")]), ago(2)],
    ["a reopen counts", bug(INBOX, [fact.labeled(ago(5), BOT, ":reproduce"), fact.reopened(ago(1), "maint")]), ago(1)],
    ["no event: the issue's creation", bug(INBOX, []), ago(100)],
    ["no event in a truncated window: the window's start", bug(INBOX, [fact.labeled(ago(4), "maint", "customer-x")], { eventsStart: ago(4) }), ago(4)],
  ])("%s", (_name, item, at) => {
    expect(labelsChangedAt(item, config)).toBe(at);
  });
});

describe("who moved the card", () => {
  it("is the value's creator only while the value was never changed", () => {
    expect(moverOf(card("Inbox", ago(1), "maint"))).toEqual({ login: "maint", isBot: false });
    expect(moverOf(changed("Inbox", ago(3), ago(1)))).toBeNull();
    expect(moverOf(card(null, ago(1)))).toBeNull();
  });

  it("asks about the mover only when the card's later move would win", () => {
    expect(moverToConfirm(bug(INBOX, inboxSince(3)), card("Reproduced", ago(1), "stranger"), config, NOW)).toBe("stranger");
    expect(moverToConfirm(bug(INBOX, inboxSince(1)), card("Reproduced", ago(3), "stranger"), config, NOW)).toBeNull();
    expect(moverToConfirm(bug(INBOX, inboxSince(3)), changed("Reproduced", ago(5), ago(1)), config, NOW)).toBeNull();
  });
});

describe("with the sweep's other plans", () => {
  const timer: SweepPlan = { rule: "inbox-sla", deadline: new Date(ago(2)), effects: [{ type: "comment", issue: 7, key: "inbox-sla:x", body: "QA?" }], detail: "" };
  it("a winning card move that changes labels replaces them this run", () => {
    const drift = planBoardDrift(bug(INBOX, inboxSince(3)), card("Product drafting", ago(1)), config, NOW, MAINTAINERS);
    expect(withDrift([timer], drift).map((plan) => plan.rule)).toEqual(["board-drift"]);
  });
  it("a labels-win repair or a refusal goes with them", () => {
    expect(withDrift([timer], planBoardDrift(bug(INBOX, inboxSince(3)), null, config, NOW, MAINTAINERS)).map((p) => p.rule)).toEqual(["inbox-sla", "board-drift"]);
    expect(withDrift([timer], planBoardDrift(bug(INBOX, inboxSince(3)), card("Reproduced", ago(1), "stranger"), config, NOW, MAINTAINERS)).map((p) => p.rule)).toEqual(["inbox-sla", "board-drift"]);
    expect(withDrift([timer], null)).toEqual([timer]);
  });
});

describe("the column the sweep sets on the card after its writes", () => {
  const item = bug(INBOX, inboxSince(3));
  const toDrafting: Effect[] = [
    { type: "remove-labels", issue: 7, labels: [":reproduce"] },
    { type: "add-labels", issue: 7, labels: [":product"] },
  ];
  it.each<[string, CardFacts | null, boolean, Effect[], string | null]>([
    ["drift, no writes: the labels' column", card("Reproduced", ago(5)), true, [], "Inbox"],
    ["drift, card missing: the labels' column", null, true, [], "Inbox"],
    ["no drift, no transition: left alone", card("Someday", ago(1)), false, [], null],
    ["no drift, the sweep's own transition: the new column", card("Inbox", ago(5)), false, toDrafting, "Product drafting"],
    ["a transition whose column the card shows already: nothing", card("Product drafting", ago(1)), true, toDrafting, null],
    ["archived: left alone, even after a transition", { ...card("Inbox", ago(5)), archived: true }, false, toDrafting, null],
  ])("%s", (_name, facts, drifted, writes, column) => {
    const drift = planBoardDrift(item, facts, config, NOW, MAINTAINERS);
    expect(drift !== null, "drifted").toBe(drifted);
    expect(cardTarget(item, writes, facts, drift, config)).toBe(column);
  });
});

describe("closed bugs on the board", () => {
  it.each<[string, string[], CardFacts, boolean, (string | null)?]>([
    ["a closed bug not in Done: a fresh look", ENGINEERING, card("In engineering", ago(3)), true],
    ["a closed bug in Done: nothing", ENGINEERING, card(" done", ago(3)), false],
    ["a closed bug with no column: a fresh look", ENGINEERING, card(null, ago(3)), true],
    ["archived: nothing", ENGINEERING, { ...card("Inbox", ago(3)), archived: true }, false],
    ["not a bug: nothing", ["question"], card("Inbox", ago(3)), false],
    ["a closed bug by type (no bug label) not in Done: a fresh look", ["#g-mdm"], card("Inbox", ago(3)), true, "bug"],
    ["typed Feature, no bug label: nothing", ["#g-mdm"], card("Inbox", ago(3)), false, "Feature"],
  ])("%s", (_name, labels, facts, drifts, type) => {
    expect(closedCardDrifts(labels, facts, config, type)).toBe(drifts);
  });

  it("the close is a label change: a card moved before it goes to Done; a maintainer's drag after it reopens", () => {
    const closedAt = ago(2);
    const closed = bug(ENGINEERING, [...engineeringSince(5), { kind: "closed", at: closedAt, actor: "maint", actorIsBot: false }], { open: false, closedAt });
    expect(planBoardDrift(closed, card("In engineering", ago(3)), config, NOW, MAINTAINERS)?.winner).toBe("labels");
    const reopened = planBoardDrift(closed, card("In engineering", ago(1)), config, NOW, MAINTAINERS)!;
    expect(reopened.winner).toBe("card");
    expect(reopened.plan.effects[0]).toEqual({ type: "reopen", issue: 7 });
  });
});
