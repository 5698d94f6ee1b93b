//! Purpose: the double's REST answers and webhook payloads have the shapes GitHub documents.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { matchRoute, responseSchema, validateAgainst, webhookSchema } from "@bug-lifecycle/github-double";
import { botClient, REPO, seeded } from "./fixture.js";

/** Requests whose answers are checked against the success schema of their route. */
const CASES: Array<[string, string, unknown?]> = [
  ["GET", "/repos/acme/app"],
  ["GET", "/repos/acme/app/issues/1"],
  ["GET", "/repos/acme/app/issues?state=all"],
  ["GET", "/repos/acme/app/issues/1/comments"],
  ["POST", "/repos/acme/app/issues/1/comments", { body: "hello" }],
  ["POST", "/repos/acme/app/issues/1/labels", { labels: ["x"] }],
  ["GET", "/repos/acme/app/labels"],
  ["GET", "/repos/acme/app/milestones"],
  ["GET", "/repos/acme/app/issues/1/events"],
  ["GET", "/repos/acme/app/issues/2/timeline"],
  ["GET", "/repos/acme/app/pulls/2"],
  ["GET", "/repos/acme/app/pulls?state=all"],
  ["GET", "/repos/acme/app/pulls/2/reviews"],
  ["GET", "/repos/acme/app/pulls/2/commits"],
  ["POST", "/repos/acme/app/pulls/2/requested_reviewers", { reviewers: ["maint"], team_reviewers: ["core"] }],
  ["GET", "/repos/acme/app/pulls/2/requested_reviewers"],
  ["GET", "/repos/acme/app/collaborators/maint/permission"],
  ["GET", "/repos/acme/app/collaborators?per_page=100"],
  ["POST", "/repos/acme/app/check-runs", { name: "c", head_sha: "abc" }],
  ["GET", "/rate_limit"],
  ["GET", "/repos/acme/app/issue-types"],
  ["GET", "/repos/acme/app/issues?type=Bug&state=open"],
  ["PATCH", "/repos/acme/app/issues/1", { type: "Bug" }],
  ["PATCH", "/repos/acme/app/issues/1", { type: null }],
  ["POST", "/repos/acme/app/issues", { title: "typed", type: "Feature" }],
];

describe("REST answers match GitHub's response schemas", () => {
  it.each(CASES)("%s %s", async (method, path, body) => {
    const double = seeded();
    double.addEvent(REPO, 1, { kind: "closed", actor: "maint", createdAt: "2024-01-06T00:00:00Z", stateReason: "completed" });
    double.payload("pull_request.review_requested", { repo: REPO, number: 2, actor: "contributor", reviewers: ["qa-lead", "acme/core"] });
    const response = await double.fetch(`https://api.github.com${path}`, {
      method,
      headers: { authorization: `token ${double.installationToken()}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status).toBeLessThan(300);
    const route = matchRoute(method, path.split("?")[0]!)!;
    const schema = responseSchema(method, route.route.template, response.status);
    expect(schema).toBeDefined();
    expect(validateAgainst(await response.json(), schema!, "response")).toEqual([]);
  });
});

interface Example {
  name: string;
  examples: Array<Record<string, unknown> & { action?: string }>;
}

function example(event: string, action: string): Record<string, unknown> {
  const all = createRequire(import.meta.url)("@octokit/webhooks-examples") as Example[];
  const found = all.find((e) => e.name === event)?.examples.find((e) => e.action === action);
  if (!found) throw new Error(`no example for ${event}.${action}`);
  return found;
}

function keys(value: unknown): string[] {
  return Object.keys(value as Record<string, unknown>).sort();
}

describe("webhook payloads carry what GitHub's examples carry", () => {
  it.each([
    ["issues.labeled", "issues", "labeled", "issue"],
    ["issue_comment.created", "issue_comment", "created", "issue"],
    ["pull_request.closed", "pull_request", "closed", "pull_request"],
    ["pull_request.review_requested", "pull_request", "review_requested", "pull_request"],
  ] as const)("%s", (name, event, action, subject) => {
    const double = seeded();
    const number = subject === "pull_request" ? 2 : 1;
    const delivery = double.payload(name, { repo: REPO, number, actor: "maint", label: "bug-ish", body: "/why", merged: true, reviewers: ["qa-lead"] });
    const real = example(event, action);
    const ours = delivery.payload as Record<string, unknown>;
    for (const key of keys(real).filter((k) => k !== "organization" && k !== "enterprise")) expect(ours).toHaveProperty(key);
    const missing = (part: string) => keys(real[part]).filter((k) => !(k in (ours[part] as object)));
    // The examples predate some changes: plain issues no longer carry `draft`.
    const optional = ["performed_via_github_app", "type", ...(subject === "issue" ? ["draft"] : [])];
    expect(missing(subject).filter((k) => !optional.includes(k))).toEqual([]);
    expect(missing("repository").filter((k) => !/^(allow_|delete_branch|use_squash|squash_|merge_commit_|custom_properties|stargazers$)/.test(k))).toEqual([]);
    expect(missing("sender")).toEqual([]);
    expect(ours.installation).toEqual({ id: expect.any(Number), node_id: expect.any(String) });
  });
});

describe("issue types, as @octokit/openapi describes them (docs/issue-types.md)", () => {
  it.each([
    ["issues.typed", "webhook-issues-typed"],
    ["issues.untyped", "webhook-issues-untyped"],
  ] as const)("%s validates against %s", (name, schemaName) => {
    const double = seeded();
    if (name === "issues.untyped") double.payload("issues.typed", { repo: REPO, number: 1, actor: "maint", type: "Bug" });
    const delivery = double.payload(name, { repo: REPO, number: 1, actor: "maint", type: "Bug" });
    expect(delivery.payload).toMatchObject({ action: name.split(".")[1], type: { name: "Bug" } });
    expect((delivery.payload.issue as { type: unknown }).type).toEqual(name === "issues.typed" ? expect.objectContaining({ name: "Bug" }) : null);
    expect(validateAgainst(delivery.payload, webhookSchema(schemaName)!, "payload")).toEqual([]);
  });

  it("the type filter lists by name, any (*) or none; an unknown type is refused; retyping sends typed once", async () => {
    const double = seeded();
    const client = botClient(double);
    await client.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", { owner: "acme", repo: "app", issue_number: 1, type: "Bug" });
    const list = async (type: string) =>
      (await client.request("GET /repos/{owner}/{repo}/issues", { owner: "acme", repo: "app", type, state: "all" })).data.map((issue) => issue.number);
    expect(await list("Bug")).toEqual([1]);
    expect(await list("bug")).toEqual([1]);
    expect(await list("*")).toEqual([1]);
    expect(await list("Feature")).toEqual([]);
    expect(await list("none")).toEqual([2]);
    await expect(client.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", { owner: "acme", repo: "app", issue_number: 1, type: "Epic" })).rejects.toMatchObject({ status: 422 });
    const retyped = double.payload("issues.typed", { repo: REPO, number: 1, actor: "maint", type: "Feature" });
    expect(retyped.payload).toMatchObject({ action: "typed", type: { name: "Feature" }, issue: { type: { name: "Feature" } } });
    expect(() => double.payload("issues.typed", { repo: REPO, number: 1, actor: "maint", type: "Feature" })).toThrow(/changed nothing/);
  });

  it("a repository without issue types lists none and its issues carry no type field", async () => {
    const double = seeded();
    double.addRepo("acme/plain", { issueTypes: [] });
    double.addIssue("acme/plain", { title: "x" });
    const client = botClient(double);
    expect((await client.request("GET /repos/{owner}/{repo}/issue-types", { owner: "acme", repo: "plain" })).data).toEqual([]);
    expect((await client.request("GET /repos/{owner}/{repo}/issues/{issue_number}", { owner: "acme", repo: "plain", issue_number: 1 })).data).not.toHaveProperty("type");
  });
});
