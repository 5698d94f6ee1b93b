//! Purpose: webhooks the double sends for API writes, and the payloads it builds for what people do.
import { describe, expect, it } from "vitest";
import { REPO, botClient, seeded } from "./fixture.js";

const where = { owner: "acme", repo: "app" };

describe("webhooks for writes made through the API", () => {
  it("sends one webhook per change, with the app's bot as sender, to listeners", async () => {
    const double = seeded();
    const heard: string[] = [];
    const stop = double.onWebhook((name, payload) => {
      heard.push(`${name}.${String(payload.action)}:${(payload.sender as { login: string }).login}`);
    });
    const octokit = botClient(double);
    await octokit.rest.issues.setLabels({ ...where, issue_number: 1, labels: ["bug", ":release"] });
    await octokit.rest.issues.createComment({ ...where, issue_number: 1, body: "moved" });
    await octokit.rest.issues.update({ ...where, issue_number: 2, milestone: 1 });
    stop();
    await octokit.rest.issues.update({ ...where, issue_number: 1, state: "closed" });
    expect(heard).toEqual([
      "issues.unlabeled:bug-lifecycle[bot]",
      "issues.labeled:bug-lifecycle[bot]",
      "issue_comment.created:bug-lifecycle[bot]",
      "pull_request.milestoned:bug-lifecycle[bot]",
    ]);
    expect(double.webhooks).toHaveLength(5);
    const sender = double.webhooks[0]!.payload.sender;
    expect(sender).toMatchObject({ login: "bug-lifecycle[bot]", type: "Bot", node_id: expect.any(String) });
    expect(double.webhooks[4]!.payload).toMatchObject({ action: "closed", issue: { state: "closed", state_reason: "completed" } });
  });

  it("sends nothing when a write changes nothing or fails", async () => {
    const double = seeded();
    const octokit = botClient(double);
    await octokit.rest.issues.addLabels({ ...where, issue_number: 1, labels: ["bug"] });
    await octokit.rest.issues.addAssignees({ ...where, issue_number: 1, assignees: ["nobody-known"] });
    await expect(octokit.rest.issues.update({ ...where, issue_number: 1, milestone: 7 })).rejects.toMatchObject({ status: 422 });
    expect(double.webhooks).toEqual([]);
  });

  it("uses the personal token's user as sender", async () => {
    const double = seeded();
    double.addToken("ghp_maint", "maint");
    const { TestOctokit } = await import("./fixture.js");
    const octokit = new TestOctokit({ auth: { token: "ghp_maint" }, request: { fetch: double.fetch } });
    await octokit.rest.issues.addLabels({ ...where, issue_number: 1, labels: [":release"] });
    expect(double.webhooks[0]!.payload.sender).toMatchObject({ login: "maint", type: "User" });
  });
});

describe("the app's permissions", () => {
  it("refuses installation writes outside the app's permissions, REST and GraphQL alike", async () => {
    const { GitHubDouble } = await import("@bug-lifecycle/github-double");
    const double = new GitHubDouble({ permissions: { issues: "read", pull_requests: "write", metadata: "read" } });
    double.addRepo(REPO);
    double.addIssue(REPO, { title: "bug" });
    double.addPull(REPO, { title: "fix" });
    const octokit = botClient(double as ReturnType<typeof seeded>);
    expect((await octokit.rest.issues.get({ ...where, issue_number: 1 })).status).toBe(200);
    await expect(octokit.rest.issues.addLabels({ ...where, issue_number: 1, labels: ["x"] })).rejects.toMatchObject({ status: 403 });
    expect((await octokit.rest.issues.addLabels({ ...where, issue_number: 2, labels: ["x"] })).status).toBe(200);
    await expect(octokit.rest.checks.create({ ...where, name: "c", head_sha: "abc" })).rejects.toMatchObject({ status: 403 });
    const result = await octokit
      .graphql(`mutation($id: ID!) { closeIssue(input: { issueId: $id }) { clientMutationId } }`, { id: double.issue(REPO, 1).nodeId })
      .catch((e: { errors: unknown[] }) => e.errors);
    expect(result).toEqual([expect.objectContaining({ type: "FORBIDDEN", message: "Resource not accessible by integration" })]);
    expect(double.issue(REPO, 1).state).toBe("open");
  });
});

describe("payloads for what people do", () => {
  it("adds a person's comment to the model and returns issue_comment.created with the installation", () => {
    const double = seeded();
    const event = double.payload("issue_comment.created", { repo: REPO, number: 1, actor: "maint", body: "/reproduced #g-mdm" });
    expect(event.name).toBe("issue_comment");
    expect(event.id).toEqual(expect.any(String));
    expect(event.payload.comment).toMatchObject({ body: "/reproduced #g-mdm", user: { login: "maint", type: "User" }, author_association: "COLLABORATOR" });
    expect(event.payload.issue).toMatchObject({ number: 1, state: "open", labels: [{ name: "bug" }, { name: ":reproduce" }], author_association: "NONE" });
    expect(event.payload.installation?.id).toBe(double.store.installationFor(double.store.repo(REPO))!.id);
    expect(event.payload.repository).toMatchObject({ full_name: REPO, name: "app", owner: { login: "acme" }, node_id: expect.any(String) });
    expect(double.issue(REPO, 1).comments.at(-1)).toMatchObject({ author: "maint", body: "/reproduced #g-mdm" });
    expect(double.webhooks).toEqual([]);
  });

  it("labels as a person, including the label's id, node id and colour", () => {
    const double = seeded();
    const event = double.payload("issues.labeled", { repo: REPO, number: 1, actor: "qa-lead", label: "~critical bug" });
    expect(event.payload.label).toMatchObject({ name: "~critical bug", color: "ededed", id: expect.any(Number), node_id: expect.any(String) });
    expect(event.payload.sender).toMatchObject({ login: "qa-lead", type: "User" });
    expect(double.issue(REPO, 1).labels).toContain("~critical bug");
    expect(() => double.payload("issues.labeled", { repo: REPO, number: 1, actor: "qa-lead", label: "~critical bug" })).toThrow(/changed nothing/);
  });

  it("merges a PR, opens issues and PRs, and closes milestones at chosen times", () => {
    const double = seeded();
    const merged = double.payload("pull_request.closed", { repo: REPO, number: 2, actor: "maint", merged: true, at: "2024-02-01T00:00:00Z" });
    expect(merged.payload.pull_request).toMatchObject({ merged: true, merged_at: "2024-02-01T00:00:00Z", state: "closed", body: "Fixes #1" });
    const opened = double.payload("issues.opened", { repo: REPO, actor: "someone", title: "New bug", labels: ["bug"] });
    expect(opened.payload.issue).toMatchObject({ number: 3, labels: [{ name: "bug" }], user: { login: "someone" } });
    const pr = double.payload("pull_request.opened", { repo: REPO, actor: "someone", title: "Docs", draft: true, files: { ".github/bug-lifecycle.yml": "x: 1\n" } });
    expect(pr.payload.pull_request).toMatchObject({ number: 4, draft: true });
    expect(pr.payload.pull_request).not.toHaveProperty("pull_request");
    const closed = double.payload("milestone.closed", { repo: REPO, actor: "maint", milestone: "4.50.0" });
    expect(closed.payload.milestone).toMatchObject({ title: "4.50.0", state: "closed" });
    const review = double.payload("pull_request_review.submitted", { repo: REPO, number: 4, actor: "maint", state: "APPROVED" });
    expect(review.payload.review).toMatchObject({ state: "approved", user: { login: "maint" } });
  });
});

describe("a merge closes what the PR's body closes with a keyword, like GitHub", () => {
  it("fixes/closes/resolves forms, owner/repo#N and URLs; ClosedEvent.closer is the PR; closingIssuesReferences agrees", async () => {
    const double = seeded();
    const numbers = [1, 2, 3, 4, 5].map(() => double.addIssue(REPO, { title: "t", author: "reporter" }).number);
    const [a, b, c, d, e] = numbers as [number, number, number, number, number];
    const body = `Fixed #${a}. Closes: acme/app#${b}\nRESOLVES https://github.com/acme/app/issues/${c}\nsee #${d}, fixes #999, fixesx #${e}`;
    const pr = double.addPull(REPO, { author: "dev", body }).number;
    const merge = double.payload("pull_request.closed", { repo: REPO, actor: "maint", number: pr, merged: true });
    expect(merge.payload).toMatchObject({ action: "closed", pull_request: { merged: true } });
    expect(double.caused(merge).map((x) => (x.payload as { issue: { number: number } }).issue.number)).toEqual([a, b, c]);
    expect(numbers.map((n) => double.issue(REPO, n).state)).toEqual(["closed", "closed", "closed", "open", "open"]);

    const query = `query($n: Int!, $pr: Int!) { repository(owner: "acme", name: "app") {
      issue(number: $n) { timelineItems(last: 1, itemTypes: [CLOSED_EVENT]) { nodes { ... on ClosedEvent { stateReason closer { __typename ... on PullRequest { number merged } } } } } }
      pullRequest(number: $pr) { closingIssuesReferences(first: 10) { nodes { number } } }
    } }`;
    const response = await botClient(double).graphql<{ repository: any }>(query, { n: a, pr });
    expect(response.repository.issue.timelineItems.nodes).toEqual([{ stateReason: "COMPLETED", closer: { __typename: "PullRequest", number: pr, merged: true } }]);
    expect(response.repository.pullRequest.closingIssuesReferences.nodes.map((n: { number: number }) => n.number)).toEqual([a, b, c]);
  });

  it("a person's close has no closer; a merge into another branch closes nothing", async () => {
    const double = seeded();
    const issue = double.addIssue(REPO, { title: "t", author: "reporter" }).number;
    const pr = double.addPull(REPO, { author: "dev", body: `Fixes #${issue}`, base: { ref: "release-1" } }).number;
    const merge = double.payload("pull_request.closed", { repo: REPO, actor: "maint", number: pr, merged: true });
    expect(double.caused(merge)).toEqual([]);
    double.payload("issues.closed", { repo: REPO, actor: "maint", number: issue });
    const query = `query($n: Int!) { repository(owner: "acme", name: "app") { issue(number: $n) { timelineItems(last: 1, itemTypes: [CLOSED_EVENT]) { nodes { ... on ClosedEvent { closer { __typename } } } } } } }`;
    const response = await botClient(double).graphql<{ repository: any }>(query, { n: issue });
    expect(response.repository.issue.timelineItems.nodes).toEqual([{ closer: null }]);
  });
});
