//! Purpose: the status comment and `/undo` through the app against the GitHub double: one comment kept current, folded history, one write per transition.
import { describe, expect, it } from "vitest";
import { createHarness, FLEET_CONFIG, seedBug } from "../support/app-harness.js";
import { ago, BOT, CONFIG, createSweepHarness, needsInfoBug, REPO, reproducedBug, waitingPull, type SweepHarness } from "../sweep/sweep-harness.js";

const STATUS = "<!-- bug-lifecycle:status -->";
const ON = `${FLEET_CONFIG}\nstatusComment: true\n`;

describe("status comment", () => {
  it("/reproduced creates it in the same write; /undo reverts and records the undo", async () => {
    const h = await createHarness({ config: ON });
    const number = seedBug(h, ["bug", ":reproduce"], ["qa-lead"]);
    const first = await h.act("issue_comment.created", { actor: "qa-lead", number, body: "/reproduced #g-mdm" });
    expect(first.writes).toBe(1);
    let statuses = h.issue(number).comments.filter((c) => c.body.includes(STATUS));
    expect(statuses).toHaveLength(1);
    const undo = await h.act("issue_comment.created", { actor: "maint", number, body: "/undo" });
    expect(undo.writes).toBe(1);
    const issue = h.issue(number);
    expect(issue.labels.sort()).toEqual([":reproduce", "bug"]);
    expect(issue.assignees).toEqual(["qa-lead"]);
    statuses = issue.comments.filter((c) => c.body.includes(STATUS));
    expect(statuses).toHaveLength(1);
  });
});

const SWEPT = `${CONFIG}\nstatusComment: true\n`;

/** A person's comment as GitHub delivers it to the sweep harness's runtime (the server's one handler). */
async function comment(h: SweepHarness, number: number, body: string, actor = "maint"): Promise<void> {
  await h.runtime.handle(h.double.payload("issue_comment.created", { repo: REPO, actor, number, body }));
}

const statuses = (h: SweepHarness, number: number) => h.double.issue(REPO, number).comments.filter((c) => c.body.includes(STATUS));

describe("/undo of the sweep's timers", () => {
  it("after a six-week move: back to reproduced with the EM; the move's comment (it mentions the PM) stays", async () => {
    const h = createSweepHarness({ config: SWEPT });
    const { number } = h.double.addIssue(REPO, reproducedBug(43));
    expect((await h.sweep()).actions).toEqual({ "six-week-rule": 1 });
    expect(h.double.issue(REPO, number).labels).toContain(":product");
    expect(statuses(h, number)).toHaveLength(1);
    await comment(h, number, "/undo");
    const issue = h.double.issue(REPO, number);
    expect(issue.labels.sort()).toEqual(["#g-mdm", "bug"]);
    expect(issue.assignees).toEqual(["mdm-em"]);
    expect(issue.comments.filter((c) => c.body.includes("Six-week rule"))).toHaveLength(1);
    expect(statuses(h, number)).toHaveLength(1);
    expect(statuses(h, number)[0]?.body).toContain("(undone)");
  });

  it("after a stale PR's draft: ready for review again", async () => {
    const h = createSweepHarness({ config: SWEPT });
    const { number } = h.double.addPull(REPO, waitingPull(8));
    expect((await h.sweep()).actions).toEqual({ "stale-pr-draft": 1 });
    expect(h.double.issue(REPO, number).draft).toBe(true);
    await comment(h, number, "/undo");
    expect(h.double.issue(REPO, number).draft).toBe(false);
    expect(statuses(h, number)).toHaveLength(1);
  });

  it("after a close (no answer to /needs-info): reopened with its labels", async () => {
    const h = createSweepHarness({ config: SWEPT });
    const asked = new Date(ago(29)).toISOString();
    const reminded = { author: BOT, body: `Reminder\n\n<!-- bug-lifecycle:needs-info-reminder:${asked} -->`, createdAt: ago(15) };
    const { number } = h.double.addIssue(REPO, needsInfoBug(29, { comments: [reminded] }));
    expect((await h.sweep()).actions).toEqual({ "needs-info-close": 1 });
    expect(h.double.issue(REPO, number).state).toBe("closed");
    await comment(h, number, "/undo");
    const issue = h.double.issue(REPO, number);
    expect(issue.state).toBe("open");
    expect(issue.labels.sort()).toEqual([":reproduce", "bug", "~needs info"]);
  });
});

describe("the sweep repairs the status comment", () => {
  /** A person's act on GitHub the double has no endpoint for: the comment is gone. */
  function deleteStatus(h: SweepHarness, number: number): void {
    const store = h.double.store;
    const issue = store.issue(store.repo(REPO), number);
    issue.comments.splice(issue.comments.findIndex((c) => c.body.includes(STATUS)), 1);
  }

  it("deleted: recreated once, and the next sweeps write nothing", async () => {
    const h = createSweepHarness({ config: SWEPT });
    const { number } = h.double.addIssue(REPO, reproducedBug(43));
    await h.sweep();
    deleteStatus(h, number);
    expect(statuses(h, number)).toHaveLength(0);
    expect((await h.sweep()).actions).toEqual({ "status-repair": 1 });
    expect(statuses(h, number)).toHaveLength(1);
    expect(statuses(h, number)[0]?.body).toContain("**State:** `drafting`");
    expect((await h.sweep()).writes).toBe(0);
    expect(statuses(h, number)).toHaveLength(1);
  });

  it("its record edited away: rewritten in place, no second comment", async () => {
    const h = createSweepHarness({ config: SWEPT });
    const { number } = h.double.addIssue(REPO, reproducedBug(43));
    await h.sweep();
    const status = statuses(h, number)[0]!;
    h.double.payload("issue_comment.edited", { repo: REPO, actor: "maint", number, commentId: status.id, body: `I tidied this up\n\n${STATUS}` });
    expect((await h.sweep()).actions).toEqual({ "status-repair": 1 });
    const after = statuses(h, number);
    expect(after).toHaveLength(1);
    expect(after[0]?.id).toBe(status.id);
    expect(after[0]?.body).toContain("<!-- bug-lifecycle-history");
    expect((await h.sweep()).writes).toBe(0);
  });

  it("statusComment off: nothing to repair, ever", async () => {
    const h = createSweepHarness();
    h.double.addIssue(REPO, reproducedBug(10));
    expect((await h.sweep()).actions).toEqual({});
  });
});

describe("dry run", () => {
  it("the repository's dryRun: /undo decides and logs, writes nothing, and the status comment is not touched", async () => {
    const h = await createHarness({ config: ON });
    const number = seedBug(h, ["bug", ":reproduce"], ["qa-lead"]);
    await h.act("issue_comment.created", { actor: "qa-lead", number, body: "/reproduced #g-mdm" });
    const status = h.issue(number).comments.find((c) => c.body.includes(STATUS))!;
    h.double.setFile(REPO, ".github/bug-lifecycle.yml", `${ON}\ndryRun: true\n`);
    h.runtime.caches.config.clear();
    const undo = await h.act("issue_comment.created", { actor: "maint", number, body: "/undo" });
    expect(undo.writes).toBe(0);
    expect(h.issue(number).labels.sort()).toEqual(["#g-mdm", "bug"]);
    expect(h.issue(number).comments.find((c) => c.body.includes(STATUS))?.body).toBe(status.body);
    expect(h.logs.some((l) => l.msg === "transition" && String(l["rule"]).startsWith("/undo: reverted"))).toBe(true);
  });
});

describe("the sweep repairs a person's edit of the history", () => {
  it("the folded history rewritten by hand: put back in place, the record kept; then nothing", async () => {
    const h = createSweepHarness({ config: SWEPT });
    const { number } = h.double.addIssue(REPO, reproducedBug(43));
    await h.sweep();
    const status = statuses(h, number)[0]!;
    const edited = status.body.replace(/<details>[\s\S]*<\/details>/, "<details><summary>History</summary>\n\nnothing to see\n</details>");
    expect(edited).not.toBe(status.body);
    h.double.payload("issue_comment.edited", { repo: REPO, actor: "maint", number, commentId: status.id, body: edited });
    expect((await h.sweep()).actions).toEqual({ "status-repair": 1 });
    const after = statuses(h, number)[0]!;
    expect(after.id).toBe(status.id);
    expect(after.body).toContain("`six-week-rule`");
    expect((await h.sweep()).writes).toBe(0);
  });
});
