//! Purpose: the handbook's paths as a team walks them, through the built server: commands with prose, edited commands.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOT, createWorld, type World } from "./support/world.js";

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world?.stop());

async function step(...args: Parameters<World["act"]>): Promise<void> {
  const answer = await world.act(...args);
  expect(answer.status, `${args[0]}: ${answer.body}`).toBe(200);
  await world.settled();
}

describe("commands as people write them", () => {
  it("prose after a command, and a typo fixed by editing the comment", async () => {
    const w = world;
    await step("issues.opened", { actor: "reporter", labels: ["bug"], title: "Profiles vanish", body: "Steps: …" });
    const number = 1;

    await step("issue_comment.created", { actor: "qa-lead", number, body: "/reproducd #g-orchestration" });
    // The typo gets one "did you mean" reply (docs/rules.md); the person then fixes their own comment.
    const comment = w.issue(number).comments.find((c) => c.author === "qa-lead");
    expect(w.issue(number).labels.sort()).toEqual([":reproduce", "bug"]);
    expect(w.issue(number).comments.at(-1)?.body).toContain("`/reproducd` is not a command: did you mean `/reproduced`?");
    await step("issue_comment.edited", { actor: "qa-lead", commentId: comment?.id ?? 0, body: "/reproduced #g-orchestration" });
    expect(w.issue(number).labels.sort()).toEqual(["#g-orchestration", "bug"]);
    expect(w.issue(number).assignees).toEqual(["orch-em"]);
    // Editing again (prose added) runs nothing twice.
    await step("issue_comment.edited", { actor: "qa-lead", commentId: comment?.id ?? 0, body: "/reproduced #g-orchestration\nSeen on 4.58." });
    expect(w.issue(number).comments.filter((c) => c.author === BOT)).toHaveLength(2); // the acknowledgement, "did you mean"

    await step("issue_comment.created", { actor: "orch-em", number, body: "/product Can product confirm this is the intended behaviour?" });
    expect(w.issue(number).labels.sort()).toEqual(["#g-orchestration", ":product", "bug"]);
    expect(w.issue(number).assignees).toContain("orch-pm");
    expect(w.issue(number).comments.filter((c) => c.author === BOT)).toHaveLength(2);

    await step("issue_comment.created", { actor: "orch-pm", number, body: "/engineering mdm, it is the agent's profile handling" });
    expect(w.issue(number).labels.sort()).toEqual(["#g-mdm", "bug"]);
    expect(w.issue(number).assignees).toContain("mdm-em");
    expect(w.server.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });

  it("\"Fixes #N\" merged anyway: GitHub closes the bug, the bot reopens it into awaiting QA with one comment", async () => {
    const w = world;
    w.double.addIssue("acme/app", { author: "reporter", title: "Agent crashes", labels: ["bug", ":release", "#g-mdm"], assignees: ["dev-1"] });
    const bug = 2;
    await step("pull_request.opened", { actor: "dev-1", title: "Fix the agent crash", body: `Fixes #${bug}` });
    const pr = 3;
    await step("pull_request.closed", { actor: "maint", number: pr, merged: true });
    const issue = w.issue(bug);
    expect(issue.state).toBe("open");
    expect(issue.labels.sort()).toEqual([":release", "#g-mdm", "bug", "~awaiting QA"].sort());
    expect(issue.assignees.sort()).toEqual(["dev-1", "qa-lead"]);
    const comments = issue.comments.filter((c) => c.author === BOT);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain(`/pull/${pr}`);
    expect(w.botAnswers.every((a) => a.status === 200)).toBe(true);
    expect(w.server.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });
});
