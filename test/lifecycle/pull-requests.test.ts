//! Purpose: docs/contract.md §5 in the core: references, closing keywords, merges and thanks.
import { describe, expect, it } from "vitest";
import { onPullRequestChanged, onPullRequestMerged, referencesIn } from "../../src/lifecycle/pull-requests.js";
import { fleetConfig, issue, NOW } from "../support/fixtures.js";

const repo = { owner: "fleetdm", name: "fleet" };
const config = fleetConfig();
const pr = { number: 40, url: "https://github.com/fleetdm/fleet/pull/40", author: "contributor", body: "", authorIsMaintainer: false };

describe("referencesIn", () => {
  it.each([
    ["Fixes #12", [{ number: 12, closing: true }]],
    ["fixes: #12 and relates to #13", [{ number: 12, closing: true }, { number: 13, closing: false }]],
    ["Resolved fleetdm/fleet#14", [{ number: 14, closing: true }]],
    ["see https://github.com/fleetdm/fleet/issues/15", [{ number: 15, closing: false }]],
    ["closes other/repo#16", []],
    ["`fixes #17` in code", []],
    ["issue#18 and a#19", []],
    ["#20, then fix #20", [{ number: 20, closing: true }]],
    ["Prefix fixed #21", [{ number: 21, closing: true }]],
  ] as const)("%j", (body, expected) => {
    expect(referencesIn(body, repo)).toEqual(expected);
  });
});

describe("pull-request rules", () => {
  it("asks once not to close open bugs with a keyword", () => {
    const effects = onPullRequestChanged(pr, [issue(["bug", ":release"], [], { number: 12 })], config);
    expect(effects).toMatchObject([{ type: "comment", issue: 40, key: "closing-keyword" }]);
    expect(effects[0]?.type === "comment" && effects[0].body).toContain("#12");
  });

  it("does not ask about closed issues, non-bugs, or when disabled", () => {
    expect(onPullRequestChanged(pr, [issue(["bug"], [], { open: false })], config)).toEqual([]);
    expect(onPullRequestChanged(pr, [issue(["enhancement"])], config)).toEqual([]);
    const off = fleetConfig({ pullRequests: { warnClosingKeywords: false } });
    expect(onPullRequestChanged(pr, [issue(["bug"])], off)).toEqual([]);
  });

  it("a merge moves every referenced bug in engineering and thanks a community author", () => {
    const bugs = [issue(["bug", ":release"], ["dev"], { number: 1 }), issue(["bug", ":release"], [], { number: 2 })];
    const effects = onPullRequestMerged(pr, bugs, config, NOW);
    expect(effects.filter((e) => e.type === "add-labels").map((e) => e.issue)).toEqual([1, 2]);
    expect(effects.filter((e) => e.type === "comment").map((e) => `${e.issue}:${e.type === "comment" && e.key}`)).toEqual([
      "1:fixed:40",
      "2:fixed:40",
      "40:thanks",
    ]);
  });

  it("does not thank maintainers or bots", () => {
    expect(onPullRequestMerged({ ...pr, authorIsMaintainer: true }, [], config, NOW)).toEqual([]);
    expect(onPullRequestMerged({ ...pr, author: "dependabot[bot]" }, [], config, NOW)).toEqual([]);
  });
});
