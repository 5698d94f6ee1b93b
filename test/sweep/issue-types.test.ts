//! Purpose: the sweep sees bugs by type (docs/issue-types.md): a typed needs-info bug is reminded, a typed orphan reported, a Feature is not; the typed listing costs one request per page, none per issue.
import { describe, expect, it } from "vitest";
import { BOT, createSweepHarness, needsInfoBug, REPO } from "./sweep-harness.js";

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
    // The labelled page has it; the typed listing finds it labelled and reads no facts for it.
    expect(h.requests().filter(isTypedListing)).toHaveLength(1);
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
