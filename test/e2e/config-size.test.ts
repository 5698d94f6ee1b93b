//! Purpose: a 2 MB config in one repository beside a good one: no parse of it, one short reply there, and the good repository's command lands.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLEET_LABELS } from "../support/fleet.js";
import { WRITERS } from "../support/world.js";
import { createWorld, eventually, REPO, type World } from "./support/world.js";

const BIG = "bigcorp/monolith";
/** 2 MB in one mapping: the YAML parser's quadratic duplicate-key check took 10 s on it, and froze every installation. */
function hugeConfig(): string {
  const lines = ["people:"];
  for (let i = 0, size = 8; size < 2 * 1024 * 1024; i++) {
    const line = `  person-${i}: [qa-lead, mdm-em]`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join("\n")}\n`;
}

let world: World;
beforeAll(async () => {
  world = await createWorld();
  world.double.addInstallation({ id: 2, account: "bigcorp" });
  world.double.addRepo(BIG, { labels: [...FLEET_LABELS] });
  for (const login of WRITERS) world.double.addCollaborator(BIG, login, "write");
  world.double.setFile(BIG, ".github/bug-lifecycle.yml", hugeConfig());
});
afterAll(() => world?.stop());

describe("an oversized config file", () => {
  it("gets one short reply, and the repository beside it is served", async () => {
    const bug = { title: "Crash", author: "reporter", labels: ["bug", ":reproduce"], assignees: ["qa-lead"] };
    const big = world.double.addIssue(BIG, bug).number;
    const good = world.double.addIssue(REPO, bug).number;
    const command = (repo: string, number: number) => world.double.payload("issue_comment.created", { repo, actor: "qa-lead", number, body: "/reproduced #g-mdm" });
    // The big repository's command first: its config is read while the good one's is on its way.
    const answers = await Promise.all([world.server.send(command(BIG, big)), world.server.send(command(REPO, good))]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    await eventually(() => world.issue(good).labels.includes("#g-mdm"), "the good repository's command to land", 30_000);
    await world.settled();
    expect(world.issue(good).labels.sort()).toEqual(["#g-mdm", "bug"]);

    const replies = world.double.issue(BIG, big).comments.filter((c) => c.author === world.double.botLogin);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toMatch(/the file is 2049 KiB; a config file may be at most 64 KiB/);
    expect(replies[0]!.body.length).toBeLessThan(1_000);
    // Nothing else done there.
    expect(world.double.issue(BIG, big).labels.sort()).toEqual([":reproduce", "bug"]);
  }, 90_000);
});
