//! Purpose: the one-process server (no Redis) SIGKILLed mid-burst and restarted on the same JOURNAL_DIR: every command it answered 200 lands, once.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, eventually, REPO, type World } from "./support/world.js";

let world: World;
const journal = mkdtempSync(join(tmpdir(), "bug-lifecycle-journal-"));
beforeAll(async () => {
  // Probot's real pacing (writes ≥ 1 s apart per installation), as in production: the burst takes long
  // enough to be killed in the middle of it.
  world = await createWorld({ env: { JOURNAL_DIR: journal }, preloads: [] });
  // The bot's own echoes change nothing, and the server is down for a moment: they are not sent back.
  world.loopBack = false;
});
afterAll(async () => {
  await world?.stop();
  rmSync(journal, { recursive: true, force: true });
});

const landed = (number: number) => world.issue(number).labels.includes("#g-mdm");

describe("SIGKILL mid-burst, then a restart", () => {
  it("runs what was answered 200 and not finished again at start: all 20 commands land, none twice", async () => {
    const numbers = Array.from({ length: 20 }, () => world.double.addIssue(REPO, { title: "Crash", author: "reporter", labels: ["bug", ":reproduce"], assignees: ["qa-lead"] }).number);
    const commands = numbers.map((number) => world.double.payload("issue_comment.created", { repo: REPO, actor: "qa-lead", number, body: "/reproduced #g-mdm" }));
    const answers = await Promise.all(commands.map((d) => world.server.send(d)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));

    await eventually(() => numbers.filter(landed).length >= 3, "3 commands to land", 30_000);
    await world.crash();
    const beforeRestart = numbers.filter(landed).length;
    // Killed with most of the burst still queued (pacing lets about one land a second).
    expect(beforeRestart).toBeLessThan(20);

    await eventually(() => numbers.every(landed), "every command to land after the restart", 60_000);
    await world.settled();
    for (const number of numbers) {
      const issue = world.issue(number);
      expect(issue.labels.sort(), `#${number}`).toEqual(["#g-mdm", "bug"]);
      expect(issue.assignees, `#${number}`).toEqual(["mdm-em"]);
      // Once: one 👍 on the command, no comment of the bot's, though a delivery cut short runs again.
      expect(issue.comments.at(-1)?.reactions, `#${number}`).toHaveLength(1);
      expect(issue.comments.filter((c) => c.author === world.double.botLogin), `#${number}`).toEqual([]);
    }
    // What was not landed at the kill, and perhaps one whose write or whose file's removal the kill cut short.
    const replay = world.server.logs.find((line) => /^journal: \d+ accepted deliveries/.test(String(line.msg)));
    const replayed = Number(/^journal: (\d+)/.exec(String(replay?.msg))?.[1]);
    expect(replayed).toBeGreaterThanOrEqual(20 - beforeRestart);
    expect(replayed).toBeLessThanOrEqual(22 - beforeRestart);
    // Every file went with its finished work.
    expect(readdirSync(journal)).toEqual([]);
  }, 150_000);
});
