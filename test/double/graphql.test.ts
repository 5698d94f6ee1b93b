//! Purpose: the double's GraphQL API runs on GitHub's schema: validation, queries, multi-mutation documents, NOT_FOUND.
import { describe, expect, it } from "vitest";
import { validateGraphql } from "@bug-lifecycle/github-double";
import { REPO, botClient, seeded } from "./fixture.js";

async function post(double: ReturnType<typeof seeded>, query: string, variables: Record<string, unknown> = {}) {
  const response = await double.fetch("https://api.github.com/graphql", {
    method: "POST",
    headers: { authorization: `bearer ${double.installationToken()}`, "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: Record<string, any>; errors?: Array<Record<string, unknown>> } };
}

describe("GraphQL validation", () => {
  it("rejects a document that GitHub's schema does not allow, with HTTP 200 and graphql-js's message", async () => {
    const double = seeded();
    const query = `query { repository(owner: "acme", name: "app") { issue(number: 1) { titel } } }`;
    const answer = await post(double, query);
    expect(answer.status).toBe(200);
    expect(answer.body.data).toBeUndefined();
    const messages = answer.body.errors?.map((e) => e.message);
    expect(messages).toEqual([expect.stringMatching(/^Cannot query field "titel" on type "Issue"\. Did you mean "title"/)]);
    expect(validateGraphql(query)).toEqual(messages);
    expect(double.issue(REPO, 1).title).toBe("Crash on start");
  });

  it("checks variables against their declared types", () => {
    const query = `query($n: Int!) { repository(owner: "a", name: "b") { issue(number: $n) { id } } }`;
    expect(validateGraphql(query, { n: 1 })).toEqual([]);
    expect(validateGraphql(query, {})).toEqual(['Variable "$n" of required type "Int!" was not provided.']);
  });

  it("requires first or last on connections, like GitHub", async () => {
    const double = seeded();
    const answer = await post(double, `{ repository(owner: "acme", name: "app") { labels { totalCount } } }`);
    expect(answer.body.errors?.[0]?.message).toBe("You must provide a `first` or `last` value to properly paginate the `labels` connection.");
  });
});

describe("GraphQL queries", () => {
  it("reads an issue, its labels and a filtered, paged timeline", async () => {
    const double = seeded();
    const data = await botClient(double).graphql<{ repository: any }>(
      `query($owner: String!, $name: String!) {
        repository(owner: $owner, name: $name) {
          issue(number: 1) {
            id number state stateReason authorAssociation author { login __typename }
            labels(first: 10) { nodes { name color } }
            timelineItems(first: 1, itemTypes: [LABELED_EVENT, ISSUE_COMMENT]) {
              totalCount filteredCount pageInfo { hasNextPage endCursor }
              nodes { __typename ... on LabeledEvent { label { name } actor { login } createdAt } }
            }
          }
        }
      }`,
      { owner: "acme", name: "app" },
    );
    const issue = data.repository.issue;
    expect(issue).toMatchObject({ number: 1, state: "OPEN", stateReason: null, authorAssociation: "NONE", author: { login: "reporter", __typename: "User" } });
    expect(issue.labels.nodes).toEqual([{ name: "bug", color: "d73a4a" }, { name: ":reproduce", color: "ededed" }]);
    expect(issue.timelineItems.filteredCount).toBe(3);
    expect(issue.timelineItems.pageInfo.hasNextPage).toBe(true);
    expect(issue.timelineItems.nodes).toEqual([{ __typename: "LabeledEvent", label: { name: "bug" }, actor: { login: "reporter" }, createdAt: "2024-01-02T10:00:00Z" }]);
  });

  it("shows a bot's login without [bot] and reads PR reviews and commits", async () => {
    const double = seeded();
    await botClient(double).rest.issues.createComment({ owner: "acme", repo: "app", issue_number: 2, body: "hi" });
    const { body } = await post(
      double,
      `{ repository(owner: "acme", name: "app") { pullRequest(number: 2) {
          isDraft merged reviews(last: 1) { nodes { state author { login } } }
          commits(last: 1) { nodes { commit { committedDate } } }
          comments(last: 1) { nodes { author { login __typename } } } } } }`,
    );
    expect(body.data?.repository.pullRequest).toEqual({
      isDraft: false,
      merged: false,
      reviews: { nodes: [{ state: "CHANGES_REQUESTED", author: { login: "maint" } }] },
      commits: { nodes: [{ commit: { committedDate: "2024-01-04T09:00:00Z" } }] },
      comments: { nodes: [{ author: { login: "bug-lifecycle", __typename: "Bot" } }] },
    });
  });

  it("matches ANY of the labels in issues(labels:), unlike REST", async () => {
    const double = seeded();
    double.addIssue(REPO, { labels: [":release"] });
    const { body } = await post(double, `{ repository(owner: "acme", name: "app") { issues(first: 10, labels: [":reproduce", ":release"]) { nodes { number } } } }`);
    expect(body.data?.repository.issues.nodes).toEqual([{ number: 1 }, { number: 3 }]);
  });

  it("orders an issue's labels by the repository's label order (CREATED_AT by default), or by NAME", async () => {
    const double = seeded();
    double.addIssue(REPO, { labels: [":release", "bug"] });
    const { body } = await post(
      double,
      `{ repository(owner: "acme", name: "app") { issue(number: 3) {
          created: labels(first: 5) { nodes { name } }
          named: labels(first: 5, orderBy: { field: NAME, direction: ASC }) { nodes { name } } } } }`,
    );
    expect(body.data?.repository.issue.created.nodes).toEqual([{ name: "bug" }, { name: ":release" }]);
    expect(body.data?.repository.issue.named.nodes).toEqual([{ name: ":release" }, { name: "bug" }]);
    expect(double.issue(REPO, 3).labels).toEqual([":release", "bug"]);
  });

  it("answers unknown things with null and a NOT_FOUND error", async () => {
    const double = seeded();
    const { body } = await post(double, `{ repository(owner: "acme", name: "gone") { id } }`);
    expect(body.data).toEqual({ repository: null });
    expect(body.errors).toEqual([
      expect.objectContaining({ type: "NOT_FOUND", path: ["repository"], message: "Could not resolve to a Repository with the name 'acme/gone'." }),
    ]);
  });
});

describe("GraphQL coverage", () => {
  it("serves a typical sweep query over issues and pull requests", async () => {
    const double = seeded();
    double.addIssue(REPO, { labels: ["bug", ":release"], assignees: ["maint"], milestone: "4.50.0", state: "closed", closedBy: "maint", createdAt: "2024-01-01T00:00:00Z" });
    const events = `__typename
      ... on LabeledEvent { createdAt actor { login } label { name } }
      ... on UnlabeledEvent { createdAt actor { login } label { name } }
      ... on AssignedEvent { createdAt assignee { ... on User { login } ... on Bot { login } } }
      ... on ClosedEvent { createdAt stateReason actor { login } }
      ... on ReopenedEvent { createdAt }
      ... on IssueComment { createdAt body author { login } }`;
    const pullEvents = `${events}
      ... on PullRequestCommit { commit { committedDate pushedDate author { user { login } } } }
      ... on PullRequestReview { state submittedAt author { login } }`;
    const fields = `number title url createdAt updatedAt closedAt author { login } authorAssociation
      labels(first: 50) { nodes { name } } assignees(first: 10) { nodes { login } }
      milestone { number title state dueOn } comments(last: 100) { totalCount nodes { body author { login } } }`;
    const { body } = await post(
      double,
      `{ repository(owner: "acme", name: "app") {
          issues(first: 50, states: [OPEN, CLOSED], orderBy: { field: CREATED_AT, direction: ASC }) {
            totalCount pageInfo { hasNextPage endCursor } nodes { ${fields} stateReason timelineItems(last: 100) { nodes { ${events} } } } }
          pullRequests(first: 50, states: OPEN) { nodes { ${fields} isDraft reviewDecision headRefOid
            timelineItems(last: 100) { nodes { ${pullEvents} } }
            reviews(last: 1, states: [CHANGES_REQUESTED, APPROVED]) { nodes { state } } } }
          milestones(first: 10, states: OPEN, orderBy: { field: DUE_DATE, direction: ASC }) { nodes { title } } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.repository.issues.nodes.map((i: { number: number }) => i.number)).toEqual([3, 1]);
    expect(body.data?.repository.issues.nodes[0].timelineItems.nodes.map((n: { __typename: string }) => n.__typename)).toEqual([
      "LabeledEvent", "LabeledEvent", "AssignedEvent", "MilestonedEvent", "ClosedEvent",
    ]);
    expect(body.data?.repository.pullRequests.nodes[0].reviewDecision).toBe("CHANGES_REQUESTED");
  });

  it("reports fields it does not model as errors instead of silent nulls", async () => {
    const double = seeded();
    const { body } = await post(double, `{ repository(owner: "acme", name: "app") { issue(number: 1) { viewerSubscription } } }`);
    expect(body.errors?.[0]).toMatchObject({ type: "NOT_IMPLEMENTED", message: "The GitHub double does not model Issue.viewerSubscription" });
  });
});

describe("GraphQL mutations", () => {
  it("runs every mutation of a document, in order, with aliases", async () => {
    const double = seeded();
    const issueId = double.issue(REPO, 1).nodeId;
    const label = double.addLabel(REPO, ":product").nodeId;
    const reproduce = double.store.findLabel(double.store.repo(REPO), ":reproduce")!.nodeId;
    const maint = double.addUser("maint").nodeId;
    const { body } = await post(
      double,
      `mutation($id: ID!, $add: [ID!]!, $remove: [ID!]!, $who: [ID!]!) {
        add: addLabelsToLabelable(input: { labelableId: $id, labelIds: $add }) { clientMutationId }
        drop: removeLabelsFromLabelable(input: { labelableId: $id, labelIds: $remove }) { clientMutationId }
        assign: addAssigneesToAssignable(input: { assignableId: $id, assigneeIds: $who }) { clientMutationId }
        note: addComment(input: { subjectId: $id, body: "moved to :product" }) { commentEdge { node { body } } }
        close: closeIssue(input: { issueId: $id, stateReason: NOT_PLANNED }) { issue { state stateReason } }
      }`,
      { id: issueId, add: [label], remove: [reproduce], who: [maint] },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.close.issue).toEqual({ state: "CLOSED", stateReason: "NOT_PLANNED" });
    const issue = double.issue(REPO, 1);
    expect(issue).toMatchObject({ labels: ["bug", ":product"], assignees: ["maint"], state: "closed", stateReason: "not_planned" });
    expect(issue.comments.at(-1)).toMatchObject({ author: "bug-lifecycle[bot]", body: "moved to :product" });
    expect(issue.events.slice(-4).map((e) => e.kind)).toEqual(["labeled", "unlabeled", "assigned", "closed"]);
    const record = double.requests.at(-1)!;
    expect(record).toMatchObject({ kind: "graphql", write: true, operationNames: ["addLabelsToLabelable", "removeLabelsFromLabelable", "addAssigneesToAssignable", "addComment", "closeIssue"] });
  });

  it("returns NOT_FOUND for an unknown node id and still runs the other mutations", async () => {
    const double = seeded();
    const issueId = double.issue(REPO, 1).nodeId;
    const { body } = await post(
      double,
      `mutation($id: ID!) {
        bad: addComment(input: { subjectId: "I_kwDOnope", body: "x" }) { clientMutationId }
        good: addReaction(input: { subjectId: $id, content: THUMBS_UP }) { reaction { content } }
        again: addReaction(input: { subjectId: $id, content: THUMBS_UP }) { reaction { content } }
      }`,
      { id: issueId },
    );
    expect(body.data).toEqual({ bad: null, good: { reaction: { content: "THUMBS_UP" } }, again: { reaction: { content: "THUMBS_UP" } } });
    expect(body.errors).toEqual([expect.objectContaining({ type: "NOT_FOUND", path: ["bad"] })]);
    expect(double.issue(REPO, 1).reactions).toEqual([{ content: "+1", user: "bug-lifecycle[bot]" }]);
  });

  it("answers the sweep's recent talk: issues updated since (a comment updates one), comments' 👍 reactors with bots as Bot", async () => {
    const double = seeded();
    const commentId = double.issue(REPO, 1).comments[0]!.nodeId;
    await post(double, `mutation($id: ID!) { addReaction(input: { subjectId: $id, content: THUMBS_UP }) { reaction { content } } }`, { id: commentId });
    const again = await post(double, `mutation($id: ID!) { addReaction(input: { subjectId: $id, content: THUMBS_UP }) { reaction { content } } }`, { id: commentId });
    expect(again.body.errors).toBeUndefined(); // the same bot twice: one reaction, as on GitHub
    double.addIssue(REPO, { title: "Old", createdAt: "2023-01-01T00:00:00Z" });
    const query = `query($since: DateTime) { repository(owner: "acme", name: "app") {
      issues(first: 10, filterBy: { since: $since }, orderBy: { field: CREATED_AT, direction: ASC }) { nodes { number
        comments(last: 5) { nodes { databaseId reactionGroups { content reactors(first: 10) { nodes { __typename ... on Bot { login } ... on User { login } } } } } } } }
    } }`;
    expect(validateGraphql(query, { since: "2024-01-03T00:00:00Z" })).toEqual([]);
    const { body } = await post(double, query, { since: "2024-01-03T00:00:00Z" });
    // #1 was created on 01-02 and commented on 01-03: the comment updated it; "Old" (#3) was not updated since.
    const issues = body.data!.repository.issues.nodes as { number: number; comments: { nodes: { reactionGroups: { content: string; reactors: { nodes: unknown[] } }[] }[] } }[];
    expect(issues.map((i) => i.number)).toEqual([1]);
    const thumbs = issues[0]!.comments.nodes[0]!.reactionGroups.find((g) => g.content === "THUMBS_UP");
    expect(thumbs?.reactors.nodes).toEqual([{ __typename: "Bot", login: "bug-lifecycle" }]);
  });

  it("converts a PR to draft (which REST cannot) and sends the webhook as the bot", async () => {
    const double = seeded();
    const pullRequestId = double.issue(REPO, 2).nodeId;
    await botClient(double).graphql(`mutation($id: ID!) { convertPullRequestToDraft(input: { pullRequestId: $id }) { pullRequest { isDraft } } }`, { id: pullRequestId });
    expect(double.issue(REPO, 2).draft).toBe(true);
    const [hook] = double.webhooks;
    expect(hook?.name).toBe("pull_request");
    expect(hook?.payload).toMatchObject({ action: "converted_to_draft", pull_request: { draft: true, number: 2 }, sender: { login: "bug-lifecycle[bot]", type: "Bot" } });
  });
});
