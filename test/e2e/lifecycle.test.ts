//! Purpose: a bug's whole life through the real server process: opened → reproduced → release → merged fix → QA → released.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOT, createWorld, type World } from "./support/world.js";

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world?.stop());

describe("the built server, from opening to release", () => {
  it("walks a community bug through every state and closes it as released", async () => {
    const w = world;
    const step = async (...args: Parameters<World["act"]>) => {
      const answer = await w.act(...args);
      expect(answer.status, `${args[0]}: ${answer.body}`).toBe(200);
      // The bot's writes cause webhooks that GitHub sends back to it: those must be answered and ignored.
      await w.settled();
    };

    await step("issues.opened", { actor: "reporter", labels: ["bug"], title: "Enrollment crashes", body: "Steps: …" });
    const number = 1;
    expect(w.issue(number).labels.sort()).toEqual([":reproduce", "bug"]);
    expect(w.issue(number).comments.map((c) => c.author)).toEqual([BOT]);

    await step("issue_comment.created", { actor: "qa-lead", number, body: "/reproduced #g-mdm" });
    expect(w.issue(number).labels.sort()).toEqual(["#g-mdm", "bug"]);
    expect(w.issue(number).assignees).toEqual(["mdm-em"]);

    await step("issue_comment.created", { actor: "mdm-em", number, body: "/release" });
    expect(w.issue(number).labels).toContain(":release");

    w.double.addMilestone("acme/app", { title: "4.60.0" });
    await step("issues.milestoned", { actor: "mdm-em", number, milestone: "4.60.0" });

    await step("pull_request.opened", { actor: "dev-1", title: "Fix enrollment crash", body: `Root cause found.\n\nFor #${number}` });
    const pr = 2;
    await step("pull_request.closed", { actor: "maint", number: pr, merged: true });
    expect(w.issue(number).labels).toContain("~awaiting QA");
    expect(w.issue(number).assignees.sort()).toEqual(["mdm-em", "qa-lead"]);
    expect(w.issue(number).comments.at(-1)?.body).toContain(`/pull/${pr}`);

    await step("issue_comment.created", { actor: "qa-lead", number, body: "/qa-passed" });
    expect(w.issue(number).labels).toContain("~ready for release");
    expect(w.issue(number).labels).not.toContain("~awaiting QA");

    await step("milestone.closed", { actor: "maint", milestone: "4.60.0" });
    const released = w.issue(number);
    expect(released.state).toBe("closed");
    expect(released.stateReason).toBe("completed");
    expect(released.closedBy).toBe(BOT);
    expect(released.comments.at(-1)?.author).toBe(BOT);
    expect(released.comments.at(-1)?.body).toContain("4.60.0");

    // Every command got its 👍, every bot webhook was answered, nothing failed in the server.
    for (const comment of released.comments.filter((c) => c.body.startsWith("/"))) {
      expect(comment.reactions).toEqual([{ content: "+1", user: BOT }]);
    }
    expect(w.botAnswers.length).toBeGreaterThan(0);
    expect(w.botAnswers.every((a) => a.status === 200)).toBe(true);
    expect(w.server.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
    expect(w.server.alive()).toBe(true);
  });
});
