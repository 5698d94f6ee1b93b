//! Purpose: `bug-lifecycle adopt` as a lead runs it (built executable, argv and environment only) on a repository with history, against the double over HTTP.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RequestRecord } from "@bug-lifecycle/github-double";
import { afterEach, describe, expect, it, vi } from "vitest";
import { seedAdoption, type Seeded } from "../support/adopt-seed.js";
import { BIN, REPO, runBin, serveDouble, type Served } from "./support/cli.js";
import type { AdoptPreview } from "../../src/adopt/preview.js";

let served: Served | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

/** 55 bugs cycling through every kind (19 repairs) and 5 PRs: 60 open items. */
async function adoptionWorld(bugs = 55, pulls = 5): Promise<{ served: Served; seeded: Seeded; env: Record<string, string> }> {
  const s = await serveDouble();
  const seeded = seedAdoption(s.double, { bugs, pulls, now: new Date() });
  return { served: s, seeded, env: { ...s.host, ...s.app } };
}

/** Most writes in any window of `ms` (the double records each request's arrival). */
function mostIn(writes: readonly RequestRecord[], ms: number): number {
  const times = writes.map((w) => w.at).sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= ms) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe("bug-lifecycle adopt (the built CLI)", () => {
  it("the preview's JSON lists exactly the repairs, the first sweep's writes and what is left for a person; it writes nothing", async () => {
    const world = await adoptionWorld();
    served = world.served;
    const run = await runBin(["adopt", "--repo", REPO, "--format", "json"], world.env);
    expect(run.code, run.stderr).toBe(0);
    const preview = JSON.parse(run.stdout) as AdoptPreview;
    expect(served.double.writes()).toEqual([]);
    // 4 requests: one more since bugs by type (docs/issue-types.md), the (empty) REST listing of them.
    expect(run.stderr).toMatch(/^adopt: acme\/app: 55 open bugs, 3 community PRs: 19 repairs; the first sweep: inbox-sla 5, needs-info-reminder 4, six-week-rule 4, stale-pr-draft 3; 8 left for a person; 4 requests; [\d.]+ s\n$/m);

    // Every bug and the community PRs (the maintainers' own are not listed).
    expect(preview.items.map((e) => e.number)).toEqual([...world.seeded.kinds.keys(), ...world.seeded.stalePulls]);
    for (const [number, kind] of world.seeded.kinds) {
      const entry = preview.items.find((e) => e.number === number)!;
      expect({ kind: kind.kind, sweep: entry.sweep.map((d) => d.rule), attention: entry.attention.map((a) => a.reason), repair: entry.repair !== null }).toEqual({
        kind: kind.kind,
        sweep: kind.sweep,
        attention: kind.attention,
        repair: kind.repaired !== undefined,
      });
    }
    for (const number of world.seeded.stalePulls) {
      const entry = preview.items.find((e) => e.number === number)!;
      expect(entry.sweep.map((d) => [d.rule, d.writes.map((w) => w.type)])).toEqual([["stale-pr-draft", ["comment", "convert-to-draft"]]]);
    }
    // Exactly the writes: a repair's labels and owner; a timer's comment with its text and the clock behind it.
    const repaired = preview.items.find((e) => e.title.startsWith("awaiting QA without :release"))!;
    expect(repaired.repair!.writes).toEqual([
      { type: "add-labels", issue: repaired.number, labels: [":release"] },
      { type: "add-assignees", issue: repaired.number, logins: ["qa-lead"] },
    ]);
    const twoStates = preview.items.find((e) => e.title.startsWith("two state labels"))!;
    expect(twoStates.state).toBe("engineering");
    expect(twoStates.repair!.writes).toEqual([{ type: "remove-labels", issue: twoStates.number, labels: [":release"] }]);
    expect(twoStates.repair!.why).toBe("state labels :reproduce + :release: :reproduce was added last");
    const reminder = preview.items.find((e) => e.title.startsWith("needs info"))!.sweep[0]!;
    expect(reminder.writes).toEqual([expect.objectContaining({ type: "comment", key: expect.stringMatching(/^needs-info-reminder:/), body: expect.stringContaining("@reporter") })]);
    expect(reminder.why).toMatch(/^asked for details on \d{4}-/);
    const sixWeek = preview.items.find((e) => e.title.startsWith("reproduced 50 days"))!.sweep[0]!;
    expect(sixWeek.writes.map((w) => w.type)).toEqual(["add-labels", "add-assignees", "comment"]);
    expect(preview.totals).toMatchObject({ bugs: 55, pulls: 3, repairs: 19, sweep: { "inbox-sla": 5, "needs-info-reminder": 4, "six-week-rule": 4, "stale-pr-draft": 3 }, attention: { "no-state": 4, "no-owner": 4, "group-without-em": 4 } });

    // With a token, like sweep; the markdown a lead reads.
    served.double.addToken("ghp_lead", "maint");
    const md = await runBin(["adopt", "--repo", REPO], { ...served.host, GITHUB_TOKEN: "ghp_lead" });
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^## Adopting bug-lifecycle: acme\/app\n/);
    expect(md.stdout).toContain("### Repairs (19)");
    expect(md.stdout).toContain("### Left for a person (8)");
    expect(md.stdout).toContain("<details><summary>Every item (58)</summary>");
    expect(served.double.writes()).toEqual([]);
    const usage = await runBin(["adopt", "--format", "json"], world.env);
    expect([usage.code, usage.stderr]).toEqual([2, "adopt: --repo owner/name is required\n"]);
    const dry = await runBin(["adopt", "--repo", REPO, "--apply"], { ...world.env, DRY_RUN: "true" });
    expect([dry.code, dry.stderr]).toEqual([2, "adopt: --apply would write nothing: DRY_RUN is set; the preview (without --apply) shows what it would do\n"]);
    expect(served.double.writes()).toEqual([]);
  });

  it("a bug by type (no bug label) is listed, repaired by --apply like a labelled one, and keeps no bug label; a Feature is not listed", async () => {
    const world = await adoptionWorld(1, 0);
    served = world.served;
    const created = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const typed = served.double.addIssue(REPO, { title: "typed: reproduced, nobody assigned", author: "reporter", labels: ["#g-mdm"], type: "Bug", createdAt: created }).number;
    const feature = served.double.addIssue(REPO, { title: "typed Feature", author: "reporter", labels: ["#g-mdm"], type: "Feature", createdAt: created }).number;
    const run = await runBin(["adopt", "--repo", REPO, "--format", "json"], world.env);
    expect(run.code, run.stderr).toBe(0);
    const preview = JSON.parse(run.stdout) as AdoptPreview;
    const entry = preview.items.find((e) => e.number === typed);
    expect(entry).toMatchObject({ kind: "bug", state: "reproduced", attention: [] });
    expect(entry!.repair!.writes).toEqual([{ type: "add-assignees", issue: typed, logins: ["mdm-em"] }]);
    expect(preview.items.some((e) => e.number === feature)).toBe(false);
    expect(preview.totals.bugs).toBe(2);
    expect(served.double.writes()).toEqual([]);

    const apply = await runBin(["adopt", "--repo", REPO, "--apply"], world.env);
    expect(apply.code, apply.stderr).toBe(0);
    expect(served.double.issue(REPO, typed).assignees).toEqual(["mdm-em"]);
    expect(served.double.issue(REPO, typed).labels).toEqual(["#g-mdm"]);
    expect(served.double.issue(REPO, feature).assignees).toEqual([]);
  });

  it("--apply stopped half way and run again: every decided item repaired once, the rest untouched, no comment, within the content limits", async () => {
    const world = await adoptionWorld();
    served = world.served;
    const double = served.double;
    const before = new Map([...world.seeded.kinds.keys(), ...world.seeded.stalePulls, ...world.seeded.ownPulls].map((n) => [n, double.issue(REPO, n)]));

    // Killed (SIGKILL, no goodbye) once 6 repairs are written.
    const child = spawn(process.execPath, [BIN, "adopt", "--repo", REPO, "--apply"], { cwd: mkdtempSync(join(tmpdir(), "adopt-")), env: { PATH: process.env.PATH ?? "", ...world.env }, stdio: "ignore" });
    const exited = new Promise((done) => child.once("exit", done));
    await vi.waitFor(() => expect(double.writes().length).toBeGreaterThanOrEqual(6), { timeout: 60_000, interval: 50 });
    child.kill("SIGKILL");
    await exited;
    const first = double.writes().length;
    expect(first).toBeLessThan(19);

    const again = await runBin(["adopt", "--repo", REPO, "--apply"], world.env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`adopt --apply: acme/app: repaired ${19 - first} items in ${19 - first} writes`);
    expect(again.stderr).toMatch(/left for the first sweep: inbox-sla 5, needs-info-reminder 4, six-week-rule 4, stale-pr-draft 3\n/);

    // Nothing done twice: one write per repaired item over both runs.
    expect(double.writes()).toHaveLength(19);
    for (const [number, kind] of world.seeded.kinds) {
      const now = double.issue(REPO, number);
      const was = before.get(number)!;
      if (kind.repaired) expect({ kind: kind.kind, labels: [...now.labels].sort(), assignees: now.assignees }).toEqual({ kind: kind.kind, labels: [...kind.repaired.labels].sort(), assignees: kind.repaired.assignees });
      else expect({ kind: kind.kind, labels: now.labels, assignees: now.assignees }).toEqual({ kind: kind.kind, labels: was.labels, assignees: was.assignees });
      expect(now.comments).toEqual(was.comments);
      expect(now.state).toBe("open");
    }
    for (const number of [...world.seeded.stalePulls, ...world.seeded.ownPulls]) expect(double.issue(REPO, number)).toMatchObject({ draft: false, state: "open", comments: before.get(number)!.comments });
    // GitHub's content limits, counted on every write the double received.
    expect(mostIn(double.writes(), 60_000)).toBeLessThanOrEqual(80);
    expect(mostIn(double.writes(), 3_600_000)).toBeLessThanOrEqual(500);

    const third = await runBin(["adopt", "--repo", REPO, "--apply"], world.env);
    expect(third.code).toBe(0);
    expect(third.stderr).toContain("repaired 0 items in 0 writes");
    expect(double.writes()).toHaveLength(19);
  }, 180_000);

  it("--apply --comments: one note on each repaired item, once; --per-hour counts the bot's writes GitHub shows from the last hour", async () => {
    const world = await adoptionWorld(8, 0);
    served = world.served;
    const double = served.double;
    const repairs = [...world.seeded.kinds].filter(([, kind]) => kind.repaired).map(([number]) => number);
    expect(repairs).toHaveLength(4);
    // An hour's budget of 2: two items, then it waits (and is stopped there).
    const waited = async (perHour: string, writes: number, signal: NodeJS.Signals) => {
      const child = spawn(process.execPath, [BIN, "adopt", "--repo", REPO, "--apply", "--comments", "--per-hour", perHour], { cwd: mkdtempSync(join(tmpdir(), "adopt-")), env: { PATH: process.env.PATH ?? "", ...world.env }, stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
      const exited = new Promise<number | null>((done) => child.once("exit", done));
      await vi.waitFor(() => expect(stderr).toContain("waiting for GitHub's content limit until"), { timeout: 60_000, interval: 50 });
      child.kill(signal);
      const code = await exited;
      expect(double.writes()).toHaveLength(writes);
      return { code, stderr };
    };
    // Ctrl-C while it waits: it stops at once, says what it did and what it left (exit 130).
    const stopped = await waited("2", 2, "SIGINT");
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(/adopt --apply: acme\/app: repaired 2 items in 2 writes, [\d.]+ s\n {2}left, stopped: 2 \(run again to continue\)\n/);
    // A new run reads the two writes back from the items' timelines: with 3 an hour, one more.
    await waited("3", 3, "SIGKILL");
    const rest = await runBin(["adopt", "--repo", REPO, "--apply", "--comments"], world.env);
    expect(rest.code, rest.stderr).toBe(0);
    expect(double.writes()).toHaveLength(4);
    for (const number of repairs) {
      const notes = double.issue(REPO, number).comments.filter((c) => c.author === "bug-lifecycle[bot]");
      expect(notes.map((c) => c.body)).toEqual([expect.stringMatching(/^bug-lifecycle is being set up on this repository, and completed what the labels left half done: .+\.\n*(<!--.*-->)?/s)]);
    }
    for (const [number, kind] of world.seeded.kinds) if (!kind.repaired) expect(double.issue(REPO, number).comments.filter((c) => c.author === "bug-lifecycle[bot]")).toEqual([]);
  }, 180_000);
});
