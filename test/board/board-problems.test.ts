//! Purpose: board problems (an option renamed or deleted, a missing project or field, no permission) shown by `/why` and the config check run, never a crash.
import { describe, expect, it } from "vitest";
import { deleteOption, renameOption } from "@bug-lifecycle/github-double";
import { createHarness, FLEET_CONFIG, REPO, seedBug, type Harness } from "../support/app-harness.js";

const STATUS = ["Inbox", "Reproduced", "Product drafting", "In engineering", "Awaiting QA", "Ready for release", "Done"];
const board = (project = 7, field = "Status") => `
board:
  project: https://github.com/orgs/acme/projects/${project}
  field: ${field}
  columns:
    inbox: Inbox
    reproduced: Reproduced
    drafting: Product drafting
    engineering: In engineering
    awaiting-qa: Awaiting QA
    ready-for-release: Ready for release
    closed: Done
`;

async function boardHarness(config = `${FLEET_CONFIG}${board()}`): Promise<Harness> {
  const h = await createHarness({ config });
  h.double.addProject({ org: "acme", number: 7, fields: { Status: STATUS } });
  return h;
}

async function why(h: Harness, number: number): Promise<string> {
  await h.act("issue_comment.created", { actor: "someone", number, body: "/why" });
  return h.issue(number).comments.at(-1)?.body ?? "";
}

describe("/why and the board", () => {
  it("names the card's column, and a bug not on the board yet", async () => {
    const h = await boardHarness();
    const number = seedBug(h, ["bug", ":reproduce"]);
    expect(await why(h, number)).toContain("**Board:** not on https://github.com/orgs/acme/projects/7 yet; the bot adds it in `Inbox`");
    h.double.addCard("acme", 7, REPO, number, "maint", "Inbox");
    const answer = await why(h, number);
    expect(answer).toContain("**Board:** `Inbox`.");
    expect(answer).not.toContain("Board problem");
  });

  it("reports an option renamed or deleted on the board (read again once, then reported)", async () => {
    const h = await boardHarness();
    const number = seedBug(h, ["bug", ":release", "~awaiting QA", "#g-mdm"]);
    h.double.addCard("acme", 7, REPO, number, "maint", "Awaiting QA");
    expect(await why(h, number)).toContain("**Board:** `Awaiting QA`.");
    renameOption(h.double.project("acme", 7), "Status", "Awaiting QA", "QA");
    deleteOption(h.double.project("acme", 7), "Status", "Done");
    const answer = await why(h, number);
    expect(answer).toContain("**Board:** the card shows `QA`; the bug belongs in `Awaiting QA`.");
    expect(answer).toContain('**Board problem:** field "Status" has no option "Awaiting QA" for `awaiting-qa` (board.columns.awaiting-qa)');
    expect(answer).toContain('**Board problem:** field "Status" has no option "Done" for `closed`');
  });

  it.each([
    ["a missing project", `${FLEET_CONFIG}${board(9)}`, "project https://github.com/orgs/acme/projects/9 was not found"],
    ["a missing field", `${FLEET_CONFIG}${board(7, "Stage")}`, 'project https://github.com/orgs/acme/projects/7 has no single-select field "Stage"'],
  ])("reports %s, and the labels still change", async (_name, config, problem) => {
    const h = await boardHarness(config);
    const number = seedBug(h, ["bug", ":reproduce"]);
    expect(await why(h, number)).toContain(`**Board problem:** ${problem}`);
    await h.act("issue_comment.created", { actor: "maint", number, body: "/product" });
    expect(h.issue(number).labels).toContain(":product");
    expect(h.logs.filter((line) => line.msg === "board problem").map((line) => line.problem)).toContain(problem);
  });
});

describe("the config check run and the board", () => {
  const FILE = ".github/bug-lifecycle.yml";
  const openPull = async (h: Harness, text: string) => {
    const delivery = h.double.payload("pull_request.opened", { repo: REPO, actor: "dev-1", title: "Board", body: "", files: { [FILE]: text } });
    await h.receive(delivery);
    return h.double.checkRuns(REPO).at(-1);
  };

  it("passes when every column is an option of the field", async () => {
    const h = await boardHarness(FLEET_CONFIG);
    h.double.addLabel(REPO, "~released bug");
    expect(await openPull(h, `${FLEET_CONFIG}${board()}`)).toMatchObject({ conclusion: "success" });
  });

  it("warns on the line of each column the field lacks, and of a missing project or field", async () => {
    const h = await boardHarness(FLEET_CONFIG);
    h.double.addLabel(REPO, "~released bug");
    renameOption(h.double.project("acme", 7), "Status", "Awaiting QA", "Awaiting Q.A.");
    const text = `${FLEET_CONFIG}${board()}`;
    const line = (needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;
    const run = await openPull(h, text);
    expect(run).toMatchObject({ conclusion: "neutral", output: { title: "1 warning" } });
    expect(run?.output.annotations).toEqual([
      expect.objectContaining({ start_line: line("awaiting-qa: Awaiting QA"), annotation_level: "warning", message: expect.stringContaining('field "Status" has no option "Awaiting QA" (did you mean "Awaiting Q.A."?)') }),
    ]);
    const missing = await openPull(h, `${FLEET_CONFIG}${board(9)}`);
    expect(missing?.output.annotations).toEqual([expect.objectContaining({ message: "project https://github.com/orgs/acme/projects/9 was not found" })]);
    const field = await openPull(h, `${FLEET_CONFIG}${board(7, "Stage")}`);
    expect(field?.output.annotations).toEqual([expect.objectContaining({ start_line: line("field: Status"), message: expect.stringContaining('no single-select field "Stage"') })]);
  });

  it("warns when the app may not read organisation projects, instead of failing", async () => {
    const h = await createHarness({ config: FLEET_CONFIG, permissions: { issues: "write", pull_requests: "write", contents: "read", checks: "write", metadata: "read" } });
    h.double.addLabel(REPO, "~released bug");
    h.double.addProject({ org: "acme", number: 7, fields: { Status: STATUS } });
    const run = await openPull(h, `${FLEET_CONFIG}${board()}`);
    expect(run?.output.annotations).toEqual([expect.objectContaining({ message: expect.stringContaining("grant it Organization projects (read and write)") })]);
  });
});
