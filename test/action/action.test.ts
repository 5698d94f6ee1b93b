//! Purpose: the built Action (dist/action.mjs) as a process with a runner's environment, against the GitHub double over HTTP.
import { afterEach, describe, expect, it } from "vitest";
import { REPO } from "../support/fleet.js";
import { ago, closeWorld, newBug, waitingForInfo, world } from "./support/world.js";

afterEach(closeWorld);

describe("the Action on webhook events", () => {
  it.each(["github-actions", "bug-lifecycle"] as const)("as %s[bot]: `/reproduced #g-mdm` labels, assigns and answers once", async (identity) => {
    const w = await world(identity);
    const { number } = w.double.addIssue(REPO, newBug(w.bot));
    const { payload } = w.double.payload("issue_comment.created", { repo: REPO, actor: "qa-lead", number, body: "/reproduced #g-mdm" });
    const run = await w.run("issue_comment", payload);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const issue = w.double.issue(REPO, number);
    expect(issue.labels).toContain("#g-mdm");
    expect(issue.labels).not.toContain(":reproduce");
    expect(issue.assignees).toEqual(["mdm-em"]);
    expect(issue.comments.find((c) => c.body === "/reproduced #g-mdm")?.reactions).toEqual([{ content: "+1", user: w.bot }]);
    expect(run.outputs.handled).toBe("delivery");
    expect(run.logs.filter((line) => Number(line.level) >= 50)).toEqual([]);

    // The same job re-run (a new attempt, e.g. after a failed write): the issue ends as it was, nothing is
    // posted twice. (The handlers plan from the payload's labels, so the re-run repeats the idempotent label
    // mutations in one request; a comment or reaction would show here if it were not recognised as the bot's.)
    const after = JSON.stringify(w.double.issue(REPO, number));
    const again = await w.run("issue_comment", payload, { env: { GITHUB_RUN_ATTEMPT: "2" } });
    expect(again.code).toBe(0);
    expect(JSON.stringify(w.double.issue(REPO, number))).toBe(after);
  });

  it("a hand label edit: a maintainer adds `~awaiting QA`, the bot assigns QA as on the server", async () => {
    const w = await world();
    const { number } = w.double.addIssue(REPO, {
      ...newBug(w.bot),
      labels: ["bug", "#g-mdm"],
      assignees: ["mdm-em"],
    });
    const { payload } = w.double.payload("issues.labeled", { repo: REPO, actor: "maint", number, label: "~awaiting QA" });
    const run = await w.run("issues", payload);
    expect(run.code, run.stdout).toBe(0);
    const issue = w.double.issue(REPO, number);
    expect(issue.labels).toContain("~awaiting QA");
    expect(issue.assignees).toContain("qa-lead");
  });

  it("pull_request_target: merging a PR that fixes a bug moves it to awaiting QA, from the payload alone", async () => {
    const w = await world();
    // `/release` was said: the fix is going into this release.
    const { number } = w.double.addIssue(REPO, { ...newBug(w.bot), labels: ["bug", "#g-mdm", ":release"], assignees: ["mdm-em"] });
    const pr = w.double.addPull(REPO, { title: "Fix profile install", author: "dev-1", body: `Root cause found.\n\nFor #${number}`, createdAt: ago(0.5) });
    const { payload } = w.double.payload("pull_request.closed", { repo: REPO, actor: "maint", number: pr.number, merged: true });
    const before = w.double.requests.length;
    const run = await w.run("pull_request_target", payload);
    expect(run.code, run.stdout).toBe(0);
    const issue = w.double.issue(REPO, number);
    expect(issue.labels).toContain("~awaiting QA");
    expect(issue.assignees.sort()).toEqual(["mdm-em", "qa-lead"]);
    // Never the PR's code: no contents, tree or archive of the PR's head is read.
    const reads = w.double.requests.slice(before).map((r) => r.path);
    expect(reads.filter((path) => /\/(tarball|zipball|git\/trees|git\/blobs)\b/.test(path))).toEqual([]);
    expect(reads.filter((path) => path.includes("/contents/") && !path.includes(".github/bug-lifecycle.yml") && !path.includes(".github%2Fbug-lifecycle.yml"))).toEqual([]);
  });

  it("an event it does not handle: exits 0 and says so in the log and the summary", async () => {
    const w = await world();
    const before = w.double.requests.length;
    // A star (`watch` started), in the shape GitHub sends it.
    const run = await w.run("watch", { action: "started", repository: { full_name: REPO, name: "app", owner: { login: "acme" } }, sender: { login: "stranger", type: "User" } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("does not handle the watch (started) event");
    expect(run.summary).toContain("does not handle the watch (started) event");
    expect(run.outputs.handled).toBe("ignored");
    expect(w.double.requests.length).toBe(before);
  });

  it("an invalid config: the job fails with the problems in the log and the summary; the issue is told", async () => {
    const w = await world("github-actions", "groups: { nope: 3 }\npeople: { qa: 7 }\n");
    const { number } = w.double.addIssue(REPO, newBug(w.bot));
    const { payload } = w.double.payload("issue_comment.created", { repo: REPO, actor: "qa-lead", number, body: "/reproduced #g-mdm" });
    const run = await w.run("issue_comment", payload);
    expect(run.code).toBe(1);
    expect(run.annotations.length).toBeGreaterThan(0);
    expect(run.annotations.join("\n")).toContain("invalid .github/bug-lifecycle.yml");
    expect(run.annotations.join("\n")).toMatch(/people\.qa|groups\.nope/);
    expect(run.summary).toContain("invalid .github/bug-lifecycle.yml");
    expect(run.summary).toMatch(/people\.qa|groups\.nope/);
    const issue = w.double.issue(REPO, number);
    expect(issue.labels).not.toContain("#g-mdm");
    expect(issue.comments.filter((c) => c.author === w.bot).map((c) => c.body).join("\n")).toContain("bug-lifecycle.yml");
  });

  it("settings a runner cannot give (a bad input): fails and names each problem", async () => {
    const w = await world();
    const run = await w.run("issues", {}, { inputs: { "dry-run": "yes", "log-level": "loud" } });
    expect(run.code).toBe(1);
    expect(run.summary).toContain('input dry-run must be true or false, got "yes"');
    expect(run.annotations.join("\n")).toContain("input log-level must be one of");
  });
});

describe("the Action on schedule and workflow_dispatch: the sweep", () => {
  it("schedule: fires the due needs-info reminder once, with the run in the job summary", async () => {
    const w = await world();
    const { number } = w.double.addIssue(REPO, waitingForInfo(w.bot));
    const run = await w.run("schedule", { schedule: "17 * * * *", repository: { full_name: REPO } });
    expect(run.code, run.stdout).toBe(0);
    const comments = w.double.issue(REPO, number).comments.filter((c) => c.author === w.bot);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain("@reporter");
    expect(run.summary).toContain("needs-info-reminder 1");
    expect(run.outputs.handled).toBe("sweep");

    // The next hour: the bot's reminder (github-actions[bot]'s marker) is its own, nothing is due.
    const again = await w.run("schedule", { schedule: "17 * * * *" });
    expect(again.summary).toContain("nothing due");
    expect(w.double.issue(REPO, number).comments.filter((c) => c.author === w.bot)).toHaveLength(1);
  });

  it.each(["github-actions", "bug-lifecycle"] as const)("as %s[bot]: a schedule run after a cancelled issue_comment run handles the command, once", async (identity) => {
    const w = await world(identity);
    // QA commented 20 minutes ago; GitHub cancelled the pending run of that comment (a newer event on the issue
    // joined its concurrency group), so no run for it happened: no 👍, no labels.
    const { number } = w.double.addIssue(REPO, { ...newBug(w.bot), comments: [{ author: "qa-lead", body: "/reproduced #g-mdm", createdAt: ago(20 / 1440) }] });
    const run = await w.run("schedule", { schedule: "17 * * * *" });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const issue = w.double.issue(REPO, number);
    expect(issue.labels.sort()).toEqual(["#g-mdm", "bug"]);
    expect(issue.assignees).toEqual(["mdm-em"]);
    expect(issue.comments[0]!.reactions).toEqual([{ content: "+1", user: w.bot }]);
    expect(run.summary).toContain("unanswered-command 1");

    // The next hour: the 👍 (under this identity) answers it; nothing is run again.
    const before = w.double.requests.length;
    const again = await w.run("schedule", { schedule: "17 * * * *" });
    expect(again.summary).toContain("nothing due");
    expect(w.writesSince(before)).toEqual([]);
  });

  it("workflow_dispatch with dry-run: decides, writes nothing, and says so; report: true adds the report", async () => {
    const w = await world();
    const { number } = w.double.addIssue(REPO, waitingForInfo(w.bot));
    const before = w.double.requests.length;
    const run = await w.run("workflow_dispatch", { inputs: { "dry-run": "true" }, ref: "refs/heads/main" }, { inputs: { "dry-run": "true", report: "true" } });
    expect(run.code, run.stdout).toBe(0);
    expect(w.writesSince(before)).toEqual([]);
    expect(w.double.issue(REPO, number).comments).toHaveLength(1);
    expect(run.summary).toContain("(dry run: nothing written)");
    expect(run.summary).toContain("needs-info-reminder 1");
    expect(run.summary).toMatch(/^#+ .*report/im);
  });
});

// docs/issue-types.md: a bug filed with the `Bug` type and no `bug` label, through the built Action, one job per event.
describe("the Action with issue types", () => {
  it("walks a Bug-typed issue from opened to released, never adding the bug label; retyping another to Feature writes nothing", async () => {
    const w = await world("bug-lifecycle");
    const step = async (name: Parameters<typeof w.double.payload>[0], action: Omit<Parameters<typeof w.double.payload>[1], "repo">) => {
      const { payload } = w.double.payload(name, { repo: REPO, ...action });
      const run = await w.run(name.split(".")[0]!, payload);
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.logs.filter((line) => Number(line.level) >= 50)).toEqual([]);
      return run;
    };
    const opened = await step("issues.opened", { actor: "reporter", title: "Typed crash", type: "Bug" });
    expect(opened.outputs.handled).toBe("delivery");
    const number = 1;
    expect(w.double.issue(REPO, number).labels).toEqual([":reproduce"]);
    await step("issue_comment.created", { actor: "qa-lead", number, body: "/reproduced #g-mdm" });
    expect(w.double.issue(REPO, number).labels).toEqual(["#g-mdm"]);
    await step("issue_comment.created", { actor: "mdm-em", number, body: "/release" });
    w.double.addMilestone(REPO, { title: "5.1.0" });
    await step("issues.milestoned", { actor: "mdm-em", number, milestone: "5.1.0" });
    await step("issue_comment.created", { actor: "mdm-em", number, body: "/fixed" });
    await step("issue_comment.created", { actor: "qa-lead", number, body: "/qa-passed" });
    expect(w.double.issue(REPO, number).labels.sort()).toEqual(["#g-mdm", ":release", "~ready for release"]);
    await step("milestone.closed", { actor: "maint", milestone: "5.1.0" });
    const released = w.double.issue(REPO, number);
    expect(released.state).toBe("closed");
    expect(released.closedBy).toBe(w.bot);
    expect(released.labels).not.toContain("bug");

    const other = w.double.addIssue(REPO, { title: "Not a bug after all", author: "reporter", labels: [":reproduce"], type: "Bug", createdAt: ago(1) }).number;
    const before = w.double.requests.length;
    await step("issues.typed", { actor: "qa-lead", number: other, type: "Feature" });
    expect(w.writesSince(before)).toEqual([]);
  });
});
