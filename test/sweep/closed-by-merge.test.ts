//! Purpose: the sweep repairs "Fixes #N" merged while the webhooks were missed: from the close's closer, once.
import { describe, expect, it } from "vitest";
import { ago, BOT, createSweepHarness, REPO } from "./sweep-harness.js";

function closedBug(h: ReturnType<typeof createSweepHarness>, days: number, closer?: number, type?: string) {
  return h.double.addIssue(REPO, {
    author: "reporter",
    labels: type ? [":release", "#g-mdm"] : ["bug", ":release", "#g-mdm"],
    ...(type && { type }),
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

  it("a bug by type (no bug label) is reopened like a labelled one: one listing and one read for them all, none per issue", async () => {
    const h = createSweepHarness();
    const prs = [2, 3, 4].map(() => h.double.addPull(REPO, { author: "mdm-em", body: "", state: "closed", merged: true, createdAt: ago(3), closedAt: ago(1) }).number);
    const typed = [closedBug(h, 1, prs[0], "Bug"), closedBug(h, 1, prs[1], "Bug")];
    const feature = closedBug(h, 1, prs[2], "Feature");
    const byPerson = closedBug(h, 1, undefined, "Bug");

    const summary = await h.sweep();
    expect(summary.actions).toEqual({ "closed-by-merge": 2 });
    for (const number of typed) {
      const issue = h.double.issue(REPO, number);
      expect(issue.state).toBe("open");
      expect(issue.labels.sort()).toEqual([":release", "#g-mdm", "~awaiting QA"].sort());
      expect(issue.assignees.sort()).toEqual(["mdm-em", "qa-lead"]);
      expect(issue.comments.filter((c) => c.author === BOT)).toHaveLength(1);
    }
    expect(h.double.issue(REPO, feature).state).toBe("closed");
    expect(h.double.issue(REPO, byPerson).state).toBe("closed");
    // The open typed listing and the closed one; one GraphQL read of both typed bugs' facts (no open typed bug here).
    expect(h.requests().filter((r) => r.method === "GET" && r.path === `/repos/${REPO}/issues`)).toHaveLength(2);
    expect(h.requests().filter((r) => r.operationNames?.includes("nodes"))).toHaveLength(1);
    expect(h.requests().filter((r) => r.method === "GET" && /\/issues\/\d+$/.test(r.path))).toHaveLength(0);

    expect((await h.sweep()).actions).toEqual({});
  });

  it("off with pullRequests.reopenClosedByMerge: false", async () => {
    const h = createSweepHarness({ config: `people: { qa: [qa-lead] }\npullRequests: { reopenClosedByMerge: false }\n` });
    const pr = h.double.addPull(REPO, { author: "mdm-em", body: "Fixes #2", state: "closed", merged: true, closedAt: ago(1) }).number;
    const bug = closedBug(h, 1, pr);
    expect((await h.sweep()).actions).toEqual({});
    expect(h.double.issue(REPO, bug).state).toBe("closed");
  });
});
