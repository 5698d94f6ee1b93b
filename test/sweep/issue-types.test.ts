//! Purpose: the sweep sees bugs by type (docs/issue-types.md): a typed needs-info bug is reminded, a typed orphan reported, a Feature is not; the typed listing costs one request per page, none per issue.
import { describe, expect, it } from "vitest";
import { ago, BOT, createSweepHarness, needsInfoBug, REPO } from "./sweep-harness.js";

const isTypedListing = (r: { method: string; path: string }) => r.method === "GET" && r.path === `/repos/${REPO}/issues`;

describe("sweep: bugs by type", () => {
  it("reminds a needs-info bug typed Bug with no bug label; a Feature-typed one is left alone; a second sweep writes nothing", async () => {
    const h = createSweepHarness();
    const typed = h.double.addIssue(REPO, needsInfoBug(15, { labels: [":reproduce", "~needs info"], type: "Bug" }));
    const feature = h.double.addIssue(REPO, needsInfoBug(15, { labels: [":reproduce", "~needs info"], type: "Feature" }));
    const summary = await h.sweep();
    expect(summary.actions).toEqual({ "needs-info-reminder": 1 });
    expect(h.double.issue(REPO, typed.number).comments.filter((c) => c.author === BOT)).toHaveLength(1);
    expect(h.double.issue(REPO, feature.number).comments.filter((c) => c.author === BOT)).toHaveLength(0);
    expect(h.double.issue(REPO, typed.number).labels).not.toContain("bug");
    expect((await h.sweep()).writes).toBe(0);
  });

  it("a bug with both the label and the type is one bug: read once, reminded once", async () => {
    const h = createSweepHarness();
    const both = h.double.addIssue(REPO, needsInfoBug(15, { type: "Bug" }));
    const summary = await h.sweep();
    expect(summary.actions).toEqual({ "needs-info-reminder": 1 });
    expect(h.double.issue(REPO, both.number).comments.filter((c) => c.author === BOT)).toHaveLength(1);
    // The labelled page has it; the typed listing finds it labelled and reads no facts for it. The second
    // listing is the closed-by-merge repair's (closed typed bugs of the last week): none here, no facts read.
    expect(h.requests().filter(isTypedListing)).toHaveLength(2);
    expect(h.requests().filter((r) => r.operationNames?.includes("nodes"))).toHaveLength(0);
  });

  it("a typed bug retyped Feature after the listing is left alone by the fresh re-check", async () => {
    const h = createSweepHarness();
    const typed = h.double.addIssue(REPO, needsInfoBug(15, { labels: [":reproduce", "~needs info"], type: "Bug" }));
    let retyped = false;
    const summary = await h.sweep({
      fetch: async (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        // Just before the re-check's GraphQL read of the item: a person retypes it.
        if (!retyped && String(init?.body ?? "").includes("SweepItem")) {
          retyped = true;
          h.double.payload("issues.typed", { repo: REPO, number: typed.number, actor: "qa-lead", type: "Feature" });
        }
        void url;
        return h.double.fetch(input, init);
      },
    });
    expect(retyped).toBe(true);
    expect(summary.actions).toEqual({});
    expect(h.double.issue(REPO, typed.number).comments.filter((c) => c.author === BOT)).toHaveLength(0);
  });

  it("bugType: null reads no typed listing", async () => {
    const h = createSweepHarness();
    h.double.addIssue(REPO, needsInfoBug(15, { labels: [":reproduce", "~needs info"], type: "Bug" }));
    const { CONFIG } = await import("./sweep-harness.js");
    h.double.setFile(REPO, ".github/bug-lifecycle.yml", `${CONFIG}\nbugType: null\n`);
    const summary = await h.sweep();
    expect(summary.actions).toEqual({});
    expect(h.requests().filter(isTypedListing)).toHaveLength(0);
  });
});

describe("sweep: work on a linked pull request counts (docs/contract.md §4)", () => {
  it("a needs-info bug whose reporter pushed to a linked PR is neither reminded nor closed, at no extra request", async () => {
    // The same world with the pull request not linked: the link must cost no request.
    const idle = createSweepHarness();
    const other = idle.double.addIssue(REPO, needsInfoBug(40));
    idle.double.addPull(REPO, { author: "reporter", createdAt: ago(45), body: "An unrelated fix", commits: [{ committedAt: ago(44), author: "reporter" }, { committedAt: ago(2), author: "reporter" }] });
    expect((await idle.sweep({ dryRun: true })).actions).toMatchObject({ "needs-info-reminder": 1 });
    void other;
    const baseline = idle.requests().filter((r) => !r.write).length;

    const h = createSweepHarness();
    const { number } = h.double.addIssue(REPO, needsInfoBug(40));
    // The reporter opened a fix before the request, then pushed to it after: the push is their move.
    h.double.addPull(REPO, { author: "reporter", createdAt: ago(45), body: `Fixes #${number}`, commits: [{ committedAt: ago(44), author: "reporter" }, { committedAt: ago(2), author: "reporter" }] });
    const dry = await h.sweep({ dryRun: true });
    expect(h.requests().filter((r) => !r.write).length).toBe(baseline);
    expect(dry.actions).toMatchObject({ "needs-info-answered": 1 });
    expect(dry.actions).not.toHaveProperty("needs-info-reminder");
    expect(dry.actions).not.toHaveProperty("needs-info-close");
    await h.sweep();
    const after = h.double.issue(REPO, number);
    expect(after.state).toBe("open");
    expect(after.labels).not.toContain("~needs info");
    expect(after.comments.filter((c) => c.author === BOT).map((c) => /bug-lifecycle:([a-z-]+)/.exec(c.body)?.[1])).toEqual(["needs-info-answered"]);
    // Later sweeps find nothing to remind or close.
    expect((await h.sweep({ now: new Date(Date.parse(ago(0)) + 30 * 86_400_000) })).actions).not.toHaveProperty("needs-info-close");
  });

  it("a push by someone else, or only a cross-reference from another's PR, does not answer: the reporter is reminded", async () => {
    const h = createSweepHarness();
    const { number } = h.double.addIssue(REPO, needsInfoBug(40));
    // dev-1's PR only mentions the bug: the reporter's comment there is not their work on it.
    h.double.addPull(REPO, { author: "dev-1", createdAt: ago(3), body: `See #${number}`, commits: [{ committedAt: ago(2), author: "dev-1" }], comments: [{ author: "reporter", body: "looks related", createdAt: ago(1) }] });
    h.double.addEvent(REPO, number, { kind: "cross-referenced", actor: "dev-1", createdAt: ago(3), source: { repo: REPO, number: number + 1 } });
    const summary = await h.sweep({ dryRun: true });
    expect(summary.actions).toEqual({ "needs-info-reminder": 1 });
  });
});
