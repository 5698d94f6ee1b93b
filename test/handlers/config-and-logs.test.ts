//! Purpose: what the app does with a config it cannot use, a payload it cannot read and DRY_RUN, and the operator's log lines for a transition.
import { describe, expect, it } from "vitest";
import { createHarness, REPO, seedBug } from "../support/app-harness.js";

describe("config, payload and logs through the app", () => {
  it("an invalid config: no action, a reply with the exact problem, an error log", async () => {
    const h = await createHarness({ config: "groups:\n  '#g-mdm': { em: 3 }\nlables: {}\n" });
    const number = seedBug(h, ["bug", ":reproduce"]);
    await h.act("issue_comment.created", { actor: "maint", number, body: "/reproduced #g-mdm" });
    const issue = h.issue(number);
    expect(issue.labels.sort()).toEqual([":reproduce", "bug"]);
    expect(issue.comments.at(-1)?.body).toContain("groups.#g-mdm.em");
    expect(issue.comments.at(-1)?.body).toContain("lables");
    expect(h.logs.some((l) => l.level === 50 && String(l.msg).includes("invalid"))).toBe(true);
  });

  it("config that is not YAML gets the same treatment", async () => {
    const h = await createHarness({ config: "groups: [unclosed" });
    const number = seedBug(h, ["bug", ":reproduce"]);
    const counts = await h.act("issue_comment.created", { actor: "maint", number, body: "/why" });
    // The reply is the only write; the delivery does not fail (GitHub would show it as failed, and nothing would retry it).
    expect(counts.requests.filter((r) => r.write).map((r) => r.operationNames ?? `${r.method} ${r.path}`)).toEqual([["addComment"]]);
    expect(h.issue(number).labels.sort()).toEqual([":reproduce", "bug"]);
    expect(h.issue(number).comments.at(-1)).toMatchObject({ author: "bug-lifecycle[bot]", body: expect.stringContaining("invalid YAML") });
  });

  it("no config file: the handbook's defaults", async () => {
    const h = await createHarness({ config: null });
    const number = seedBug(h, ["bug"]);
    await h.act("issues.labeled", { actor: "maint", number, label: ":release" });
    expect(h.issue(number).labels.sort()).toEqual([":release", "bug"]);
  });

  it("a malformed payload is logged and ignored, never thrown", async () => {
    const h = await createHarness();
    await expect(h.receive({ id: "bad-1", name: "issues", payload: { action: "labeled", issue: { number: "x" } } })).resolves.toMatchObject({ reads: 0, writes: 0 });
    expect(h.logs.some((l) => String(l.msg).includes("malformed payload"))).toBe(true);
  });

  it("dry run decides and logs, and writes nothing", async () => {
    const h = await createHarness({ env: { DRY_RUN: "true" } });
    const number = seedBug(h, ["bug", ":reproduce"]);
    const counts = await h.act("issue_comment.created", { actor: "maint", number, body: "/reproduced #g-mdm" });
    expect(counts.writes).toBe(0);
    expect(h.issue(number).labels.sort()).toEqual([":reproduce", "bug"]);
    expect(h.logs.filter((l) => l.msg === "write" && l.result === "dry-run").length).toBeGreaterThan(0);
    const line = h.logs.find((l) => l.msg === "transition" && l.delivery === counts.id);
    expect(line?.writes).toContain(`add-labels #${number} #g-mdm: dry-run`);
  });

  it("logs one info line per transition with its writes, and one debug line per write", async () => {
    const h = await createHarness();
    const number = seedBug(h, ["bug", ":reproduce"], ["qa-lead"]);
    const counts = await h.act("issue_comment.created", { actor: "maint", number, body: "/reproduced #g-mdm" });
    const info = h.logs.filter((l) => Number(l.level) === 30 && l.delivery === counts.id);
    expect(info).toHaveLength(1);
    expect(info[0]).toMatchObject({ msg: "transition", repo: REPO, issue: number, event: "commented", rule: expect.any(String) });
    expect([...(info[0]!.writes as string[])].sort()).toEqual([
      `add-assignees #${number} mdm-em`,
      `add-labels #${number} #g-mdm`,
      `react #${number}`,
      `remove-assignees #${number} qa-lead`,
      `remove-labels #${number} :reproduce`,
    ]);
    const lines = h.logs.filter((l) => l.msg === "write");
    expect(lines.map((l) => l.action).sort()).toEqual(["add-assignees", "add-labels", "react", "remove-assignees", "remove-labels"]);
    expect(lines.every((l) => l.level === 20 && l.delivery === counts.id && l.repo === REPO && l.issue === number && l.result === "ok")).toBe(true);
  });

  it("logs a transition that needs no write at debug only", async () => {
    const h = await createHarness();
    const number = seedBug(h, ["bug", "#g-mdm"], ["mdm-em"]);
    const counts = await h.act("issues.labeled", { actor: "maint", number, label: ":release" });
    expect(counts.writes).toBe(0);
    expect(h.logs.filter((l) => l.delivery === counts.id && Number(l.level) >= 30)).toEqual([]);
  });
});
