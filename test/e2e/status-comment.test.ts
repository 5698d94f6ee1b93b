//! Purpose: the status comment and `/undo` through the real server process: a bug's whole life keeps one status comment (plus the comments that mention someone), its text is `/why`'s, each transition is one write; `/undo` reverts and refuses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLEET_CONFIG } from "../support/fleet.js";
import { BOT, createWorld, type World } from "./support/world.js";

const STATUS = "<!-- bug-lifecycle:status -->";
let world: World;
beforeAll(async () => {
  world = await createWorld({ config: `${FLEET_CONFIG}\nstatusComment: true\n` });
});
afterAll(() => world?.stop());

/** The status comment's `/why` part: between its title and the folded history. */
function statusHead(body: string): string {
  return body.split("\n\n<details>")[0]!.split("\n\n<!--")[0]!.replace(/^\*\*Status\*\* \(kept current by the bot\)\n\n/, "").trim();
}
const whyText = (body: string) => body.replace(/\n\n<!-- bug-lifecycle:[^>]+ -->$/, "").trim();
const lines = (text: string, ...prefixes: string[]) => text.split("\n").filter((line) => prefixes.some((p) => line.startsWith(p)));

describe("statusComment: true on the built server", () => {
  it("a bug's whole life: one status comment plus only comments that mention someone, `/why`'s text, one write per transition", async () => {
    const w = world;
    const writesPer: Record<string, number> = {};
    const step = async (name: string, ...args: Parameters<World["act"]>) => {
      const start = w.double.requests.length;
      const answer = await w.act(...args);
      expect(answer.status, `${args[0]}: ${answer.body}`).toBe(200);
      await w.settled();
      writesPer[name] = w.double.requests.slice(start).filter((r) => r.write && !r.path.endsWith("/access_tokens")).length;
    };
    const statuses = () => w.issue(1).comments.filter((c) => c.author === BOT && c.body.includes(STATUS));

    await step("opened", "issues.opened", { actor: "reporter", labels: ["bug"], title: "Enrollment crashes", body: "Steps: …" });
    const number = 1;
    expect(statuses()).toHaveLength(1);
    await step("/reproduced", "issue_comment.created", { actor: "qa-lead", number, body: "/reproduced #g-mdm" });
    await step("/why", "issue_comment.created", { actor: "maint", number, body: "/why" });
    // Mid-life, the timer's minute may differ from the timeline's clock by the seconds between the two.
    const why = whyText(w.issue(number).comments.filter((c) => c.author === BOT && c.body.includes("bug-lifecycle:why:")).at(-1)!.body);
    const head = statusHead(statuses()[0]!.body);
    expect(lines(head, "**State:**", "**Rule:**", "**Undo:**")).toEqual(lines(why, "**State:**", "**Rule:**", "**Undo:**"));
    expect(lines(head, "**Undo:**")[0]).toContain("`/undo` reverts the last transition");

    await step("/release", "issue_comment.created", { actor: "mdm-em", number, body: "/release" });
    w.double.addMilestone("acme/app", { title: "4.60.0" });
    await step("milestoned", "issues.milestoned", { actor: "mdm-em", number, milestone: "4.60.0" });
    await step("merge", "pull_request.opened", { actor: "dev-1", title: "Fix enrollment crash", body: `Root cause found.\n\nFor #${number}` });
    await step("merged", "pull_request.closed", { actor: "maint", number: 2, merged: true });
    expect(w.issue(number).labels).toContain("~awaiting QA");
    await step("/qa-passed", "issue_comment.created", { actor: "qa-lead", number, body: "/qa-passed" });
    await step("released", "milestone.closed", { actor: "maint", milestone: "4.60.0" });
    expect(w.issue(number).state).toBe("closed");
    await step("/why closed", "issue_comment.created", { actor: "maint", number, body: "/why" });

    const bot = w.issue(number).comments.filter((c) => c.author === BOT);
    expect(statuses()).toHaveLength(1);
    // Every other comment of the bot asks someone to act: it mentions them. "Released in 4.60.0" went into the status.
    const others = bot.filter((c) => !c.body.includes(STATUS) && !c.body.includes("bug-lifecycle:why:"));
    expect(others.length).toBeGreaterThan(0);
    for (const c of others) expect(c.body).toMatch(/@[a-z]/);
    const status = statuses()[0]!.body;
    expect(status).toContain("Released in 4.60.0");
    expect(status).toContain("<!-- bug-lifecycle:released:");
    // Closed: no timer, so the whole text is `/why`'s.
    const lastWhy = whyText(bot.filter((c) => c.body.includes("bug-lifecycle:why:")).at(-1)!.body);
    expect(statusHead(status)).toBe(lastWhy);
    // Each transition is still one write: the status comment rides in its mutation document.
    for (const name of ["opened", "/reproduced", "/release", "merged", "/qa-passed", "released"]) expect(writesPer[name], name).toBe(1);
    expect(w.server.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });

  it("/undo after /reproduced restores the inbox; refused after a person's later edit, with one reply saying what changed", async () => {
    const w = world;
    const act = async (...args: Parameters<World["act"]>) => {
      expect((await w.act(...args)).status).toBe(200);
      await w.settled();
    };
    await act("issues.opened", { actor: "reporter", labels: ["bug"], title: "Another" });
    const number = w.double.issue("acme/app", 3) ? 3 : 2;
    await act("issue_comment.created", { actor: "qa-lead", number, body: "/reproduced #g-mdm" });
    expect(w.issue(number).labels.sort()).toEqual(["#g-mdm", "bug"]);
    await act("issue_comment.created", { actor: "maint", number, body: "/undo" });
    expect(w.issue(number).labels.sort()).toEqual([":reproduce", "bug"]);
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
    expect(reply.body).toContain("@mdm-em was unassigned");
    expect(reply.body).toContain("nothing was undone");
    expect(after.comments.filter((c) => c.body.includes(STATUS))).toHaveLength(1);
  });
});
