//! Purpose: the `board` rule in shadow and off (docs/rules.md): labels move as commands say, the card does not; shadow logs the column it would have set.
import { describe, expect, it } from "vitest";
import { createHarness, FLEET_CONFIG, REPO, seedBug } from "../support/app-harness.js";

const STATUS = ["Inbox", "Reproduced", "Product drafting", "In engineering", "Awaiting QA", "Ready for release", "Done"];
const BOARD = `
board:
  project: https://github.com/orgs/acme/projects/7
  field: Status
  columns: { inbox: Inbox, reproduced: Reproduced, drafting: Product drafting, engineering: In engineering, awaiting-qa: Awaiting QA, ready-for-release: Ready for release, closed: Done }
`;

async function boardHarness(mode: "on" | "shadow" | "off") {
  const h = await createHarness({ config: `${FLEET_CONFIG}${BOARD}rules:\n  board: ${mode}\n` });
  h.double.addProject({ org: "acme", number: 7, fields: { Status: STATUS } });
  return h;
}

describe.each(["on", "shadow", "off"] as const)("rules.board: %s", (mode) => {
  it("a command moves the labels; the card follows only when on; shadow logs the column", async () => {
    const h = await boardHarness(mode);
    const number = seedBug(h, ["bug", ":reproduce"], ["qa-lead"]);
    const counts = await h.act("issue_comment.created", { actor: "qa-lead", number, body: "/reproduced #g-mdm" });
    expect(h.issue(number).labels.sort()).toEqual(["#g-mdm", "bug"]);
    const card = h.double.board("acme", 7).get(`${REPO}#${number}`);
    const projectWrites = counts.requests.filter((r) => r.write && (r.operationNames ?? []).some((op) => /ProjectV2/.test(op)));
    const shadow = h.logs.filter((line) => line.rule === "board" && String(line.msg).startsWith("shadow decision"));
    if (mode === "on") {
      expect(card).toBe("Reproduced");
      expect(shadow).toEqual([]);
    } else {
      expect(card).toBeUndefined();
      expect(projectWrites).toEqual([]);
      expect(shadow.map((line) => line.write)).toEqual(mode === "shadow" ? expect.arrayContaining([expect.stringMatching(/^board-status .*Reproduced/)]) : []);
    }
  });
});
