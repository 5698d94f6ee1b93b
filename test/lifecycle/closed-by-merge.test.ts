//! Purpose: "Fixes #N" merged anyway (docs/contract.md §2): a bug GitHub closed for a merged PR's closing keyword goes back to QA.
import { describe, expect, it } from "vitest";
import { applyEffects } from "../../src/lifecycle/plan.js";
import { onPullRequestMerged } from "../../src/lifecycle/pull-requests.js";
import { transition } from "../../src/lifecycle/transition.js";
import type { IssueSnapshot } from "../../src/lifecycle/types.js";
import { fleetConfig, issue, NOW } from "../support/fixtures.js";
import { outcome, replayWrites, sorted } from "../support/outcome.js";

const config = fleetConfig();
const ref = { number: 40, url: "https://github.com/acme/app/pull/40", author: "dev" };
const pr = { ...ref, body: "Fixes #7", closing: [7], authorIsMaintainer: true };
const closedByPr = (labels: string[], assignees: string[] = ["dev"], extra: Partial<IssueSnapshot> = {}) =>
  issue(labels, assignees, { open: false, closedBy: "maint", closedByMerge: ref, ...extra });

describe("a bug closed by a merged PR's closing keyword", () => {
  it.each([
    ["engineering → reopened, awaiting QA, QA assigned, one comment",
      closedByPr(["bug", ":release", "#g-mdm"]), config,
      { state: "awaiting-qa", labels: [":release", "#g-mdm", "bug", "~awaiting QA"], assignees: ["dev", "qa-lead"], comments: ["fixed:40"], other: ["reopen"] }],
    ["reproduced (no :release yet) → awaiting QA with :release",
      closedByPr(["bug", "#g-mdm"], ["mdm-em"]), config,
      { state: "awaiting-qa", labels: [":release", "#g-mdm", "bug", "~awaiting QA"], comments: ["fixed:40"], other: ["reopen"] }],
    ["already awaiting QA (the PR's webhook came first) → reopened, no second comment key",
      closedByPr(["bug", ":release", "~awaiting QA", "#g-mdm"], ["dev", "qa-lead"], { markers: ["fixed:40"] }), config,
      { state: "awaiting-qa", labels: [":release", "#g-mdm", "bug", "~awaiting QA"], assignees: ["dev", "qa-lead"], other: ["reopen"] }],
    ["not a bug: stays closed",
      closedByPr(["enhancement"]), config,
      { state: null, labels: ["enhancement"], comments: [], other: [] }],
    ["already open again: nothing",
      closedByPr(["bug", ":release", "#g-mdm"], ["dev"], { open: true }), config,
      { comments: [], other: [] }],
    ["pullRequests.reopenClosedByMerge: false → stays closed",
      closedByPr(["bug", ":release", "#g-mdm"]), fleetConfig({ pullRequests: { reopenClosedByMerge: false } }),
      { state: null, comments: [], other: [] }],
  ] as const)("%s", (_name, before, cfg, expected) => {
    const decision = transition(before, { kind: "closed-by-merge", pr: ref }, cfg, NOW);
    expect(outcome(before, decision)).toMatchObject(sorted(expected as never));
    expect(replayWrites(before, decision)).toEqual([]);
  });

  it("the comment links the PR and says why the bug is open", () => {
    const decision = transition(closedByPr(["bug", ":release", "#g-mdm"]), { kind: "closed-by-merge", pr: ref }, config, NOW);
    const body = decision.effects.find((e) => e.type === "comment");
    expect(body?.type === "comment" && body.body).toMatch(/Fixed by https:\/\/github\.com\/acme\/app\/pull\/40, merged with a closing keyword.*stays open in awaiting QA/);
    expect(body?.type === "comment" && body.body).toContain("@qa-lead");
  });
});

describe("onPullRequestMerged, whichever webhook comes first", () => {
  it.each([
    ["the bug still open (PR webhook first): awaiting QA with the closing-keyword comment",
      issue(["bug", ":release", "#g-mdm"], ["dev"]), ["add-labels", "add-assignees", "comment"]],
    ["the bug closed by this PR (GitHub's close first): reopened with the same comment",
      closedByPr(["bug", ":release", "#g-mdm"]), ["reopen", "add-labels", "add-assignees", "comment"]],
    ["the bug closed by a person, not by this PR: stays closed",
      issue(["bug", ":release", "#g-mdm"], ["dev"], { open: false, closedBy: "maint", closedByMerge: null }), []],
    ["the bug closed by another PR: not this merge's to reopen",
      issue(["bug", ":release", "#g-mdm"], ["dev"], { open: false, closedByMerge: { ...ref, number: 41 } }), []],
  ] as const)("%s", (_name, bug, types) => {
    const effects = onPullRequestMerged(pr, [bug], config, NOW);
    expect(effects.map((e) => e.type)).toEqual(types);
    const comment = effects.find((e) => e.type === "comment");
    if (comment?.type === "comment") {
      expect(comment.key).toBe("fixed:40");
      expect(comment.body).toContain("merged with a closing keyword");
    }
  });

  it("both paths in either order post one comment and leave the bug open in awaiting QA", () => {
    const start = closedByPr(["bug", ":release", "#g-mdm"]);
    const first = transition(start, { kind: "closed-by-merge", pr: ref }, config, NOW);
    const after = { ...applyEffects(start, first.effects), markers: ["fixed:40"] };
    expect(onPullRequestMerged(pr, [after], config, NOW)).toEqual([]);
  });

  it("a plain reference (no keyword) keeps the ordinary comment", () => {
    const effects = onPullRequestMerged({ ...pr, body: "For #7", closing: [] }, [issue(["bug", ":release"], ["dev"])], config, NOW);
    const comment = effects.find((e) => e.type === "comment");
    expect(comment?.type === "comment" && comment.body).not.toContain("closing keyword");
  });
});
