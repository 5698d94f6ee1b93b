//! Purpose: every reply fits GitHub's limit (65,536 characters, refused whole beyond it): long lists end "… and N more", and a refused write is logged with GitHub's message and the reply.
import { describe, expect, it } from "vitest";
import { createHarness, FLEET_CONFIG, REPO, seedBug } from "../support/app-harness.js";

const BOT = "bug-lifecycle[bot]";
const LIMIT = 65_536;

describe("replies GitHub would refuse", () => {
  it("a reply listing every problem of a huge invalid config is cut with “and N more”, and posted", async () => {
    // 1,500 groups whose EM is not a login: 1,500 problems (about 100,000 characters listed in full) in a file
    // under the 64 KiB config limit (a larger file gets its one-line size reply: test/e2e/config-size.test.ts).
    const groups = Array.from({ length: 1_500 }, (_, i) => `  "#g-t${i}": { em: "x y${i}" }`).join("\n");
    const h = await createHarness({ config: `${FLEET_CONFIG.replace(/groups:[\s\S]*$/, "")}groups:\n${groups}\n` });
    const bug = seedBug(h, ["bug", ":reproduce"]);
    await h.act("issue_comment.created", { actor: "qa-lead", number: bug, body: "/reproduced #g-mdm" });
    const replies = h.issue(bug).comments.filter((c) => c.author === BOT);
    expect(replies).toHaveLength(1);
    const body = replies[0]!.body;
    expect(body.length).toBeLessThanOrEqual(LIMIT);
    expect(body).toContain("is invalid");
    expect(body).toMatch(/\n- … and \d+ more /);
    expect(body).toContain("Fix the file and try again.");
    expect(h.logs.filter((line) => line.msg === "write failed")).toEqual([]);
  });

  it("a reply refusing 9,000 command lines is cut with “and N more”, and posted once", async () => {
    const h = await createHarness({ config: FLEET_CONFIG });
    const bug = seedBug(h, ["bug", ":reproduce"]);
    // `/fixed` is QA's and maintainers': a reporter's 9,000 lines are 9,000 refusals (about 500,000 characters).
    await h.act("issue_comment.created", { actor: "reporter", number: bug, body: Array.from({ length: 9_000 }, () => "/fixed").join("\n") });
    const replies = h.issue(bug).comments.filter((c) => c.author === BOT);
    expect(replies).toHaveLength(1);
    const body = replies[0]!.body;
    expect(body.length).toBeLessThanOrEqual(LIMIT);
    expect(body).toContain("`/fixed` can only be used by");
    expect(body).toMatch(/\n\n… and \d+ more\n/);
    const shown = body.split("`/fixed` can only be used by").length - 1;
    expect(body).toContain(`… and ${9_000 - shown} more`);
  });

  it("a write GitHub refuses is logged as an error with GitHub's message and the reply it carried", async () => {
    const h = await createHarness({ config: FLEET_CONFIG });
    const bug = seedBug(h, ["bug", ":reproduce"]);
    h.double.fault({ graphqlField: "addComment", status: 422, body: { message: "Body is too long (maximum is 65536 characters)" } });
    await h.act("issue_comment.created", { actor: "reporter", number: bug, body: "/fixed" }).catch(() => undefined);
    expect(h.issue(bug).comments.filter((c) => c.author === BOT)).toEqual([]);
    const failed = h.logs.filter((line) => line.msg === "write failed" && line.action === "comment");
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ level: 50, issue: bug, error: expect.stringContaining("Body is too long (maximum is 65536 characters)"), text: expect.stringContaining("`/fixed` can only be used by") });
  });
});
