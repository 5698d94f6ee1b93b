//! Purpose: every GraphQL document the sweep sends is valid against GitHub's schema, variables included.
import { describe, expect, it } from "vitest";
import { validateGraphql } from "@bug-lifecycle/github-double";
import { REPLAY_ISSUE, SWEEP_ITEM, SWEEP_NODES, SWEEP_PAGE, VIEWER } from "../../src/github/bulk-queries.js";
import { IdBook } from "../../src/github/ids.js";
import { BOARD_ITEMS } from "../../src/board/read-items.js";
import { buildMutation } from "../../src/github/mutations.js";

describe("sweep GraphQL documents", () => {
  it.each([
    ["SweepPage, first page", SWEEP_PAGE, { owner: "o", name: "r", bug: "bug", issuesAfter: null, pullsAfter: null, withIssues: true, withPulls: true }],
    ["SweepPage, later page of bugs only", SWEEP_PAGE, { owner: "o", name: "r", bug: "bug", issuesAfter: "Y3Vyc29y", pullsAfter: null, withIssues: true, withPulls: false }],
    ["SweepPage, first page with the recent talk", SWEEP_PAGE, { owner: "o", name: "r", bug: "bug", issuesAfter: null, pullsAfter: null, withIssues: true, withPulls: true, withTalk: true, since: "2026-11-17T17:00:00.000Z", talkAfter: null }],
    ["SweepPage, later page of talk only", SWEEP_PAGE, { owner: "o", name: "r", bug: "bug", issuesAfter: null, pullsAfter: null, withIssues: false, withPulls: false, withTalk: true, since: "2026-11-17T17:00:00.000Z", talkAfter: "Y3Vyc29y" }],
    ["SweepItem", SWEEP_ITEM, { id: "I_1" }],
    ["SweepNodes (bugs by type)", SWEEP_NODES, { ids: ["I_1", "I_2"] }],
    ["ReplayIssue", REPLAY_ISSUE, { id: "I_1" }],
    ["SweepItem with the bug's cards", SWEEP_ITEM, { id: "I_1", withCards: true, field: "Status" }],
    ["BugsBoardItems, first page", BOARD_ITEMS, { org: "acme", number: 7, field: "Status", after: null }],
    ["BugsBoardItems, later page", BOARD_ITEMS, { org: "acme", number: 7, field: "Status", after: "Y3Vyc29y" }],
    ["SweepViewer", VIEWER, {}],
  ])("%s is valid", (_name, query, variables) => {
    expect(validateGraphql(query, variables)).toEqual([]);
  });

  it("converting a PR to draft and closing it are valid mutations, after the comment", () => {
    const ids = new IdBook();
    ids.issues.set(9, "PR_9");
    const document = buildMutation(
      [
        { type: "close-pull-request", issue: 9 },
        { type: "convert-to-draft", issue: 9 },
        { type: "comment", issue: 9, key: "stale-pr-draft:2026-01-01T00:00:00.000Z", body: "hi" },
      ],
      ids,
    );
    expect(document.query.match(/\w+\(input:/g)).toEqual(["addComment(input:", "convertPullRequestToDraft(input:", "closePullRequest(input:"]);
    expect(validateGraphql(document.query, document.variables)).toEqual([]);
  });
});
