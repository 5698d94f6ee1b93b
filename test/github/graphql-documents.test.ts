//! Purpose: every GraphQL document the app sends is valid against GitHub's schema, variables included.
import { describe, expect, it } from "vitest";
import { validateGraphql } from "@bug-lifecycle/github-double";
import { IdBook } from "../../src/github/ids.js";
import { buildMutation, missingIds, type GitHubEffect } from "../../src/github/mutations.js";
import { directoryQuery, issuesByNumber, MILESTONE_ISSUES, UNDO_HISTORY } from "../../src/github/queries.js";
import type { Effect } from "../../src/lifecycle/types.js";
import { CLOSED_BUGS, CLOSED_TYPED_BUGS } from "../../src/sweep/closed-by-merge.js";

function book(): IdBook {
  const ids = new IdBook();
  ids.issues.set(7, "I_7");
  ids.addLabel(":release", "LA_release");
  ids.addLabel("bug", "LA_bug");
  ids.addUser("mdm-em", "U_em");
  ids.milestones = [{ id: "MI_1", number: 1, title: "4.60", dueOn: null }];
  return ids;
}

const every: Effect[] = [
  { type: "reopen", issue: 7 },
  { type: "remove-labels", issue: 7, labels: ["bug"] },
  { type: "add-labels", issue: 7, labels: [":release"] },
  { type: "remove-assignees", issue: 7, logins: ["mdm-em"] },
  { type: "add-assignees", issue: 7, logins: ["mdm-em"] },
  { type: "set-milestone", issue: 7, milestone: "earliest-open" },
  { type: "comment", issue: 7, key: "critical", body: "hi `there` \"quoted\"", restore: { labels: ["a"], assignees: [] } },
  { type: "react", issue: 7, commentId: 1, commentNodeId: "IC_1", content: "+1" },
  { type: "close", issue: 7, reason: "not_planned" },
];

describe("GraphQL documents", () => {
  it.each([
    ["IssuesByNumber", issuesByNumber([1, 2, 30]), { owner: "o", name: "r" }],
    ["MilestoneIssues", MILESTONE_ISSUES, { owner: "o", name: "r", milestone: "3", labels: ["~ready for release"], after: null }],
    ["UndoHistory", UNDO_HISTORY, { owner: "o", name: "r", number: 7 }],
    ["Directory", directoryQuery(["qa-lead", "mdm-em"]), { owner: "o", name: "r", after: null }],
    ["Directory without users", directoryQuery([]), { owner: "o", name: "r", after: "Y3Vyc29y" }],
    ["ClosedBugs", CLOSED_BUGS, { owner: "o", name: "r", bug: "bug", since: "2026-11-11T00:00:00Z" }],
    ["ClosedTypedBugs", CLOSED_TYPED_BUGS, { ids: ["I_1", "I_2"] }],
  ])("%s is valid", (_name, query, variables) => {
    expect(validateGraphql(query, variables)).toEqual([]);
  });

  it("one document carries every kind of write, in a person's order, and is valid", () => {
    const document = buildMutation([...every].reverse() as GitHubEffect[], book());
    expect(document.steps.map((step) => step.effect.type)).toEqual(every.map((effect) => effect.type));
    expect(validateGraphql(document.query, document.variables)).toEqual([]);
    expect(document.query.match(/\w+\(input:/g)).toEqual([
      "reopenIssue(input:",
      "removeLabelsFromLabelable(input:",
      "addLabelsToLabelable(input:",
      "removeAssigneesFromAssignable(input:",
      "addAssigneesToAssignable(input:",
      "updateIssue(input:",
      "addComment(input:",
      "addReaction(input:",
      "closeIssue(input:",
    ]);
  });

  it("writes the marker and the saved labels into the comment body", () => {
    const document = buildMutation([every[6] as GitHubEffect], book());
    const body = (document.variables.i0 as { body: string }).body;
    expect(body).toContain("<!-- bug-lifecycle:critical -->");
    expect(body).toContain('<!-- bug-lifecycle-restore {"labels":["a"],"assignees":[]} -->');
  });

  it("reports ids it cannot resolve, and leaves them out rather than sending an invalid id", () => {
    const effects: Effect[] = [
      { type: "add-labels", issue: 7, labels: [":release", "#g-new"] },
      { type: "add-assignees", issue: 7, logins: ["ghost"] },
    ];
    expect(missingIds(effects, book())).toEqual({ labels: ["#g-new"], users: ["ghost"] });
    const document = buildMutation(effects as GitHubEffect[], book());
    expect(document.steps).toHaveLength(1);
    expect(document.variables.i0).toEqual({ labelableId: "I_7", labelIds: ["LA_release"] });
  });

  it("rejects a document GitHub would reject (the check is real)", () => {
    expect(validateGraphql("mutation { addLabelsToLabelable(input: { labelIds: [] }) { clientMutationId } }")).not.toEqual([]);
  });
});
