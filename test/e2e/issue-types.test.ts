//! Purpose: a bug by type (no `bug` label) through the real server: inbox → /reproduced → release → QA → released; retyping leaves the lifecycle once; /not-a-bug clears the type (docs/issue-types.md).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOT, createWorld, type World } from "./support/world.js";

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world?.stop());

const step = async (...args: Parameters<World["act"]>) => {
  const answer = await world.act(...args);
  expect(answer.status, `${args[0]}: ${answer.body}`).toBe(200);
  await world.settled();
};

describe("the built server with issue types", () => {
  it("walks a Bug-typed issue through every state without ever adding the bug label", async () => {
    const w = world;
    await step("issues.opened", { actor: "reporter", type: "Bug", title: "Typed crash", body: "Steps: …" });
    const number = 1;
    expect(w.issue(number).labels).toEqual([":reproduce"]);
    expect(w.issue(number).type).toBe("Bug");
    expect(w.issue(number).comments.map((c) => c.author)).toEqual([BOT]);

    await step("issue_comment.created", { actor: "qa-lead", number, body: "/reproduced #g-mdm" });
    expect(w.issue(number).labels).toEqual(["#g-mdm"]);
    expect(w.issue(number).assignees).toEqual(["mdm-em"]);

    await step("issue_comment.created", { actor: "mdm-em", number, body: "/release" });
    w.double.addMilestone("acme/app", { title: "5.0.0" });
    await step("issues.milestoned", { actor: "mdm-em", number, milestone: "5.0.0" });
    await step("issue_comment.created", { actor: "dev-1", number, body: "/fixed" });
    expect(w.issue(number).labels.sort()).toEqual(["#g-mdm", ":release", "~awaiting QA"]);
    await step("issue_comment.created", { actor: "qa-lead", number, body: "/qa-passed" });
    expect(w.issue(number).labels).toContain("~ready for release");

    await step("milestone.closed", { actor: "maint", milestone: "5.0.0" });
    const released = w.issue(number);
    expect(released.state).toBe("closed");
    expect(released.closedBy).toBe(BOT);
    expect(released.labels).not.toContain("bug");
    expect(released.type).toBe("Bug");
    expect(w.server.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });

  it("typing an issue Bug puts it in the inbox; retyping it Feature leaves the lifecycle once", async () => {
    const w = world;
    await step("issues.opened", { actor: "maint", title: "Plain at first" });
    const number = 2;
    expect(w.issue(number).labels).toEqual([]);

    await step("issues.typed", { actor: "qa-lead", number, type: "Bug" });
    expect(w.issue(number).labels).toEqual([":reproduce"]);

    const writesBefore = w.botAnswers.length;
    const commentsBefore = w.issue(number).comments.length;
    await step("issues.typed", { actor: "qa-lead", number, type: "Feature" });
    // Left the lifecycle: nothing written, and a command is now refused as "not a bug".
    expect(w.issue(number).labels).toEqual([":reproduce"]);
    expect(w.botAnswers.length).toBe(writesBefore);
    await step("issue_comment.created", { actor: "qa-lead", number, body: "/reproduced #g-mdm" });
    expect(w.issue(number).labels).toEqual([":reproduce"]);
    expect(w.issue(number).comments.slice(commentsBefore).map((c) => c.author)).toEqual(["qa-lead", BOT]);
    expect(w.issue(number).comments.at(-1)?.body).toContain("type `Bug`");
  });

  it("/not-a-bug on a bug by type clears the type and hands it to product", async () => {
    const w = world;
    await step("issues.opened", { actor: "reporter", type: "Bug", title: "Works as designed" });
    const number = 3;
    await step("issue_comment.created", { actor: "qa-lead", number, body: "/not-a-bug it is a feature" });
    expect(w.issue(number).type).toBeNull();
    expect(w.issue(number).labels).toEqual([":product"]);
    expect(w.server.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });
});
