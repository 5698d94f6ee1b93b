//! Purpose: `/help` and "did you mean" through the app on the double (docs/rules.md): one reply, by who may run what; other `/words` stay ignored.
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/lifecycle/config.js";
import { createHarness, FLEET_CONFIG, seedBug, type Harness } from "../support/app-harness.js";

const BOT = "bug-lifecycle[bot]";
const replies = (h: Harness, number: number) => h.issue(number).comments.filter((c) => c.author === BOT).map((c) => c.body);

describe("/help", () => {
  it("a maintainer gets one reply listing every command, one line each, and where the docs are", async () => {
    const h = await createHarness({ config: FLEET_CONFIG });
    const bug = seedBug(h, ["bug", ":reproduce"]);
    await h.act("issue_comment.created", { actor: "qa-lead", number: bug, body: "/help" });
    const [reply, ...more] = replies(h, bug);
    expect(more).toEqual([]);
    for (const name of COMMANDS) expect(reply).toMatch(new RegExp(`^- \`/${name}[ \`]`, "m"));
    expect(reply?.split("\n").filter((line) => line.startsWith("- `/"))).toHaveLength(COMMANDS.length);
    expect(reply).toContain("docs/rules.md");
    expect(h.issue(bug).labels).toEqual(["bug", ":reproduce"]);
  });

  it("anyone else sees what they may run: the reporter, `/why` and `/reopen`", async () => {
    const h = await createHarness({ config: FLEET_CONFIG });
    const bug = seedBug(h, ["bug", ":reproduce"]);
    await h.act("issue_comment.created", { actor: "reporter", number: bug, body: "Thanks!\n/help" });
    const [reply] = replies(h, bug);
    expect(reply?.split("\n").filter((line) => line.startsWith("- `/")).map((line) => /^- `\/([\w-]+)/.exec(line)?.[1])).toEqual(["reopen", "why"]);
  });
});

describe("a near miss of a command", () => {
  it("from someone allowed to run the command: one reply “did you mean”, nothing else changes", async () => {
    const h = await createHarness({ config: FLEET_CONFIG });
    const bug = seedBug(h, ["bug", ":reproduce"]);
    await h.act("issue_comment.created", { actor: "qa-lead", number: bug, body: "/reproducd #g-mdm\n/Reproducedd" });
    expect(replies(h, bug)).toEqual([expect.stringContaining("`/reproducd` is not a command: did you mean `/reproduced`?")]);
    expect(replies(h, bug)[0]).toContain("`/reproducedd` is not a command: did you mean `/reproduced`?");
    expect(h.issue(bug).labels).toEqual(["bug", ":reproduce"]);
  });

  it("from someone who may not run it: ignored, nothing read or written beyond the permission", async () => {
    const h = await createHarness({ config: FLEET_CONFIG });
    const bug = seedBug(h, ["bug", ":reproduce"]);
    const counts = await h.act("issue_comment.created", { actor: "stranger", number: bug, body: "/reproducd" });
    expect(replies(h, bug)).toEqual([]);
    expect(counts.writes).toBe(0);
  });

  it.each(["/lgtm", "/assign @me", "/hold", "/retest", "/cc @qa-lead", "/help-me-please"])("another bot's %s stays ignored: nothing written", async (body) => {
    const h = await createHarness({ config: FLEET_CONFIG });
    const bug = seedBug(h, ["bug", ":reproduce"]);
    const counts = await h.act("issue_comment.created", { actor: "qa-lead", number: bug, body });
    expect(replies(h, bug)).toEqual([]);
    expect(counts.writes).toBe(0);
  });
});
