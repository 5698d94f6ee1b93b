//! Purpose: board → labels through the app on the double: `projects_v2_item.edited` payloads as GitHub sends them.
import { describe, expect, it } from "vitest";
import { createHarness, FLEET_CONFIG, REPO, seedBug, type Harness } from "../support/app-harness.js";

const STATUS = ["Inbox", "Reproduced", "Product drafting", "In engineering", "Awaiting QA", "Ready for release", "Done"];
export const BOARD = `
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

async function boardHarness(): Promise<Harness> {
  const h = await createHarness({ config: `${FLEET_CONFIG}${BOARD}` });
  h.double.addProject({ org: "acme", number: 7, fields: { Status: STATUS, Priority: ["P0", "P1"] } });
  return h;
}

/** A bug already on the board in `column`, put there by a person before the app saw it. */
function bugOnBoard(h: Harness, labels: string[], column: string, assignees: string[] = []): number {
  const number = seedBug(h, labels, assignees);
  h.double.addCard("acme", 7, REPO, number, "maint", column);
  return number;
}

const card = (h: Harness, number: number, project = 7) => h.double.board("acme", project).get(`${REPO}#${number}`);

/** A person drags the card: the one webhook GitHub sends for it, handed to the app. */
async function move(h: Harness, number: number, column: string, actor: string, project = 7, field = "Status") {
  const deliveries = h.double.moveCard("acme", project, REPO, number, column, actor, field);
  expect(deliveries).toHaveLength(1);
  return h.receive(deliveries[0]!);
}

const botComments = (h: Harness, number: number) => h.issue(number).comments.filter((c) => c.author === "bug-lifecycle[bot]");

describe("board → labels", () => {
  it("a maintainer's move is the matching command: labels, owner, and the card left where they put it (one write)", async () => {
    const h = await boardHarness();
    const number = bugOnBoard(h, ["bug", ":reproduce", "#g-mdm"], "Inbox", ["qa-lead"]);
    const counts = await move(h, number, "Reproduced", "maint");
    expect(h.issue(number).labels.sort()).toEqual(["#g-mdm", "bug"]);
    expect(h.issue(number).assignees).toEqual(["mdm-em"]);
    expect(card(h, number)).toBe("Reproduced");
    expect(counts.writes).toBe(1);
    const operations = counts.requests.filter((r) => r.write).flatMap((r) => r.operationNames ?? []);
    expect(operations).not.toContain("updateProjectV2ItemFieldValue");
    expect(botComments(h, number)).toEqual([]);
  });

  it("a maintainer's move to Done closes the bug; a move back to Inbox reopens it into the inbox", async () => {
    const h = await boardHarness();
    const number = bugOnBoard(h, ["bug", ":release", "~ready for release", "#g-mdm"], "Ready for release");
    await move(h, number, "Done", "maint");
    expect(h.issue(number).state).toBe("closed");
    await move(h, number, "Inbox", "maint");
    expect(h.issue(number).state).toBe("open");
    expect(h.issue(number).labels).toEqual(expect.arrayContaining(["bug", ":reproduce"]));
    expect(card(h, number)).toBe("Inbox");
  });

  it("a community member's move is put back, with one short reply however often they move it", async () => {
    const h = await boardHarness();
    const number = bugOnBoard(h, ["bug", ":reproduce", "#g-mdm"], "Inbox");
    const first = await move(h, number, "Ready for release", "reporter");
    expect(card(h, number)).toBe("Inbox");
    expect(h.issue(number).labels.sort()).toEqual(["#g-mdm", ":reproduce", "bug"]);
    expect(botComments(h, number).map((c) => c.body)).toEqual([expect.stringContaining("Only maintainers can move bugs between columns.")]);
    // The reply and the put-back are one document.
    expect(first.writes).toBe(1);
    expect(first.requests.filter((r) => r.write).flatMap((r) => r.operationNames ?? [])).toEqual(expect.arrayContaining(["addComment", "updateProjectV2ItemFieldValue"]));

    const again = await move(h, number, "Done", "reporter");
    expect(card(h, number)).toBe("Inbox");
    expect(h.issue(number).state).toBe("open");
    expect(botComments(h, number)).toHaveLength(1);
    expect(again.requests.filter((r) => r.write).flatMap((r) => r.operationNames ?? [])).toEqual(["updateProjectV2ItemFieldValue"]);
  });

  it("ignores the bot's own Status writes when they come back as webhooks: no request at all", async () => {
    const h = await boardHarness();
    const number = bugOnBoard(h, ["bug", ":reproduce", "#g-mdm"], "Inbox");
    await move(h, number, "Awaiting QA", "reporter");
    const echo = h.double.webhooks.filter((d) => d.name === "projects_v2_item" && d.payload.action === "edited").at(-1)!;
    expect(echo.payload.sender).toMatchObject({ login: "bug-lifecycle[bot]", type: "Bot" });
    const counts = await h.receive(echo);
    expect(counts.requests).toEqual([]);
    expect(card(h, number)).toBe("Inbox");
  });

  it("a move to the column the bug is already in, or to a column no state names, changes nothing", async () => {
    const h = await boardHarness();
    h.double.project("acme", 7).fields.find((f) => f.name === "Status")!.options.push({ id: "someday", name: "Someday", color: "GRAY", description: "" });
    const number = bugOnBoard(h, ["bug", ":product", "#g-mdm"], "Inbox");
    const same = await move(h, number, "Product drafting", "maint");
    expect(same.writes).toBe(0);
    const elsewhere = await move(h, number, "Someday", "reporter");
    expect(elsewhere.writes).toBe(0);
    expect(card(h, number)).toBe("Someday");
    expect(h.issue(number).labels.sort()).toEqual(["#g-mdm", ":product", "bug"]);
  });

  it("ignores a card on another project, another field of the board, and a pull request's card", async () => {
    const h = await boardHarness();
    h.double.addProject({ org: "acme", number: 8, fields: { Status: STATUS } });
    const number = seedBug(h, ["bug", ":reproduce", "#g-mdm"]);
    h.double.addCard("acme", 8, REPO, number, "maint", "Inbox");
    h.double.addCard("acme", 7, REPO, number, "maint", "Inbox");
    const other = await move(h, number, "Done", "maint", 8);
    expect(other.writes).toBe(0);
    const priority = await move(h, number, "P0", "maint", 7, "Priority");
    expect(priority.writes).toBe(0);
    expect(h.issue(number).state).toBe("open");
    expect(h.issue(number).labels.sort()).toEqual(["#g-mdm", ":reproduce", "bug"]);

    const pull = h.double.addPull(REPO, { title: "fix", author: "dev-1" }).number;
    h.double.addCard("acme", 7, REPO, pull, "maint", "Inbox");
    const pr = await move(h, pull, "Done", "maint");
    expect(pr.requests).toEqual([]);
  });

  it("ignores a card of an issue whose repository has no board in its config", async () => {
    const h = await createHarness();
    h.double.addProject({ org: "acme", number: 7, fields: { Status: STATUS } });
    const number = bugOnBoard(h, ["bug", ":reproduce", "#g-mdm"], "Inbox");
    const counts = await move(h, number, "Done", "maint");
    expect(counts.writes).toBe(0);
    expect(h.issue(number).state).toBe("open");
  });

  it("logs a malformed payload and moves on", async () => {
    const h = await boardHarness();
    const counts = await h.receive({ id: "bad-1", name: "projects_v2_item", payload: { action: "edited", projects_v2_item: { node_id: 3 }, sender: { login: "maint" } } });
    expect(counts.requests).toEqual([]);
    expect(h.logs.some((line) => String(line.msg).startsWith("malformed projects_v2_item.edited payload"))).toBe(true);
  });
});
