//! Purpose: `/undo` with `statusComment: false` (the default) through the real server process: the history is the issue's timeline, read from GitHub alone; it reverts, a second `/undo` undoes the one before, a person's later edit refuses it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLEET_CONFIG } from "../support/fleet.js";
import { BOT, createWorld, type World } from "./support/world.js";

const STATUS = "<!-- bug-lifecycle:status -->";
let world: World;
beforeAll(async () => {
  world = await createWorld({ config: FLEET_CONFIG });
});
afterAll(() => world?.stop());

describe("/undo with statusComment off on the built server", () => {
  it("/reproduced then /undo restores labels and assignees; refused after a person's later edit; no status comment", async () => {
    const w = world;
    const act = async (...args: Parameters<World["act"]>) => {
      expect((await w.act(...args)).status).toBe(200);
      await w.settled();
    };
    await act("issues.opened", { actor: "reporter", labels: ["bug"], title: "Enrollment crashes" });
    const number = 1;
    const inbox = w.issue(number);
    await act("issue_comment.created", { actor: "qa-lead", number, body: "/reproduced #g-mdm" });
    expect(w.issue(number).labels.sort()).toEqual(["#g-mdm", "bug"]);
    expect(w.issue(number).assignees).toEqual(["mdm-em"]);

    await act("issue_comment.created", { actor: "maint", number, body: "/undo" });
    expect(w.issue(number).labels.sort()).toEqual([...inbox.labels].sort());
    expect(w.issue(number).assignees).toEqual(inbox.assignees);
    // The undo's own writes are not a transition to undo next: a second /undo reaches the bot's intake
    // (the inbox's `:reproduce`), never re-applies /reproduced.
    await act("issue_comment.created", { actor: "maint", number, body: "/undo" });
    expect(w.issue(number).labels).toEqual(["bug"]);
    expect(w.issue(number).assignees).toEqual([]);

    await act("issue_comment.created", { actor: "qa-lead", number, body: "/reproduced #g-mdm" });
    // A person unassigns the EM the transition assigned (the bot answers nothing to that).
    w.double.payload("issues.unassigned", { repo: "acme/app", actor: "maint", number, assignee: "mdm-em" });
    const before = w.issue(number);
    await act("issue_comment.created", { actor: "maint", number, body: "/undo" });
    const after = w.issue(number);
    expect(after.labels).toEqual(before.labels);
    expect(after.assignees).toEqual([]);
    const reply = after.comments.at(-1)!;
    expect(reply.author).toBe(BOT);
    // The timeline names no rule: the transition is named by what it changed.
    expect(reply.body).toContain("Since the bot's last transition here (`+#g-mdm, assigned mdm-em` on ");
    expect(reply.body).toContain("@mdm-em was unassigned by someone else");
    expect(reply.body).toContain("nothing was undone");
    expect(after.comments.filter((c) => c.body.includes(STATUS))).toHaveLength(0);
  });
});
