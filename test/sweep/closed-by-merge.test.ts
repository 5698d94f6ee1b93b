//! Purpose: the sweep repairs "Fixes #N" merged while the webhooks were missed: from the close's closer, once.
import { describe, expect, it } from "vitest";
import { ago, BOT, createSweepHarness, REPO } from "./sweep-harness.js";

function closedBug(h: ReturnType<typeof createSweepHarness>, days: number, closer?: number) {
  return h.double.addIssue(REPO, {
    author: "reporter",
    labels: ["bug", ":release", "#g-mdm"],
    assignees: ["mdm-em"],
    state: "closed",
    stateReason: "completed",
    createdAt: ago(days + 5),
    updatedAt: ago(days),
    closedAt: ago(days),
    closedBy: "maint",
    events: [{ kind: "closed", actor: "maint", createdAt: ago(days), stateReason: "completed", ...(closer && { closer: { repo: REPO, number: closer } }) }],
  }).number;
}

describe("sweep: bugs closed by a merged PR's closing keyword", () => {
  it("reopens them into awaiting QA with one comment, leaves a person's close and old closes alone, and is idempotent", async () => {
    const h = createSweepHarness();
    const pr = h.double.addPull(REPO, { author: "mdm-em", body: "Fixes #2", state: "closed", merged: true, createdAt: ago(3), closedAt: ago(1) }).number;
    const byMerge = closedBug(h, 1, pr);
    const byPerson = closedBug(h, 1);
    const longAgo = closedBug(h, 30, pr);

    const summary = await h.sweep();
    expect(summary.actions).toEqual({ "closed-by-merge": 1 });
    const issue = h.double.issue(REPO, byMerge);
    expect(issue.state).toBe("open");
    expect(issue.labels.sort()).toEqual([":release", "#g-mdm", "bug", "~awaiting QA"].sort());
    expect(issue.assignees.sort()).toEqual(["mdm-em", "qa-lead"]);
    const comments = issue.comments.filter((c) => c.author === BOT);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain(`/pull/${pr}`);
    expect(h.double.issue(REPO, byPerson).state).toBe("closed");
    expect(h.double.issue(REPO, longAgo).state).toBe("closed");
    // One write for the bug: reopen, labels, QA and the comment in one mutation.
    expect(h.requests().filter((r) => r.write)).toHaveLength(1);

    const again = await h.sweep();
    expect(again.actions).toEqual({});
    expect(h.requests().filter((r) => r.write)).toHaveLength(0);
  });

  it("off with pullRequests.reopenClosedByMerge: false", async () => {
    const h = createSweepHarness({ config: `people: { qa: [qa-lead] }\npullRequests: { reopenClosedByMerge: false }\n` });
    const pr = h.double.addPull(REPO, { author: "mdm-em", body: "Fixes #2", state: "closed", merged: true, closedAt: ago(1) }).number;
    const bug = closedBug(h, 1, pr);
    expect((await h.sweep()).actions).toEqual({});
    expect(h.double.issue(REPO, bug).state).toBe("closed");
  });
});
