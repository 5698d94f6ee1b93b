//! Purpose: the one mapping from GitHub's GraphQL nodes to the core's facts, as a table of node shapes → facts.
import { describe, expect, it } from "vitest";
import { toTrackedItem, type ItemNode } from "../../src/github/bulk-read.js";
import { factOf, itemFields, loginOf, reactionFacts, type TimelineNode } from "../../src/github/facts.js";
import { IdBook } from "../../src/github/ids.js";
import { fromNode, type IssueNode } from "../../src/github/read-issues.js";
import type { TimelineFact } from "../../src/lifecycle/repo-snapshot.js";

const AT = "2026-11-10T09:00:00Z";
const LATER = "2026-11-10T10:00:00Z";
const bot = (login: string) => ({ login, __typename: "Bot" });
const user = (login: string) => ({ login, __typename: "User" });
const MARKER = "<!-- bug-lifecycle:needs-info-reminder:x -->";

describe("loginOf", () => {
  it.each([
    ["a GraphQL bot gets REST's suffix", bot("dependabot"), "dependabot[bot]"],
    ["a REST bot keeps its one suffix", bot("dependabot[bot]"), "dependabot[bot]"],
    ["a person as is", user("alice"), "alice"],
    ["an actor read without __typename as GitHub sent it", { login: "renovate" }, "renovate"],
    ["a deleted account", null, null],
  ])("%s", (_name, actor, login) => {
    expect(loginOf(actor)).toBe(login);
  });
});

describe("factOf: node shapes → facts", () => {
  const cases: Array<[string, TimelineNode | null, string | undefined, TimelineFact | null]> = [
    ["a label added by a bot", { __typename: "LabeledEvent", createdAt: AT, actor: bot("bug-lifecycle"), label: { name: ":reproduce" } }, undefined, { kind: "labeled", at: AT, actor: "bug-lifecycle[bot]", actorIsBot: true, label: ":reproduce" }],
    ["a label removed by a person", { __typename: "UnlabeledEvent", createdAt: AT, actor: user("maint"), label: { name: "~needs info" } }, undefined, { kind: "unlabeled", at: AT, actor: "maint", actorIsBot: false, label: "~needs info" }],
    ["an assignment", { __typename: "AssignedEvent", createdAt: AT, actor: user("maint"), assignee: { __typename: "User", login: "mdm-em" } }, undefined, { kind: "assigned", at: AT, actor: "maint", actorIsBot: false, assignee: "mdm-em" }],
    ["a close by a deleted account", { __typename: "ClosedEvent", createdAt: AT, actor: null }, undefined, { kind: "closed", at: AT, actor: null, actorIsBot: false }],
    ["a reopen", { __typename: "ReopenedEvent", createdAt: AT, actor: user("alice") }, undefined, { kind: "reopened", at: AT, actor: "alice", actorIsBot: false }],
    ["a draft conversion", { __typename: "ConvertToDraftEvent", createdAt: AT, actor: bot("bug-lifecycle") }, undefined, { kind: "converted-to-draft", at: AT, actor: "bug-lifecycle[bot]", actorIsBot: true }],
    ["ready for review (the report reads it with the talk)", { __typename: "ReadyForReviewEvent", createdAt: AT, actor: user("contributor") }, undefined, { kind: "ready-for-review", at: AT, actor: "contributor", actorIsBot: false }],
    ["a review asked of a bot", { __typename: "ReviewRequestedEvent", createdAt: AT, actor: user("alice"), requestedReviewer: { __typename: "Bot", login: "copilot" } }, undefined, { kind: "review-requested", at: AT, actor: "alice", actorIsBot: false, reviewer: "copilot[bot]" }],
    ["a review asked of a team", { __typename: "ReviewRequestedEvent", createdAt: AT, actor: user("alice"), requestedReviewer: { __typename: "Team", combinedSlug: "acme/qa" } }, undefined, { kind: "review-requested", at: AT, actor: "alice", actorIsBot: false, reviewer: "acme/qa" }],
    ["an event without its time", { __typename: "LabeledEvent", actor: user("maint"), label: { name: "bug" } }, undefined, null],
    ["an event type no clock reads", { __typename: "MilestonedEvent", createdAt: AT, actor: user("maint") }, undefined, null],
    ["a person's comment with a command", { __typename: "IssueComment", databaseId: 42, createdAt: AT, author: user("qa-lead"), authorAssociation: "MEMBER", body: "Logs?\n/needs-info" }, undefined, { kind: "commented", at: AT, actor: "qa-lead", actorIsBot: false, commentId: 42, association: "MEMBER", commands: ["needs-info"] }],
    ["an app's comment: markers, never commands", { __typename: "IssueComment", databaseId: 43, createdAt: AT, author: bot("bug-lifecycle"), authorAssociation: "NONE", body: `${MARKER}\n/needs-info` }, undefined, { kind: "commented", at: AT, actor: "bug-lifecycle[bot]", actorIsBot: true, commentId: 43, association: "NONE", markers: ["needs-info-reminder:x"] }],
    ["a personal token's own comment, given self", { __typename: "IssueComment", createdAt: AT, author: user("Octo-Token"), body: MARKER }, "octo-token", { kind: "commented", at: AT, actor: "Octo-Token", actorIsBot: true, markers: ["needs-info-reminder:x"] }],
    ["the same comment without self is a person's", { __typename: "IssueComment", createdAt: AT, author: user("Octo-Token"), body: MARKER }, undefined, { kind: "commented", at: AT, actor: "Octo-Token", actorIsBot: false }],
    ["a comment read without body or databaseId (the report)", { __typename: "IssueComment", createdAt: AT, author: user("maint"), authorAssociation: "OWNER" }, undefined, { kind: "commented", at: AT, actor: "maint", actorIsBot: false, association: "OWNER" }],
    ["a commit by a linked user", { __typename: "PullRequestCommit", commit: { committedDate: AT, author: { user: { login: "contributor" } } } }, undefined, { kind: "committed", at: AT, actor: "contributor", actorIsBot: false }],
    ["a commit by an unlinked e-mail", { __typename: "PullRequestCommit", commit: { committedDate: AT, author: { user: null } } }, undefined, { kind: "committed", at: AT, actor: null, actorIsBot: false }],
    ["a submitted review, at its submission", { __typename: "PullRequestReview", createdAt: AT, submittedAt: LATER, state: "CHANGES_REQUESTED", author: user("maint"), authorAssociation: "MEMBER" }, undefined, { kind: "reviewed", at: LATER, actor: "maint", actorIsBot: false, reviewState: "CHANGES_REQUESTED", association: "MEMBER" }],
    ["a bot's review", { __typename: "PullRequestReview", createdAt: AT, submittedAt: null, state: "COMMENTED", author: bot("copilot") }, undefined, { kind: "reviewed", at: AT, actor: "copilot[bot]", actorIsBot: true, reviewState: "COMMENTED" }],
    ["a pending review is no fact", { __typename: "PullRequestReview", createdAt: AT, state: "PENDING", author: user("maint") }, undefined, null],
    ["a null item (no access)", null, undefined, null],
  ];
  it.each(cases)("%s", (_name, node, self, fact) => {
    expect(factOf(node, { self })).toEqual(fact);
  });
});

describe("itemFields and reactionFacts", () => {
  it.each([
    ["a bot's PR", { author: bot("dependabot"), labels: { nodes: [{ name: "bug" }, null] }, assignees: { nodes: [null, { login: "maint" }] } }, { author: "dependabot[bot]", authorIsBot: true, labels: ["bug"], assignees: ["maint"] }],
    ["a deleted account's bug", { author: null, labels: { nodes: [] }, assignees: { nodes: [] } }, { author: "ghost", authorIsBot: false, labels: [], assignees: [] }],
    ["a person's bug read without __typename", { author: { login: "reporter" }, labels: { nodes: [{ name: "bug" }] }, assignees: { nodes: [] } }, { author: "reporter", authorIsBot: false, labels: ["bug"], assignees: [] }],
  ])("%s", (_name, node, fields) => {
    expect(itemFields(node)).toEqual(fields);
  });

  it("reactions carry the reacted comment's markers; a REST-spelled bot is a bot", () => {
    const reactions = { nodes: [{ content: "THUMBS_UP", createdAt: AT, user: { login: "product" } }, null, { content: "EYES", createdAt: LATER, user: { login: "ci[bot]" } }, { content: "HEART", createdAt: LATER, user: null }] };
    expect(reactionFacts(reactions, ["critical-checklist"])).toEqual([
      { kind: "reacted", at: AT, actor: "product", actorIsBot: false, reaction: "THUMBS_UP", markers: ["critical-checklist"] },
      { kind: "reacted", at: LATER, actor: "ci[bot]", actorIsBot: true, reaction: "EYES", markers: ["critical-checklist"] },
    ]);
  });
});

describe("the fresh issue and the sweep page agree", () => {
  const author = bot("dependabot");
  const labels = { nodes: [{ id: "L_1", name: "bug" }] };
  const assignees = { nodes: [{ id: "U_1", login: "mdm-em" }] };
  const ownComment = { body: MARKER, author: user("octo-token") };
  const fresh: IssueNode = { __typename: "Issue", id: "I_1", number: 1, title: "t", url: "u", closed: false, author, labels, assignees, milestone: null, comments: { nodes: [ownComment] } };
  const page: ItemNode = {
    id: "I_1", number: 1, title: "t", url: "u", createdAt: AT, closedAt: null, closed: false, author, authorAssociation: "NONE", labels, assignees, milestone: null,
    events: { pageInfo: { hasPreviousPage: false }, nodes: [] },
    talk: { pageInfo: { hasPreviousPage: false }, nodes: [{ __typename: "IssueComment", createdAt: AT, ...ownComment }] },
  };

  it.each([
    ["a personal token's comment is the bot's, given self", "octo-token", ["needs-info-reminder:x"]],
    ["without self it is a person's", undefined, []],
  ])("%s; a bot author spelled name[bot] in both", (_name, self, markers) => {
    const snapshot = fromNode(fresh, new IdBook(), { self });
    const item = toTrackedItem(page, false, new IdBook(), { self });
    expect(snapshot).toMatchObject({ author: "dependabot[bot]", labels: ["bug"], assignees: ["mdm-em"], markers });
    expect(item).toMatchObject({ author: snapshot.author, labels: snapshot.labels, assignees: snapshot.assignees, markers: snapshot.markers });
  });
});
