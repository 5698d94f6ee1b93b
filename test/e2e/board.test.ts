//! Purpose: the bugs board through the built server: a bug's whole life with its card in sync, cards moved by people, options changed on the board.
import { afterEach, describe, expect, it } from "vitest";
import { deleteOption, renameOption } from "@bug-lifecycle/github-double";
import { BOT, CONFIG, createWorld, REPO, type World } from "./support/world.js";

const STATUS = ["Inbox", "Reproduced", "Product drafting", "In engineering", "Awaiting QA", "Ready for release", "Done"];
const BOARD = `
board:
  project: https://github.com/orgs/acme/projects/7
  field: Status
  columns:
    inbox: Inbox
    reproduced: Reproduced
    drafting: Product drafting
    engineering: In engineering
    awaiting-qa: Awaiting QA
    ready-for-release: Ready for release
    closed: Done
`;

let world: World | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

async function boardWorld(options: string[] = STATUS): Promise<World> {
  world = await createWorld({ config: `${CONFIG}${BOARD}` });
  world.double.addProject({ org: "acme", number: 7, fields: { Status: options } });
  return world;
}

const card = (w: World, number: number) => w.double.board("acme", 7).get(`${REPO}#${number}`);

/** A person drags the card on the board: GitHub's one webhook for it goes to the server, signed. */
async function moveCard(w: World, number: number, column: string, actor: string): Promise<void> {
  const [delivery, ...rest] = w.double.moveCard("acme", 7, REPO, number, column, actor);
  expect(rest).toEqual([]);
  const answer = await w.server.send(delivery!);
  expect(answer.status, answer.body).toBe(200);
  await w.settled();
}

async function act(w: World, ...args: Parameters<World["act"]>): Promise<void> {
  const answer = await w.act(...args);
  expect(answer.status, `${args[0]}: ${answer.body}`).toBe(200);
  await w.settled();
}

/** The bot's Status writes so far (each is one `updateProjectV2ItemFieldValue` in a document). */
const statusWrites = (w: World) => w.appRequests().filter((r) => r.operationNames?.includes("updateProjectV2ItemFieldValue")).length;
const boardReads = (w: World) => w.appRequests().filter((r) => r.kind === "graphql" && !r.write && r.operationNames?.includes("organization")).length;

function healthy(w: World): void {
  expect(w.botAnswers.every((a) => a.status === 200)).toBe(true);
  expect(w.server.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
  expect(w.server.alive()).toBe(true);
}

describe("the bugs board, through the built server", () => {
  it("follows a bug's whole life, by commands and by maintainers' card moves, with the card in sync at every step", async () => {
    const w = await boardWorld();
    const life: Array<[string, () => Promise<void>, string, string]> = [
      ["opened", () => act(w, "issues.opened", { actor: "reporter", labels: ["bug"], title: "Enrollment crashes", body: "Steps: …" }), "Inbox", ":reproduce"],
      ["/reproduced", () => act(w, "issue_comment.created", { actor: "qa-lead", number: 1, body: "/reproduced #g-mdm" }), "Reproduced", "#g-mdm"],
      ["card → Product drafting (= /product)", () => moveCard(w, 1, "Product drafting", "mdm-em"), "Product drafting", ":product"],
      ["/engineering (product hands it back)", () => act(w, "issue_comment.created", { actor: "mdm-pm", number: 1, body: "/engineering" }), "Reproduced", "#g-mdm"],
      ["card → In engineering (= /release)", () => moveCard(w, 1, "In engineering", "mdm-em"), "In engineering", ":release"],
      ["/fixed", () => act(w, "issue_comment.created", { actor: "dev-1", number: 1, body: "/fixed" }), "Awaiting QA", "~awaiting QA"],
      ["card → Ready for release (= /qa-passed)", () => moveCard(w, 1, "Ready for release", "qa-lead"), "Ready for release", "~ready for release"],
    ];
    for (const [step, run, column, label] of life) {
      await run();
      expect(card(w, 1), step).toBe(column);
      expect(w.issue(1).labels, step).toContain(label);
      expect(w.issue(1).state, step).toBe("open");
    }
    w.double.addMilestone(REPO, { title: "4.60.0" });
    await act(w, "issues.milestoned", { actor: "mdm-em", number: 1, milestone: "4.60.0" });
    await act(w, "milestone.closed", { actor: "maint", milestone: "4.60.0" });
    expect(w.issue(1).state).toBe("closed");
    expect(card(w, 1)).toBe("Done");

    // The bot wrote the Status for its own transitions only (opened, /reproduced, /engineering, /fixed, release):
    // the people's moves were left where they put them, and the bot's writes, sent back, caused nothing.
    expect(statusWrites(w)).toBe(5);
    expect(w.double.webhooks.filter((d) => d.name === "projects_v2_item" && d.payload.action === "edited" && (d.payload.sender as { login: string }).login === BOT)).toHaveLength(5);
    expect(w.issue(1).comments.filter((c) => c.author === BOT && c.body.includes("put this card back"))).toEqual([]);
    healthy(w);
  });

  it("a maintainer's move changes the bug; a community member's is put back with one reply", async () => {
    const w = await boardWorld();
    w.double.addUser("drive-by");
    await act(w, "issues.opened", { actor: "reporter", labels: ["bug"], title: "Login fails", body: "…" });
    expect(card(w, 1)).toBe("Inbox");

    await moveCard(w, 1, "Done", "drive-by");
    expect(card(w, 1)).toBe("Inbox");
    expect(w.issue(1).state).toBe("open");
    await moveCard(w, 1, "In engineering", "drive-by");
    expect(card(w, 1)).toBe("Inbox");
    expect(w.issue(1).labels.sort()).toEqual([":reproduce", "bug"]);
    const replies = w.issue(1).comments.filter((c) => c.author === BOT && c.body.includes("put this card back"));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toContain("Only maintainers can move bugs between columns.");

    await moveCard(w, 1, "Done", "maint");
    expect(w.issue(1).state).toBe("closed");
    expect(w.issue(1).stateReason).toBe("completed");
    expect(card(w, 1)).toBe("Done");
    healthy(w);
  });

  it("an option renamed between two events is read again once; one deleted since is reported, never a crash", async () => {
    // The board's option is "QA" at first: the config's "Awaiting QA" is missing until someone renames it.
    const w = await boardWorld(STATUS.map((name) => (name === "Awaiting QA" ? "QA" : name)));
    await act(w, "issues.opened", { actor: "reporter", labels: ["bug"], title: "Sync stalls", body: "…" });
    await act(w, "issue_comment.created", { actor: "qa-lead", number: 1, body: "/reproduced #g-mdm" });
    await act(w, "issue_comment.created", { actor: "mdm-em", number: 1, body: "/release" });
    expect(card(w, 1)).toBe("In engineering");
    const reads = boardReads(w);

    renameOption(w.double.project("acme", 7), "Status", "QA", "Awaiting QA");
    await act(w, "issue_comment.created", { actor: "dev-1", number: 1, body: "/fixed" });
    expect(card(w, 1)).toBe("Awaiting QA");
    expect(boardReads(w) - reads).toBe(1);

    deleteOption(w.double.project("acme", 7), "Status", "Ready for release");
    await act(w, "issue_comment.created", { actor: "qa-lead", number: 1, body: "/qa-passed" });
    expect(w.issue(1).labels).toContain("~ready for release");
    expect(card(w, 1)).toBe("Awaiting QA");
    const problems = w.server.logs.filter((l) => l.msg === "board problem").map((l) => l.problem);
    expect(problems).toEqual(['field "Status" has no option "Ready for release" (board.columns)']);

    await act(w, "issue_comment.created", { actor: "reporter", number: 1, body: "/why" });
    const why = w.issue(1).comments.at(-1)!.body;
    expect(why).toContain("**Board:** the card shows `Awaiting QA`; the bug belongs in `Ready for release`.");
    expect(why).toContain('**Board problem:** field "Status" has no option "Ready for release" for `ready-for-release`');
    healthy(w);
  });
});
