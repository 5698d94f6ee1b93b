//! Purpose: the bugs board in the core: state ↔ column tables, and a card move gets the command's or label edit's result.
import { describe, expect, it } from "vitest";
import { commandForMove } from "../../../src/lifecycle/board/card-move.js";
import { boardStateOf, columnOf, describeMissing, missingColumns, stateOfColumn } from "../../../src/lifecycle/board/columns.js";
import { explain } from "../../../src/lifecycle/why.js";
import type { BoardState } from "../../../src/lifecycle/board/config.js";
import { applyEffects, planWrites } from "../../../src/lifecycle/plan.js";
import { transition } from "../../../src/lifecycle/transition.js";
import type { Actor, IssueSnapshot } from "../../../src/lifecycle/types.js";
import { bot, fleetConfig, issue, maintainer, NOW, stranger } from "../../support/fixtures.js";
import { outcome, replayWrites, sorted, type Result } from "../../support/outcome.js";

const COLUMNS = {
  inbox: "Inbox",
  reproduced: "Reproduced",
  drafting: "Product drafting",
  engineering: "In engineering",
  "awaiting-qa": "Awaiting QA",
  "ready-for-release": "Ready for release",
  closed: "Done",
};
const board = { project: "https://github.com/orgs/acme/projects/7", columns: COLUMNS };
const config = fleetConfig({ board });
const BUG = "bug";
const AT = "2026-11-18T16:00:00Z";

describe("state → column", () => {
  it.each<[string, IssueSnapshot, string | null]>([
    ["inbox", issue([BUG, ":reproduce"]), "Inbox"],
    ["reproduced", issue([BUG, "#g-mdm"]), "Reproduced"],
    ["drafting", issue([BUG, ":product"]), "Product drafting"],
    ["engineering", issue([BUG, ":release", "#g-mdm"]), "In engineering"],
    ["awaiting-qa", issue([BUG, ":release", "~awaiting QA"]), "Awaiting QA"],
    ["ready-for-release", issue([BUG, ":release", "~ready for release"]), "Ready for release"],
    ["closed, whatever its labels", issue([BUG, ":release", "~ready for release"], [], { open: false }), "Done"],
    ["orphan: no state label, no group (left alone)", issue([BUG]), null],
    ["not a bug (left alone)", issue([":product"]), null],
  ])("%s", (_name, snapshot, column) => {
    expect(columnOf(snapshot, config)).toBe(column);
  });

  it("leaves states the config does not name alone", () => {
    const partial = fleetConfig({ board: { ...board, columns: { inbox: "Inbox", closed: "Done" } } });
    expect(columnOf(issue([BUG, ":product"]), partial)).toBeNull();
    expect(columnOf(issue([BUG, ":reproduce"]), partial)).toBe("Inbox");
  });

  it("is nothing without a board", () => {
    expect(columnOf(issue([BUG, ":reproduce"]), fleetConfig())).toBeNull();
  });
});

describe("column → state", () => {
  it.each<[string | null, BoardState | null]>([
    ["Inbox", "inbox"],
    ["Reproduced", "reproduced"],
    ["product drafting", "drafting"],
    ["In engineering", "engineering"],
    ["Awaiting QA", "awaiting-qa"],
    [" Ready for release ", "ready-for-release"],
    ["Done", "closed"],
    ["Someday", null],
    [null, null],
  ])("%j", (option, state) => {
    expect(stateOfColumn(option, config)).toBe(state);
  });

  it("round-trips every named state", () => {
    for (const [state, option] of Object.entries(COLUMNS)) expect(stateOfColumn(option, config)).toBe(state);
  });

  it.each([
    ["inbox", "reproduced", "reproduced"],
    ["orphan", "reproduced", "reproduced"],
    ["inbox", "drafting", "product"],
    ["engineering", "drafting", "product"],
    ["drafting", "reproduced", "engineering"],
    ["engineering", "reproduced", "backlog"],
    ["reproduced", "engineering", "release"],
    ["engineering", "awaiting-qa", "fixed"],
    ["awaiting-qa", "ready-for-release", "qa-passed"],
    ["awaiting-qa", "engineering", null],
    ["reproduced", "inbox", null],
    ["inbox", "ready-for-release", null],
  ] as const)("a move %s → %s is the command %s", (from, to, command) => {
    expect(commandForMove(from, to)).toBe(command);
  });
});

type Row = [name: string, before: IssueSnapshot, to: string | null, actor: Actor, expected: Partial<Result> & { column?: string | null }];

const rows: Row[] = [
  ["a maintainer moves an inbox bug to Reproduced: as /reproduced (group from the issue)",
    issue([BUG, ":reproduce", "#g-mdm"], ["qa-lead"]), "Reproduced", maintainer,
    { state: "reproduced", labels: [BUG, "#g-mdm"], assignees: ["mdm-em"], comments: [], column: "Reproduced" }],
  ["a maintainer moves a reproduced bug to In engineering: as /release",
    issue([BUG, "#g-mdm"], ["mdm-em"]), "In engineering", maintainer,
    { state: "engineering", labels: [BUG, "#g-mdm", ":release"], assignees: ["mdm-em"], column: "In engineering" }],
  ["a maintainer moves a bug to Product drafting: as /product",
    issue([BUG, ":reproduce", "#g-mdm"]), "Product drafting", maintainer,
    { state: "drafting", labels: [BUG, "#g-mdm", ":product"], assignees: ["mdm-pm"], column: "Product drafting" }],
  ["a maintainer moves awaiting QA back to In engineering: the label edit",
    issue([BUG, ":release", "~awaiting QA", "#g-mdm"], ["dev", "qa-lead"]), "In engineering", maintainer,
    { state: "engineering", labels: [BUG, ":release", "#g-mdm"], column: "In engineering" }],
  ["a maintainer moves a bug to Done: closed as completed",
    issue([BUG, ":release", "~ready for release"]), "Done", maintainer,
    { state: null, other: ["close:completed"], column: "Done" }],
  ["a maintainer moves a closed bug back to Inbox: reopened in the inbox",
    issue([BUG, ":product"], [], { open: false }), "Inbox", maintainer,
    { state: "inbox", labels: [BUG, ":reproduce"], other: ["reopen"], column: "Inbox" }],
  ["a community member's move is put back with one reply (one per person and issue)",
    issue([BUG, ":reproduce", "#g-mdm"]), "Ready for release", stranger,
    { state: "inbox", labels: [BUG, ":reproduce", "#g-mdm"], comments: [`board-refused:${stranger.login}`], column: "Inbox" }],
  ["a move to Reproduced without any group is refused (as /reproduced would be)",
    issue([BUG, ":reproduce"]), "Reproduced", maintainer,
    { state: "inbox", labels: [BUG, ":reproduce"], comments: [`board-refused:${AT}`], column: "Inbox" }],
  ["a move to a column no state names is left alone",
    issue([BUG, ":reproduce"]), "Someday", maintainer,
    { state: "inbox", labels: [BUG, ":reproduce"], comments: [], column: "Inbox" }],
  ["the bot's own Status write is ignored",
    issue([BUG, ":reproduce"]), "Awaiting QA", bot,
    { state: "inbox", labels: [BUG, ":reproduce"], comments: [] }],
  ["a move to the column the bug is already in does nothing",
    issue([BUG, ":product"]), "Product drafting", maintainer,
    { state: "drafting", labels: [BUG, ":product"], comments: [] }],
];

describe("a card move", () => {
  it.each(rows)("%s", (_name, before, to, actor, { column, ...expected }) => {
    const decision = transition(before, { kind: "card-moved", to, actor, at: AT }, config, NOW);
    expect(outcome(before, decision)).toMatchObject(sorted(expected));
    if (column !== undefined) expect(columnOf(applyEffects(before, decision.effects), config)).toBe(column);
    expect(replayWrites(before, decision)).toEqual([]);
  });

  it("keeps the command's narrowing: /qa-passed for QA only", () => {
    const narrowed = fleetConfig({ board, commands: { "qa-passed": ["qa"] } });
    const before = issue([BUG, ":release", "~awaiting QA"]);
    const decision = transition(before, { kind: "card-moved", to: "Ready for release", actor: maintainer, at: AT }, narrowed, NOW);
    expect(outcome(before, decision)).toMatchObject({ state: "awaiting-qa", comments: [`board-refused:${AT}`] });
    const body = decision.effects.find((effect) => effect.type === "comment");
    expect(body && "body" in body && body.body).toContain("`/qa-passed` can only be used by QA");
    const byQa = transition(before, { kind: "card-moved", to: "Ready for release", actor: { ...maintainer, login: "qa-lead" }, at: AT }, narrowed, NOW);
    expect(outcome(before, byQa).state).toBe("ready-for-release");
  });

  it("replies once to a community member, however many cards they move", () => {
    const before = issue([BUG, ":reproduce", "#g-mdm"]);
    const first = transition(before, { kind: "card-moved", to: "Done", actor: stranger, at: AT }, config, NOW);
    const later = transition(before, { kind: "card-moved", to: "Reproduced", actor: stranger, at: "2026-11-18T16:05:00Z" }, config, NOW);
    const replied = { ...before, markers: first.effects.flatMap((effect) => (effect.type === "comment" ? [effect.key] : [])) };
    expect(replied.markers).toEqual(["board-refused:stranger"]);
    expect(planWrites(later.effects, new Map([[7, replied]]))).toEqual([]);
    expect(columnOf(applyEffects(replied, later.effects), config)).toBe("Inbox");
  });

  it("knows a closed bug is in the closed column", () => {
    expect(boardStateOf(issue([BUG], [], { open: false }), config)).toBe("closed");
  });
});

describe("board problems", () => {
  it.each<[string, string[], string[]]>([
    ["every column is an option (case-insensitively)", ["inbox", "Reproduced", "Product drafting", "In engineering", "Awaiting QA", "Ready for release", "Done", "Someday"], []],
    ["an option renamed", ["Inbox", "Reproduced", "Product drafting", "In engineering", "QA", "Ready for release", "Done"], ["awaiting-qa"]],
    ["two deleted", ["Inbox", "Reproduced", "Product drafting", "In engineering", "Awaiting QA"], ["ready-for-release", "closed"]],
    ["an empty field", [], ["inbox", "reproduced", "drafting", "engineering", "awaiting-qa", "ready-for-release", "closed"]],
  ])("%s", (_name, options, missing) => {
    expect(missingColumns(config, options).map((m) => m.state)).toEqual(missing);
  });

  it("is nothing without a board", () => {
    expect(missingColumns(fleetConfig(), [])).toEqual([]);
  });

  it.each<[string, IssueSnapshot, string[]]>([
    ["on the board, in its column", issue([BUG, ":reproduce"], [], { board: { onBoard: true, card: "Inbox", problems: [] } }), ["**Board:** `Inbox`."]],
    ["in another column", issue([BUG, ":product"], [], { board: { onBoard: true, card: "Inbox", problems: [] } }), ["**Board:** the card shows `Inbox`; the bug belongs in `Product drafting`."]],
    ["in no column", issue([BUG, ":product"], [], { board: { onBoard: true, card: null, problems: [] } }), ["**Board:** in no column; the bug belongs in `Product drafting`."]],
    ["not on it yet", issue([BUG, ":product"], [], { board: { onBoard: false, card: null, problems: [] } }), ["**Board:** not on https://github.com/orgs/acme/projects/7 yet; the bot adds it in `Product drafting` with the bug's next change."]],
    ["a board that cannot be read: its problem only", issue([BUG, ":product"], [], { board: { onBoard: false, card: null, problems: ["project x was not found"] } }), ["**Board problem:** project x was not found"]],
    ["a missing option", issue([BUG, ":product"], [], { board: { onBoard: true, card: "Product drafting", problems: describeMissing(config, [{ state: "closed", option: "Done" }]) } }),
      ["**Board:** `Product drafting`.", '**Board problem:** field "Status" has no option "Done" for `closed` (board.columns.closed): renamed or deleted on the board?']],
  ])("/why shows the board: %s", (_name, snapshot, lines) => {
    const answer = explain(snapshot, config, NOW).split("\n");
    expect(answer.filter((line) => line.startsWith("**Board"))).toEqual(lines);
  });

  it("/why says nothing of a board it did not look at", () => {
    expect(explain(issue([BUG, ":reproduce"]), config, NOW)).not.toContain("Board");
  });
});
