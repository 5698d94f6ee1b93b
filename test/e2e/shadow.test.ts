//! Purpose: a rule in shadow through the real server process (docs/rules.md): the person's change happens, the rule's comment is only logged, in full, at the default level.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOT, CONFIG, createWorld, type World } from "./support/world.js";

let world: World;
beforeAll(async () => {
  world = await createWorld({ config: `${CONFIG}rules:\n  acknowledge: shadow\n` });
});
afterAll(() => world?.stop());

describe("the built server with `rules: { acknowledge: shadow }`", () => {
  it("a community bug is moved to the inbox, not thanked; the log says what the thanks would have said", async () => {
    const answer = await world.act("issues.opened", { actor: "reporter", labels: ["bug"], title: "Enrollment crashes" });
    expect(answer.status).toBe(200);
    await world.settled();
    const issue = world.issue(1);
    expect(issue.labels.sort()).toEqual([":reproduce", "bug"]);
    expect(issue.comments.filter((c) => c.author === BOT)).toEqual([]);
    const shadow = world.server.logs.filter((line) => String(line.msg).startsWith("shadow decision"));
    expect(shadow).toEqual([
      expect.objectContaining({ level: 30, rule: "acknowledge", issue: 1, repo: "acme/app", write: expect.stringMatching(/^comment "Thanks for the report, @reporter! QA will try to reproduce it/) }),
    ]);
    // `/help` is a command's answer, never shadowed.
    await world.act("issue_comment.created", { actor: "reporter", number: 1, body: "/help" });
    await world.settled();
    expect(world.issue(1).comments.filter((c) => c.author === BOT).map((c) => c.body)).toEqual([expect.stringContaining("- `/why`")]);
  });
});
