//! Purpose: labels → board through the app on the double: every transition puts the bug on the board in its column.
import { describe, expect, it } from "vitest";
import { deleteOption, renameOption } from "@bug-lifecycle/github-double";
import { createHarness, FLEET_CONFIG, REPO, seedBug } from "../support/app-harness.js";

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

async function boardHarness() {
  const h = await createHarness({ config: `${FLEET_CONFIG}${BOARD}` });
  h.double.addProject({ org: "acme", number: 7, fields: { Status: STATUS } });
  return h;
}

const card = (h: Awaited<ReturnType<typeof boardHarness>>, number: number) => h.double.board("acme", 7).get(`${REPO}#${number}`);

describe("labels → board", () => {
  it("a new bug is added to the board (one more write) and its Status set with its labels (one write)", async () => {
    const h = await boardHarness();
    const counts = await h.act("issues.opened", { actor: "reporter", labels: ["bug"], title: "Crash" });
    expect(h.issue(1).labels.sort()).toEqual([":reproduce", "bug"]);
    expect(card(h, 1)).toBe("Inbox");
    expect(counts.writes).toBe(2);
    const [add, document] = counts.requests.filter((r) => r.write).map((r) => r.operationNames);
    expect(add).toEqual(["addProjectV2ItemById"]);
    expect(document).toEqual(expect.arrayContaining(["addLabelsToLabelable", "addComment", "updateProjectV2ItemFieldValue"]));
  });

  it("a known card moves in the same single write as the labels", async () => {
    const h = await boardHarness();
    const number = seedBug(h, ["bug", ":reproduce"], ["qa-lead"]);
    await h.act("issue_comment.created", { actor: "maint", number, body: "/needs-info" });
    expect(card(h, number)).toBe("Inbox");
    const counts = await h.act("issue_comment.created", { actor: "qa-lead", number, body: "/reproduced #g-mdm" });
    expect(card(h, number)).toBe("Reproduced");
    expect(counts.writes).toBe(1);
    const release = await h.act("issue_comment.created", { actor: "mdm-em", number, body: "/release" });
    expect(card(h, number)).toBe("In engineering");
    expect(release.writes).toBe(1);
  });

  it("an option renamed since it was cached is read again once; a deleted one is reported, never a crash", async () => {
    const h = await boardHarness();
    const number = seedBug(h, ["bug", ":reproduce", "#g-mdm"]);
    await h.act("issue_comment.created", { actor: "maint", number, body: "/product" });
    expect(card(h, number)).toBe("Product drafting");
    renameOption(h.double.project("acme", 7), "Status", "Reproduced", "reproduced");
    await h.act("issue_comment.created", { actor: "maint", number, body: "/engineering" });
    expect(card(h, number)).toBe("reproduced");
    deleteOption(h.double.project("acme", 7), "Status", "In engineering");
    await h.act("issue_comment.created", { actor: "mdm-em", number, body: "/release" });
    expect(h.issue(number).labels).toContain(":release");
    expect(card(h, number)).toBe("reproduced");
    const problems = h.logs.filter((line) => line.msg === "board problem").map((line) => line.problem);
    expect(problems).toEqual(['field "Status" has no option "In engineering" (board.columns)']);
  });

  it("a person's close moves the card to Done, their reopen back to the bug's column (the Status only)", async () => {
    const h = await boardHarness();
    const number = seedBug(h, ["bug", ":product", "#g-mdm"]);
    h.double.addCard("acme", 7, REPO, number, "maint", "Product drafting");
    const closed = await h.act("issues.closed", { actor: "maint", number });
    expect(card(h, number)).toBe("Done");
    expect(closed.requests.filter((r) => r.write).flatMap((r) => r.operationNames ?? [])).toEqual(["updateProjectV2ItemFieldValue"]);
    await h.act("issues.reopened", { actor: "maint", number });
    expect(card(h, number)).toBe("Product drafting");
    expect(h.issue(number).labels.sort()).toEqual(["#g-mdm", ":product", "bug"]);
    const unrelated = await h.act("issues.labeled", { actor: "maint", number, label: "docs" });
    expect(unrelated.writes).toBe(0);
  });

  it("a merged PR moves each bug it references to its column, in the same one write", async () => {
    const h = await boardHarness();
    const first = seedBug(h, ["bug", ":release", "#g-mdm"], ["mdm-em"]);
    const second = seedBug(h, ["bug", ":release", "#g-mdm"], ["mdm-em"]);
    h.double.addCard("acme", 7, REPO, first, "maint", "In engineering");
    h.double.addCard("acme", 7, REPO, second, "maint", "In engineering");
    const pr = h.double.addPull(REPO, { author: "mdm-em", title: "Fix it", body: `For #${first} and #${second}` }).number;
    const counts = await h.act("pull_request.closed", { actor: "maint", number: pr, merged: true });
    expect([card(h, first), card(h, second)]).toEqual(["Awaiting QA", "Awaiting QA"]);
    expect(card(h, pr)).toBeUndefined();
    const documents = counts.requests.filter((r) => r.write);
    expect(documents).toHaveLength(1);
    expect(documents[0]!.operationNames?.filter((name) => name === "updateProjectV2ItemFieldValue")).toHaveLength(2);
  });

  it("without a board config nothing is read from projects", async () => {
    const h = await createHarness();
    const counts = await h.act("issues.opened", { actor: "reporter", labels: ["bug"], title: "Crash" });
    expect(counts.requests.flatMap((r) => r.operationNames ?? []).filter((name) => /project|organization/i.test(name))).toEqual([]);
  });
});
