//! Purpose: `bug-lifecycle sweep` (the built CLI, as people run it) on 1,000 bugs with the board drifted on 30: all repaired, nothing else written.
import { afterEach, describe, expect, it } from "vitest";
import type { GitHubDouble, IssueSeed } from "@bug-lifecycle/github-double";
import { CONFIG, daysAgo, REPO, runBin, serveDouble, type Served } from "./support/cli.js";

const BOT = "bug-lifecycle[bot]";
const STATUS = ["Inbox", "Reproduced", "Product drafting", "In engineering", "Awaiting QA", "Ready for release", "Done"];
const BOARD = `board:
  project: https://github.com/orgs/acme/projects/7
  columns: { inbox: Inbox, reproduced: Reproduced, drafting: Product drafting, engineering: In engineering, awaiting-qa: Awaiting QA, ready-for-release: Ready for release, closed: Done }
`;

/** A bug `/reproduced #g-mdm` put in `reproduced` `days` ago (no timer is due for weeks). */
function reproduced(days: number): IssueSeed {
  return {
    title: "Crash on save",
    author: "reporter",
    createdAt: daysAgo(days + 1),
    labels: ["bug", "#g-mdm"],
    assignees: ["mdm-em"],
    events: [
      { kind: "labeled", actor: "reporter", createdAt: daysAgo(days + 1), label: "bug" },
      { kind: "labeled", actor: BOT, createdAt: daysAgo(days + 1, 1), label: ":reproduce" },
      { kind: "unlabeled", actor: BOT, createdAt: daysAgo(days), label: ":reproduce" },
      { kind: "labeled", actor: BOT, createdAt: daysAgo(days), label: "#g-mdm" },
      { kind: "assigned", actor: BOT, createdAt: daysAgo(days), assignee: "mdm-em" },
    ],
  };
}

let served: Served | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

interface Seeded {
  labelsLater: number[];
  byMaintainer: number[];
  unknownMover: number[];
  missing: number[];
  inSync: number[];
}

/** 1,000 bugs: 970 whose card shows their column, and 30 drifted four ways. */
function seed(double: GitHubDouble): Seeded {
  double.setFile(REPO, ".github/bug-lifecycle.yml", `${CONFIG}${BOARD}`);
  double.addProject({ org: "acme", number: 7, fields: { Status: STATUS } });
  const card = (n: number, actor: string, option: string, at: string) => double.addCard("acme", 7, REPO, n, actor, option, at);
  const seeded: Seeded = { labelsLater: [], byMaintainer: [], unknownMover: [], missing: [], inSync: [] };
  for (let i = 0; i < 1000; i++) {
    const kind = i % 33 === 0 && i < 990 ? (["labelsLater", "byMaintainer", "unknownMover", "missing"] as const)[(i / 33) % 4]! : "inSync";
    const { number } = double.addIssue(REPO, reproduced(kind === "labelsLater" ? 2 : 4));
    seeded[kind].push(number);
    if (kind === "inSync") card(number, BOT, "Reproduced", daysAgo(4, 1));
    // The card still shows the inbox from before the labels changed (a webhook missed).
    if (kind === "labelsLater") card(number, BOT, "Inbox", daysAgo(3));
    // A maintainer put it on the board in engineering yesterday: GitHub names the mover (the value is unchanged since).
    if (kind === "byMaintainer") card(number, "maint", "In engineering", daysAgo(1));
    // Set by the bot, then changed yesterday: `creator` still names the bot, so the mover is unknown.
    if (kind === "unknownMover") {
      card(number, BOT, "Reproduced", daysAgo(4, 1));
      double.moveCard("acme", 7, REPO, number, "Product drafting", "maint", "Status", daysAgo(1));
    }
  }
  // Four kinds of drift, 30 bugs in all.
  const drifted = seeded.labelsLater.length + seeded.byMaintainer.length + seeded.unknownMover.length + seeded.missing.length;
  if (drifted !== 30 || seeded.inSync.length !== 970) throw new Error(`seeded ${drifted} drifted bugs`);
  return seeded;
}

const boardPages = (s: Served) => s.double.requests.filter((r) => r.kind === "graphql" && r.operationNames?.includes("organization")).length;

describe("bug-lifecycle sweep with a drifted board (the built CLI)", () => {
  it("1,000 bugs, 30 drifted: the sweep repairs all 30 and writes nothing else", async () => {
    served = await serveDouble();
    const { double } = served;
    const bugs = seed(double);
    const column = (n: number) => double.board("acme", 7).get(`${REPO}#${n}`);
    const before = new Map(bugs.inSync.map((n) => [n, JSON.stringify(double.issue(REPO, n))]));
    const cards = double.board("acme", 7).size;
    expect(cards).toBe(1000 - bugs.missing.length);
    const env = { ...served.host, ...served.app };

    double.resetRecords();
    const run = await runBin(["sweep"], env);
    expect(run.stderr).toContain("sweep: 1 repositories, 1000 open bugs, 0 open PRs: board-drift 30;");
    expect(run.code).toBe(0);
    // The board is read once: one page per 100 cards.
    expect(boardPages(served)).toBe(Math.ceil(cards / 100));
    // One document per repaired bug, and one more for each card the bot had to add.
    const writes = double.writes();
    expect(writes).toHaveLength(30 + bugs.missing.length);
    expect(writes.filter((w) => w.operationNames?.includes("addProjectV2ItemById"))).toHaveLength(bugs.missing.length);

    for (const n of [...bugs.labelsLater, ...bugs.missing, ...bugs.unknownMover]) expect(column(n)).toBe("Reproduced");
    for (const n of bugs.byMaintainer) {
      expect(column(n)).toBe("In engineering");
      expect(double.issue(REPO, n).labels).toEqual(expect.arrayContaining(["bug", "#g-mdm", ":release"]));
    }
    // The other 970: not a label, comment or card changed.
    for (const n of bugs.inSync) expect(JSON.stringify(double.issue(REPO, n))).toBe(before.get(n));
    expect(bugs.inSync.every((n) => column(n) === "Reproduced")).toBe(true);
    // (The dry run, and running it twice, are in test/sweep/board-drift.test.ts, in process: each CLI run of
    // 1,000 bugs costs about a minute of paced GraphQL requests.)
  }, 240_000);
});
