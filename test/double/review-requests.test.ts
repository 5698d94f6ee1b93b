//! Purpose: review requests in the double as GitHub has them: REST requested_reviewers, the webhook, GraphQL reviewRequests and ReviewRequestedEvent.
import { describe, expect, it } from "vitest";
import { validateGraphql } from "@bug-lifecycle/github-double";
import { REPO, TestOctokit, botClient, seeded } from "./fixture.js";

const QUERY = `query($owner: String!, $name: String!, $number: Int!) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      reviewRequests(first: 10) { nodes { requestedReviewer { __typename ... on User { login } ... on Team { combinedSlug } } } }
      timelineItems(last: 10, itemTypes: [REVIEW_REQUESTED_EVENT]) {
        nodes { __typename ... on ReviewRequestedEvent { createdAt actor { login } requestedReviewer { __typename ... on User { login } ... on Team { combinedSlug } } } }
      }
    }
  }
}`;

describe("review requests", () => {
  it("POST requested_reviewers adds people and teams, sends one pull_request.review_requested each, and GraphQL agrees", async () => {
    const double = seeded();
    double.addToken("ghp_contributor", "contributor");
    const person = new TestOctokit({ auth: { token: "ghp_contributor" }, request: { fetch: double.fetch } });
    const answer = await person.request("POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers", {
      owner: "acme",
      repo: "app",
      pull_number: 2,
      reviewers: ["maint"],
      team_reviewers: ["core"],
    });
    expect(answer.status).toBe(201);
    expect(answer.data.requested_reviewers?.map((u) => u.login)).toEqual(["maint"]);
    expect(answer.data.requested_teams?.map((t) => t.slug)).toEqual(["core"]);
    const hooks = double.webhooks.filter((w) => w.name === "pull_request" && w.payload.action === "review_requested");
    expect(hooks.map((w) => [w.payload.sender, w.payload.requested_reviewer ?? w.payload.requested_team])).toEqual([
      [expect.objectContaining({ login: "contributor" }), expect.objectContaining({ login: "maint" })],
      [expect.objectContaining({ login: "contributor" }), expect.objectContaining({ slug: "core" })],
    ]);
    // Asking again changes nothing and sends nothing.
    await person.request("POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers", { owner: "acme", repo: "app", pull_number: 2, reviewers: ["maint"] });
    expect(double.webhooks.filter((w) => w.payload.action === "review_requested")).toHaveLength(2);

    expect(validateGraphql(QUERY, { owner: "acme", name: "app", number: 2 })).toEqual([]);
    const data: { repository: { pullRequest: { reviewRequests: { nodes: unknown[] }; timelineItems: { nodes: unknown[] } } } } = await botClient(double).graphql(QUERY, { owner: "acme", name: "app", number: 2 });
    expect(data.repository.pullRequest.reviewRequests.nodes).toEqual([
      { requestedReviewer: { __typename: "User", login: "maint" } },
      { requestedReviewer: { __typename: "Team", combinedSlug: "acme/core" } },
    ]);
    expect(data.repository.pullRequest.timelineItems.nodes).toEqual([
      expect.objectContaining({ __typename: "ReviewRequestedEvent", actor: { login: "contributor" }, requestedReviewer: { __typename: "User", login: "maint" } }),
      expect.objectContaining({ __typename: "ReviewRequestedEvent", actor: { login: "contributor" }, requestedReviewer: { __typename: "Team", combinedSlug: "acme/core" } }),
    ]);
  });

  it("refuses the author as reviewer; a person's review fulfils their request", async () => {
    const double = seeded();
    await expect(botClient(double).request("POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers", { owner: "acme", repo: "app", pull_number: 2, reviewers: ["contributor"] })).rejects.toMatchObject({ status: 422 });
    double.payload("pull_request.review_requested", { repo: REPO, actor: "contributor", number: 2, reviewers: ["maint"] });
    expect(double.issue(REPO, 2).reviewRequests).toEqual(["maint"]);
    double.payload("pull_request_review.submitted", { repo: REPO, actor: "maint", number: 2, state: "APPROVED" });
    expect(double.issue(REPO, 2).reviewRequests).toEqual([]);
  });
});
