//! Purpose: the sweep repairs drift between labels and the bugs board both ways, on the double, within one board read.
import { describe, expect, it } from "vitest";
import type { DueItem } from "../../src/sweep/sweep-repo.js";
import { ago, BOT, CONFIG, createSweepHarness, REPO, reproducedBug } from "./sweep-harness.js";

const STATUS = ["Inbox", "Reproduced", "Product drafting", "In engineering", "Awaiting QA", "Ready for release", "Done"];
const BOARD = `board:
  project: https://github.com/orgs/acme/projects/7
  columns:
    inbox: Inbox
    reproduced: Reproduced
    drafting: Product drafting
    engineering: In engineering
    awaiting-qa: Awaiting QA
    ready-for-release: Ready for release
    closed: Done
`;

function withBoard(config = `${CONFIG}${BOARD}`) {
  const h = createSweepHarness({ config });
  h.double.addProject({ org: "acme", number: 7, fields: { Status: STATUS } });
  const card = (n: number, actor: string, option: string, at: string) => h.double.addCard("acme", 7, REPO, n, actor, option, at);
  const move = (n: number, actor: string, option: string, at: string) => h.double.moveCard("acme", 7, REPO, n, option, actor, "Status", at);
  const column = (n: number) => h.double.board("acme", 7).get(`${REPO}#${n}`);
  return { h, card, move, column };
}

describe("sweep: drift between labels and the board", () => {
  it("repairs both ways by the later of the last label change and the last card move", async () => {
    const { h, card, move, column } = withBoard();
    const inSync = h.double.addIssue(REPO, reproducedBug(3)).number;
    card(inSync, BOT, "Reproduced", ago(3, 2));
    const labelsLater = h.double.addIssue(REPO, reproducedBug(2)).number;
    card(labelsLater, BOT, "Inbox", ago(4));
    const cardLater = h.double.addIssue(REPO, reproducedBug(4)).number;
    card(cardLater, "maint", "In engineering", ago(1));
    const missing = h.double.addIssue(REPO, reproducedBug(3)).number;
    const byStranger = h.double.addIssue(REPO, reproducedBug(4)).number;
    card(byStranger, "stranger", "Product drafting", ago(1));
    const unknownMover = h.double.addIssue(REPO, reproducedBug(4)).number;
    card(unknownMover, BOT, "Reproduced", ago(4, 3));
    move(unknownMover, "maint", "Product drafting", ago(1));
    const parked = h.double.addIssue(REPO, reproducedBug(4)).number;
    h.double.project("acme", 7).fields.find((f) => f.name === "Status")!.options.push({ id: "someday", name: "Someday", color: "GRAY", description: "" });
    card(parked, "maint", "Someday", ago(1));

    const summary = await h.sweep();
    expect(summary.actions).toEqual({ "board-drift": 5 });
    // Labels later, missing, a stranger's move and an unattributed one: the card follows the labels.
    expect([labelsLater, missing, byStranger, unknownMover].map(column)).toEqual(["Reproduced", "Reproduced", "Reproduced", "Reproduced"]);
    // A maintainer's later move is `/release`: the labels follow the card.
    expect(h.double.issue(REPO, cardLater).labels).toContain(":release");
    expect(column(cardLater)).toBe("In engineering");
    // The refused move gets one short reply; the others none.
    expect(h.double.issue(REPO, byStranger).comments.filter((c) => c.author === BOT)).toHaveLength(1);
    expect(h.double.issue(REPO, unknownMover).comments.filter((c) => c.author === BOT)).toHaveLength(0);
    expect([column(inSync), column(parked)]).toEqual(["Reproduced", "Someday"]);
    // One board page; one document per repair, plus one for the new card.
    expect(h.requests().filter((r) => r.operationNames?.includes("organization"))).toHaveLength(1);
    expect(summary.writes).toBe(6);

    // Run twice: nothing left to do, and the refusal is not repeated.
    const again = await h.sweep();
    expect(again).toMatchObject({ actions: {}, writes: 0 });
    expect(h.double.issue(REPO, byStranger).comments.filter((c) => c.author === BOT)).toHaveLength(1);
  });

  it("closed bugs too: a close the webhook missed moves the card to Done; a maintainer's later drag off Done reopens", async () => {
    const { h, card, column } = withBoard();
    const closed = (days: number) => ({ ...reproducedBug(5), state: "closed" as const, closedAt: ago(days), closedBy: "maint" });
    const missedClose = h.double.addIssue(REPO, closed(1)).number;
    card(missedClose, BOT, "Reproduced", ago(5));
    const draggedBack = h.double.addIssue(REPO, closed(3)).number;
    card(draggedBack, "maint", "Reproduced", ago(1));
    const done = h.double.addIssue(REPO, closed(3)).number;
    card(done, BOT, "Done", ago(3));
    const notABug = h.double.addIssue(REPO, { title: "question", state: "closed", closedAt: ago(3), closedBy: "maint" }).number;
    card(notABug, "maint", "Inbox", ago(5));

    const summary = await h.sweep();
    expect(summary.actions).toEqual({ "board-drift": 2 });
    expect(column(missedClose)).toBe("Done");
    expect(h.double.issue(REPO, missedClose).state).toBe("closed");
    expect(h.double.issue(REPO, draggedBack).state).toBe("open");
    expect(column(draggedBack)).toBe("Reproduced");
    expect([column(done), column(notABug)]).toEqual(["Done", "Inbox"]);
  });

  it("closed bugs by type (no bug label) too: one REST listing names them; a closed Feature's card is left alone", async () => {
    const { h, card, column } = withBoard();
    const typed = (days: number, type: string) => {
      const seed = reproducedBug(5);
      return { ...seed, labels: ["#g-mdm"], type, events: (seed.events ?? []).filter((e) => e.label !== "bug"), state: "closed" as const, closedAt: ago(days), closedBy: "maint" };
    };
    const missedClose = h.double.addIssue(REPO, typed(1, "Bug")).number;
    card(missedClose, BOT, "Reproduced", ago(5));
    const draggedBack = h.double.addIssue(REPO, typed(3, "Bug")).number;
    card(draggedBack, "maint", "Reproduced", ago(1));
    const done = h.double.addIssue(REPO, typed(3, "Bug")).number;
    card(done, BOT, "Done", ago(3));
    const feature = h.double.addIssue(REPO, typed(3, "Feature")).number;
    card(feature, "maint", "Inbox", ago(5));

    const summary = await h.sweep();
    expect(summary.actions).toEqual({ "board-drift": 2 });
    expect(column(missedClose)).toBe("Done");
    expect(h.double.issue(REPO, missedClose).state).toBe("closed");
    expect(h.double.issue(REPO, draggedBack).state).toBe("open");
    expect(column(draggedBack)).toBe("Reproduced");
    expect(h.double.issue(REPO, draggedBack).labels).not.toContain("bug");
    expect([column(done), column(feature)]).toEqual(["Done", "Inbox"]);
    expect(h.double.issue(REPO, feature).state).toBe("closed");
    // The open typed listing, the closed-by-merge repair's and the closed cards' one: none per card.
    expect(h.requests().filter((r) => r.method === "GET" && r.path === `/repos/${REPO}/issues`)).toHaveLength(3);

    const again = await h.sweep();
    expect(again).toMatchObject({ actions: {}, writes: 0 });
  });

  it("no closed card off its column: no closed-cards listing", async () => {
    const { h, card } = withBoard();
    const done = h.double.addIssue(REPO, { ...reproducedBug(5), state: "closed" as const, closedAt: ago(3), closedBy: "maint" }).number;
    card(done, BOT, "Done", ago(3));
    await h.sweep();
    // The open typed listing and the closed-by-merge repair's.
    expect(h.requests().filter((r) => r.method === "GET" && r.path === `/repos/${REPO}/issues`)).toHaveLength(2);
  });

  it("reads a board its repositories share once per run", async () => {
    const { h, card, column } = withBoard();
    h.double.addRepo("acme/agent", { labels: ["bug", "#g-mdm", ":reproduce", ":release", ":product"] });
    h.double.setFile("acme/agent", ".github/bug-lifecycle.yml", `${CONFIG}${BOARD}`);
    const here = h.double.addIssue(REPO, reproducedBug(2)).number;
    card(here, BOT, "Inbox", ago(4));
    const there = h.double.addIssue("acme/agent", reproducedBug(2)).number;
    h.double.addCard("acme", 7, "acme/agent", there, BOT, "Inbox", ago(4));
    const summary = await h.sweep();
    expect(summary).toMatchObject({ repos: 2, actions: { "board-drift": 2 } });
    expect(h.requests().filter((r) => r.operationNames?.includes("organization"))).toHaveLength(1);
    expect(column(here)).toBe("Reproduced");
    expect(h.double.board("acme", 7).get(`acme/agent#${there}`)).toBe("Reproduced");
  });

  it("dry run: reports each repair it would make and writes nothing", async () => {
    const { h, card, column } = withBoard();
    const labelsLater = h.double.addIssue(REPO, reproducedBug(2)).number;
    card(labelsLater, BOT, "Inbox", ago(4));
    const cardLater = h.double.addIssue(REPO, reproducedBug(4)).number;
    card(cardLater, "maint", "In engineering", ago(1));
    h.double.addIssue(REPO, reproducedBug(3));
    const summary = await h.sweep({ dryRun: true });
    expect(summary.actions).toEqual({ "board-drift": 3 });
    expect(h.requests().filter((r) => r.write)).toEqual([]);
    expect(column(labelsLater)).toBe("Inbox");
    const decisions = h.logs.filter((line) => line.msg === "sweep decision").map((line) => line.writes);
    expect(decisions).toEqual([
      ["board-add #3 https://github.com/orgs/acme/projects/7: dry-run", "board-status #3 Reproduced: dry-run"],
      ["board-status #1 Reproduced: dry-run"],
      ["add-labels #2 :release: dry-run"],
    ]);
  });

  it("replicas: the repository's sweep hands drifted bugs off; each issue's job repairs its card both ways, once", async () => {
    const { h, card, column } = withBoard();
    const labelsLater = h.double.addIssue(REPO, reproducedBug(2)).number;
    card(labelsLater, BOT, "Inbox", ago(4));
    const cardLater = h.double.addIssue(REPO, reproducedBug(4)).number;
    card(cardLater, "maint", "In engineering", ago(1));
    const missing = h.double.addIssue(REPO, reproducedBug(3)).number;
    const handed: DueItem[] = [];
    const summary = await h.sweep({ handOff: async (_repo, _installation, item) => void handed.push(item) });
    expect(summary.handedOff).toBe(3);
    expect(h.requests().filter((r) => r.write)).toEqual([]);
    for (const item of handed) {
      const job = { ...item, installationId: 1, owner: "acme", name: "app", runId: "tick-test" };
      expect(await h.runtime.sweepIssue(job)).toMatchObject({ actions: { "board-drift": 1 }, errors: 0 });
      // Its replica died after the write: the job runs again, re-checks, and writes nothing.
      expect(await h.runtime.sweepIssue(job)).toMatchObject({ actions: {}, rechecked: 1 });
    }
    expect([labelsLater, missing].map(column)).toEqual(["Reproduced", "Reproduced"]);
    expect(column(cardLater)).toBe("In engineering");
    expect(h.double.issue(REPO, cardLater).labels).toContain(":release");
  });

  it("keeps to the write budget: the oldest drift first, the rest next run", async () => {
    const { h, card, column } = withBoard(`${CONFIG}sweep: { maxWrites: 1 }\n${BOARD}`);
    const newer = h.double.addIssue(REPO, reproducedBug(1)).number;
    card(newer, BOT, "Inbox", ago(5));
    const older = h.double.addIssue(REPO, reproducedBug(2)).number;
    card(older, BOT, "Inbox", ago(5));
    const first = await h.sweep();
    expect(first).toMatchObject({ actions: { "board-drift": 1 }, deferred: 1, writes: 1 });
    expect([column(older), column(newer)]).toEqual(["Reproduced", "Inbox"]);
    await h.sweep();
    expect(column(newer)).toBe("Reproduced");
  });

  it("a board it cannot read is reported, and the rest of the sweep goes on", async () => {
    const h = createSweepHarness({ config: `${CONFIG}${BOARD.replace("projects/7", "projects/8")}` });
    h.double.addProject({ org: "acme", number: 7, fields: { Status: STATUS } });
    h.double.addIssue(REPO, reproducedBug(3));
    const summary = await h.sweep();
    expect(summary).toMatchObject({ errors: 0, writes: 0, failed: [] });
    expect(h.logs.find((line) => line.msg === "board problem: the sweep leaves the board alone")).toMatchObject({ problem: expect.stringContaining("projects/8") });
  });
});
