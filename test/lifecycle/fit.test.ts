//! Purpose: lists and bodies cut to fit GitHub's comment limit (src/lifecycle/fit.ts).
import { describe, expect, it } from "vitest";
import { fitBody, fitList, GITHUB_COMMENT_LIMIT } from "../../src/lifecycle/fit.js";
import { withMarker } from "../../src/lifecycle/markers.js";

describe("fitList", () => {
  it.each([
    { items: ["a", "b", "c"], budget: 100, expected: "a\nb\nc" },
    { items: ["aaaa", "bbbb", "cccc", "dddd"], budget: 24, expected: "aaaa\nbbbb\n… and 2 more" },
    { items: ["x".repeat(50), "y"], budget: 30, expected: `${"x".repeat(15)}…\n… and 1 more` },
    { items: [], budget: 10, expected: "" },
  ])("$items.length items in $budget characters", ({ items, budget, expected }) => {
    const fitted = fitList(items, "\n", budget);
    expect(fitted).toBe(expected);
    expect(fitted.length).toBeLessThanOrEqual(budget);
  });
});

describe("fitBody and withMarker", () => {
  it("keeps a short body as it is", () => {
    expect(fitBody("hello")).toBe("hello");
  });

  it("cuts a body of a million characters below GitHub's limit, markers and restore note kept", () => {
    const restore = { labels: Array.from({ length: 50 }, (_, i) => `label-${i}`), assignees: ["a", "b"] };
    const body = withMarker("z".repeat(1_000_000), "reply:1", restore);
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(body).toContain("<!-- bug-lifecycle:reply:1 -->");
    expect(body).toContain('"label-49"');
    expect(body).toContain("GitHub takes at most 65536");
  });
});
