//! Purpose: the sweep's board read on the double: ⌈cards / 100⌉ pages, and each value's own creator and times (GitHub's schema).
import { describe, expect, it } from "vitest";
import { readBoardItems } from "../../src/board/read-items.js";
import { moverOf } from "../../src/lifecycle/board/drift.js";
import { REPO, botClient, seeded } from "../double/fixture.js";

const STATUS = ["Inbox", "Reproduced", "Done"];
const CONFIG = { project: "https://github.com/orgs/acme/projects/7", field: "Status", columns: {} };

function board(cards: number) {
  const double = seeded();
  double.addUser("acme", "Organization");
  double.addProject({ org: "acme", number: 7, fields: { Status: STATUS } });
  const numbers: number[] = [];
  for (let i = 0; i < cards; i++) {
    const { number } = double.addIssue(REPO, { title: `bug ${i}` });
    double.addCard("acme", 7, REPO, number, "maint", "Inbox", "2026-11-10T10:00:00Z");
    numbers.push(number);
  }
  return Object.assign(double, { numbers });
}

describe("readBoardItems", () => {
  it.each([
    [0, 1],
    [100, 1],
    [101, 2],
    [250, 3],
  ])("%i cards: %i pages", async (cards, pages) => {
    const double = board(cards);
    double.resetRecords();
    const read = await readBoardItems(botClient(double), CONFIG);
    expect(read.pages).toBe(pages);
    expect(read.cards.size).toBe(cards);
    expect(double.requests.filter((r) => r.kind === "graphql")).toHaveLength(pages);
    expect([...read.board.options.keys()]).toEqual(STATUS);
  });

  it("a value keeps its creator and creation time when changed, so only an unchanged value names its mover", async () => {
    const double = board(2);
    double.moveCard("acme", 7, REPO, double.numbers[1]!, "Reproduced", "stranger", "Status", "2026-11-12T10:00:00Z");
    const read = await readBoardItems(botClient(double), CONFIG);
    const [first, second] = double.numbers.map((n) => read.cards.get(double.issue(REPO, n).nodeId)!);
    expect(first).toMatchObject({ option: "Inbox", valueCreatedAt: "2026-11-10T10:00:00Z", valueUpdatedAt: "2026-11-10T10:00:00Z", creator: { login: "maint", isBot: false }, archived: false });
    expect(second).toMatchObject({ option: "Reproduced", valueCreatedAt: "2026-11-10T10:00:00Z", valueUpdatedAt: "2026-11-12T10:00:00Z", creator: { login: "maint" } });
    expect(moverOf(first!)).toEqual({ login: "maint", isBot: false });
    expect(moverOf(second!)).toBeNull();
  });

  it("a cleared value set again is a new value: its creator is the mover", async () => {
    const double = board(1);
    const n = double.numbers[0]!;
    double.moveCard("acme", 7, REPO, n, null, "maint", "Status", "2026-11-11T10:00:00Z");
    double.moveCard("acme", 7, REPO, n, "Done", "stranger", "Status", "2026-11-12T10:00:00Z");
    const card = (await readBoardItems(botClient(double), CONFIG)).cards.get(double.issue(REPO, n).nodeId)!;
    expect(moverOf(card)).toEqual({ login: "stranger", isBot: false });
  });

  it("a project without the field is a board problem", async () => {
    const double = board(0);
    await expect(readBoardItems(botClient(double), { ...CONFIG, field: "Stage" })).rejects.toThrow('has no single-select field "Stage"');
  });
});
