//! Purpose: sensible without a config (docs/rules.md): the repository's `#g-*` labels are groups, a group nobody owns gets one reply saying whom to configure, no message shows a placeholder or a doubled word.
import { describe, expect, it } from "vitest";
import { createHarness, seedBug, type Harness } from "../support/app-harness.js";
import { createSweepHarness, REPO, reproducedBug } from "../sweep/sweep-harness.js";

const BOT = "bug-lifecycle[bot]";
const replies = (h: Harness, number: number) => h.issue(number).comments.filter((c) => c.author === BOT).map((c) => c.body);

describe("a repository without .github/bug-lifecycle.yml", () => {
  it("/reproduced #g-mdm (a label the repository has) moves the bug, and one reply says whom to configure", async () => {
    const h = await createHarness({ config: null });
    const bug = seedBug(h, ["bug", ":reproduce"]);
    await h.act("issue_comment.created", { actor: "qa-lead", number: bug, body: "/reproduced #g-mdm" });
    expect(h.issue(bug).labels.sort()).toEqual(["#g-mdm", "bug"]);
    expect(h.issue(bug).assignees).toEqual([]);
    expect(replies(h, bug)).toEqual([
      expect.stringContaining('Nobody is assigned: the engineering manager of `#g-mdm` is not configured. Name them in `.github/bug-lifecycle.yml`: `groups: { "#g-mdm": { em: <login> } }`.'),
    ]);
    // Written as the other spellings of a group are: `mdm` is `#g-mdm`.
    const other = seedBug(h, ["bug", ":reproduce"]);
    await h.act("issue_comment.created", { actor: "qa-lead", number: other, body: "/reproduced mdm" });
    expect(h.issue(other).labels.sort()).toEqual(["#g-mdm", "bug"]);
  });

  it("a group label the repository does not have is still unknown, and the reply lists the repository's groups", async () => {
    const h = await createHarness({ config: null });
    const bug = seedBug(h, ["bug", ":reproduce"]);
    await h.act("issue_comment.created", { actor: "qa-lead", number: bug, body: "/reproduced #g-nope" });
    expect(h.issue(bug).labels.sort()).toEqual([":reproduce", "bug"]);
    expect(replies(h, bug)).toEqual([expect.stringMatching(/^I don't know the group `#g-nope`\. Valid groups: `#g-mdm`, `#g-orchestration`\./)]);
  });

  it("/not-a-bug with no PM and no head of product: no placeholder, no doubled word", async () => {
    const h = await createHarness({ config: null });
    const bug = seedBug(h, ["bug", ":reproduce"]);
    await h.act("issue_comment.created", { actor: "qa-lead", number: bug, body: "/not-a-bug works as designed" });
    const [reply] = replies(h, bug);
    expect(reply).toContain("Moved to product to decide its priority.");
    expect(reply).not.toMatch(/\{\w+\}|\(\s*\)|\b(\w+) \(\1\)/);
  });

  it("the six-week rule with no PM: “goes back to product to prioritize it”, not “product (product)”", async () => {
    const h = createSweepHarness({ config: "" });
    const { number } = h.double.addIssue(REPO, reproducedBug(50));
    await h.sweep();
    const [comment] = h.double.issue(REPO, number).comments.filter((c) => c.author === BOT).map((c) => c.body);
    expect(comment).toContain("so it goes back to product to prioritize it");
    expect(comment).not.toMatch(/\{\w+\}|\(\s*\)|\b(\w+) \(\1\)/);
  });
});
