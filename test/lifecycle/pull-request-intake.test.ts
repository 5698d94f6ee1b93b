//! Purpose: which pull_request deliveries matter and what they read (pull-request-intake.ts), the rules the PR handler used to hold.
import { describe, expect, it } from "vitest";
import type { Config } from "../../src/lifecycle/config.js";
import { decidePullRequest, pullRequestGate, pullRequestIntake, type PullRequestChange } from "../../src/lifecycle/pull-request-intake.js";
import { fleetConfig, issue, NOW } from "../support/fixtures.js";

const repo = { owner: "fleetdm", name: "fleet" };
const config = fleetConfig();
const change = (extra: Partial<PullRequestChange>): PullRequestChange => ({
  action: "opened",
  merged: false,
  bodyChanged: false,
  number: 40,
  author: "contributor",
  authorIsBot: false,
  body: "Fixes #12",
  ...extra,
});
const merged = (extra: Partial<PullRequestChange> = {}) => change({ action: "closed", merged: true, ...extra });

describe("pullRequestIntake", () => {
  it.each<[string, PullRequestChange, Config, { rule: string } | { refs: number[]; authorIsMaintainer: boolean }]>([
    ["opened with a closing keyword: the keyword's bug, nothing else read", change({}), config, { refs: [12], authorIsMaintainer: false }],
    ["opened with a plain reference: nothing to warn about", change({ body: "see #12" }), config, { rule: "ignored: no closing keyword" }],
    ["its own number is no reference", change({ body: "fixes #40" }), config, { rule: "ignored: no closing keyword" }],
    ["edited, body changed", change({ action: "edited", bodyChanged: true }), config, { refs: [12], authorIsMaintainer: false }],
    ["edited, title only", change({ action: "edited" }), config, { rule: "ignored: pull_request.edited" }],
    ["a push (synchronize)", change({ action: "synchronize" }), config, { rule: "ignored: pull_request.synchronize" }],
    ["closed without merging", change({ action: "closed" }), config, { rule: "ignored: pull_request.closed" }],
    ["a bot's PR with a keyword: not asked to edit", change({ author: "renovate[bot]", authorIsBot: true }), config, { rule: "ignored: a bot's pull request is not asked to edit its body" }],
    ["warnings off", change({}), fleetConfig({ pullRequests: { warnClosingKeywords: false } }), { rule: "pullRequests.warnClosingKeywords is off" }],
    ["merged, references a bug: every reference, plain ones too; the author's status for the thanks", merged({ body: "Fixes #12, see #13" }), config, { refs: [12, 13], authorIsMaintainer: true }],
    ["merged, no reference, community author: the thanks needs the author's status", merged({ body: "" }), config, { refs: [], authorIsMaintainer: true }],
    ["merged, no reference, thanks off", merged({ body: "" }), fleetConfig({ pullRequests: { thankOnMerge: false } }), { rule: "merged, references no bug, nobody to thank" }],
    ["merged, no reference, a bot's", merged({ body: "", author: "dependabot[bot]", authorIsBot: true }), config, { rule: "merged, references no bug, nobody to thank" }],
    ["merged, a bot's PR referencing a bug: the bug still moves, nobody is thanked", merged({ author: "Copilot", authorIsBot: true }), config, { refs: [12], authorIsMaintainer: false }],
  ])("%s", (_name, pr, cfg, expected) => {
    const intake = pullRequestIntake(pr, repo, cfg);
    if ("rule" in expected) return expect(intake).toEqual({ matters: false, rule: expected.rule });
    expect(intake).toEqual({ matters: true, needs: { authorIsMaintainer: expected.authorIsMaintainer } });
    const gate = pullRequestGate(pr, repo);
    expect(gate.matters && gate.refs.map((ref) => ref.number)).toEqual(expected.refs);
  });
});

describe("decidePullRequest", () => {
  const snapshot = (pr: PullRequestChange, authorIsMaintainer = false) => ({
    number: pr.number,
    url: "https://github.com/fleetdm/fleet/pull/40",
    author: pr.author,
    body: pr.body,
    closing: [12],
    authorIsMaintainer,
  });
  const inEngineering = issue(["bug", ":release", "#g-mdm"], ["dev"], { number: 12 });

  it("a merged bot PR moves the bug it fixes to QA and thanks nobody", () => {
    const pr = merged({ author: "Copilot", authorIsBot: true });
    const effects = decidePullRequest(pr, repo, snapshot(pr), [inEngineering], config, NOW);
    expect(effects).toContainEqual(expect.objectContaining({ type: "comment", issue: 12, key: "fixed:40" }));
    expect(effects).not.toContainEqual(expect.objectContaining({ key: "thanks" }));
  });

  it("a community merge moves the bug and thanks the author; a maintainer's is not thanked", () => {
    const pr = merged();
    expect(decidePullRequest(pr, repo, snapshot(pr), [inEngineering], config, NOW)).toContainEqual(expect.objectContaining({ issue: 40, key: "thanks" }));
    expect(decidePullRequest(pr, repo, snapshot(pr, true), [inEngineering], config, NOW)).not.toContainEqual(expect.objectContaining({ key: "thanks" }));
  });

  it("what the intake drops decides nothing, whatever the bugs", () => {
    for (const pr of [change({ action: "synchronize" }), change({ author: "renovate[bot]", authorIsBot: true }), change({ body: "see #12" })]) {
      expect(decidePullRequest(pr, repo, snapshot(pr), [issue(["bug", ":release"], [], { number: 12 })], config, NOW)).toEqual([]);
    }
  });

  it("a bot's opened PR with a keyword gets no warning; a person's does", () => {
    const open = issue(["bug", ":release"], [], { number: 12 });
    expect(decidePullRequest(change({}), repo, snapshot(change({})), [open], config, NOW)).toMatchObject([{ type: "comment", key: "closing-keyword" }]);
    const bots = change({ author: "renovate[bot]", authorIsBot: true });
    expect(decidePullRequest(bots, repo, snapshot(bots), [open], config, NOW)).toEqual([]);
  });
});
