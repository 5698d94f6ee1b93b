//! Purpose: the double's REST API behaves like GitHub's: validation, 404s, label creation, no-op writes, pagination.
import { describe, expect, it } from "vitest";
import { validateRestRequest } from "@bug-lifecycle/github-double";
import { REPO, botClient, seeded } from "./fixture.js";

const where = { owner: "acme", repo: "app" };

async function raw(double: ReturnType<typeof seeded>, method: string, path: string, body?: unknown, token = double.installationToken()) {
  const response = await double.fetch(`https://api.github.com${path}`, {
    method,
    headers: { authorization: `token ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

describe("REST validation against GitHub's description", () => {
  it("answers an unknown route with GitHub's 404", async () => {
    const double = seeded();
    const answer = await raw(double, "GET", "/repos/acme/app/issues/1/labelz");
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ message: "Not Found", documentation_url: expect.stringContaining("docs.github.com") });
  });

  it("rejects a body that does not match the operation's schema with 422 and changes nothing", async () => {
    const double = seeded();
    const answer = await raw(double, "PATCH", "/repos/acme/app/issues/1", { state: "shut" });
    expect(answer.status).toBe(422);
    expect(answer.body?.message).toMatch(/^Invalid request/);
    expect(answer.body?.errors).toEqual([expect.stringContaining('"shut" is not one of')]);
    expect(double.issue(REPO, 1).state).toBe("open");
  });

  it("exposes the validator", () => {
    expect(validateRestRequest({ method: "POST", path: "/repos/a/b/issues/1/labels", body: { labels: ["bug"] } })).toEqual([]);
    expect(validateRestRequest({ method: "POST", path: "/repos/a/b/issues/1/labels", body: { labels: "bug" } })).not.toEqual([]);
    expect(validateRestRequest({ method: "POST", path: "/repos/a/b/issues/1/labels", body: { labels: [] } })).toEqual([
      expect.stringContaining("fewer than 1"),
    ]);
    expect(validateRestRequest({ method: "PUT", path: "/repos/a/b/nope" })).toEqual([expect.stringContaining("no such route")]);
  });

  it("requires credentials and rejects unknown tokens", async () => {
    const double = seeded();
    const anonymous = await double.fetch("https://api.github.com/repos/acme/app/issues/1");
    expect(anonymous.status).toBe(401);
    const wrong = await raw(double, "GET", "/repos/acme/app/issues/1", undefined, "ghs_nope");
    expect(wrong.status).toBe(401);
    expect(wrong.body?.message).toBe("Bad credentials");
  });
});

describe("REST writes", () => {
  it("creates an unknown label when adding it to an issue, and tells the app with a webhook", async () => {
    const double = seeded();
    const { data } = await botClient(double).rest.issues.addLabels({ ...where, issue_number: 1, labels: ["~needs info"] });
    expect(data.map((l) => l.name)).toEqual(["bug", ":reproduce", "~needs info"]);
    expect(double.labels(REPO)).toContainEqual({ name: "~needs info", color: "ededed", description: null });
    expect(double.webhooks.map((w) => `${w.name}.${w.payload.action}`)).toEqual(["issues.labeled"]);
    expect(double.issue(REPO, 1).events.at(-1)).toMatchObject({ kind: "labeled", actor: "bug-lifecycle[bot]", label: "~needs info" });
  });

  it("answers 404 when removing a label the issue does not have", async () => {
    const double = seeded();
    const error = await botClient(double)
      .rest.issues.removeLabel({ ...where, issue_number: 1, name: ":release" })
      .catch((e: { status: number; response: { data: unknown } }) => e);
    expect(error).toMatchObject({ status: 404, response: { data: { message: "Label does not exist" } } });
  });

  it("treats assigning someone twice and reacting twice as no-ops", async () => {
    const double = seeded();
    const octokit = botClient(double);
    await octokit.rest.issues.addAssignees({ ...where, issue_number: 1, assignees: ["maint"] });
    await octokit.rest.issues.addAssignees({ ...where, issue_number: 1, assignees: ["maint", "stranger-who-cannot-be-assigned"] });
    const view = double.issue(REPO, 1);
    expect(view.assignees).toEqual(["maint"]);
    expect(view.events.filter((e) => e.kind === "assigned")).toHaveLength(1);
    const commentId = view.comments[0]!.id;
    const first = await octokit.rest.reactions.createForIssueComment({ ...where, comment_id: commentId, content: "+1" });
    const second = await octokit.rest.reactions.createForIssueComment({ ...where, comment_id: commentId, content: "+1" });
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(double.issue(REPO, 1).comments[0]!.reactions).toEqual([{ content: "+1", user: "bug-lifecycle[bot]" }]);
  });

  it("closes with a state reason and records who closed it", async () => {
    const double = seeded();
    const { data } = await botClient(double).rest.issues.update({ ...where, issue_number: 1, state: "closed", state_reason: "not_planned" });
    expect(data).toMatchObject({ state: "closed", state_reason: "not_planned", closed_by: { login: "bug-lifecycle[bot]", type: "Bot" } });
    const reopened = await botClient(double).rest.issues.update({ ...where, issue_number: 1, state: "open" });
    expect(reopened.data.state_reason).toBe("reopened");
    expect(double.issue(REPO, 1).events.map((e) => e.kind).slice(-2)).toEqual(["closed", "reopened"]);
  });

  it("sets the milestone and rejects an unknown one", async () => {
    const double = seeded();
    const octokit = botClient(double);
    await octokit.rest.issues.update({ ...where, issue_number: 1, milestone: 1 });
    expect(double.issue(REPO, 1).milestone).toBe("4.50.0");
    await expect(octokit.rest.issues.update({ ...where, issue_number: 1, milestone: 9 })).rejects.toMatchObject({ status: 422 });
  });

  it("only lets an installation create check runs", async () => {
    const double = seeded();
    double.addToken("ghp_person", "maint");
    const run = { ...where, name: "bug-lifecycle config", head_sha: "abc", status: "completed" as const, conclusion: "success" as const, output: { title: "ok", summary: "valid" } };
    const created = await botClient(double).rest.checks.create(run);
    expect(created.status).toBe(201);
    await botClient(double).rest.checks.update({ ...where, check_run_id: created.data.id, conclusion: "failure" });
    expect(double.checkRuns(REPO)[0]).toMatchObject({ name: "bug-lifecycle config", conclusion: "failure" });
    const byPerson = await raw(double, "POST", "/repos/acme/app/check-runs", { name: "x", head_sha: "abc" }, "ghp_person");
    expect(byPerson.status).toBe(403);
  });
});

describe("scope and names", () => {
  it("keeps an installation token to its installation: public repos elsewhere are read-only", async () => {
    const double = seeded();
    double.addRepo("other/lib", { installation: false });
    double.addIssue("other/lib", { title: "elsewhere" });
    const octokit = botClient(double);
    expect((await octokit.rest.issues.get({ owner: "other", repo: "lib", issue_number: 1 })).status).toBe(200);
    await expect(octokit.rest.issues.addLabels({ owner: "other", repo: "lib", issue_number: 1, labels: ["x"] })).rejects.toMatchObject({
      status: 403,
      response: { data: { message: "Resource not accessible by integration" } },
    });
  });

  it("handles label names that need URL encoding", async () => {
    const double = seeded();
    const octokit = botClient(double);
    await octokit.rest.issues.addLabels({ ...where, issue_number: 1, labels: ["#g-mdm", "~needs info"] });
    await octokit.rest.issues.removeLabel({ ...where, issue_number: 1, name: "#g-mdm" });
    await octokit.rest.issues.removeLabel({ ...where, issue_number: 1, name: "~needs info" });
    const label = await octokit.rest.issues.getLabel({ ...where, name: "#g-mdm" });
    expect(label.data.name).toBe("#g-mdm");
    expect(double.issue(REPO, 1).labels).toEqual(["bug", ":reproduce"]);
  });

  it("gives seeded state the history GitHub would have recorded", () => {
    const double = seeded();
    double.addIssue(REPO, { author: "reporter", labels: ["bug"], assignees: ["maint"], state: "closed", stateReason: "not_planned", closedBy: "maint", createdAt: "2024-01-01T00:00:00Z", closedAt: "2024-01-09T00:00:00Z" });
    expect(double.issue(REPO, 3).events).toEqual([
      { kind: "labeled", actor: "reporter", at: "2024-01-01T00:00:00Z", label: "bug" },
      { kind: "assigned", actor: "reporter", at: "2024-01-01T00:00:00Z", assignee: "maint" },
      { kind: "closed", actor: "maint", at: "2024-01-09T00:00:00Z" },
    ]);
  });
});

describe("REST reads", () => {
  it("pages lists with GitHub's link header, which Octokit's paginate follows", async () => {
    const double = seeded();
    for (let i = 0; i < 73; i++) double.addIssue(REPO, { title: `issue ${i}`, createdAt: "2024-02-01T00:00:00Z" });
    const first = await raw(double, "GET", "/repos/acme/app/issues?per_page=30&state=all");
    expect(first.headers.get("link")).toContain('page=2>; rel="next"');
    expect(first.headers.get("link")).toContain('page=3>; rel="last"');
    const all = await botClient(double).paginate(botClient(double).rest.issues.listForRepo, { ...where, state: "all", per_page: 30 });
    expect(all).toHaveLength(75);
    expect(new Set(all.map((i) => i.number)).size).toBe(75);
  });

  it("reports permissions with role_name, and 404 for non-collaborators", async () => {
    const double = seeded();
    const octokit = botClient(double);
    const triager = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...where, username: "triager" });
    expect(triager.data).toMatchObject({ permission: "read", role_name: "triage", user: { login: "triager" } });
    const owner = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...where, username: "acme" });
    expect(owner.data.permission).toBe("admin");
    await expect(octokit.rest.repos.getCollaboratorPermissionLevel({ ...where, username: "reporter" })).rejects.toMatchObject({ status: 404 });
  });

  it("serves files raw or as base64 JSON, with url-encoded paths, and 404s missing ones", async () => {
    const double = seeded();
    double.setFile(REPO, ".github/bug-lifecycle.yml", "dryRun: true\n");
    const octokit = botClient(double);
    const rawFile = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", { ...where, path: ".github/bug-lifecycle.yml", mediaType: { format: "raw" } });
    expect(rawFile.data).toBe("dryRun: true\n");
    expect(rawFile.headers["content-type"]).not.toContain("application/json");
    const json = await octokit.rest.repos.getContent({ ...where, path: ".github/bug-lifecycle.yml" });
    expect(Buffer.from((json.data as { content: string }).content, "base64").toString()).toBe("dryRun: true\n");
    await expect(octokit.rest.repos.getContent({ ...where, path: "missing.yml" })).rejects.toMatchObject({ status: 404 });
  });

  it("lists the timeline with commits, reviews and comments in time order", async () => {
    const double = seeded();
    const { data } = await botClient(double).rest.issues.listEventsForTimeline({ ...where, issue_number: 2 });
    expect(data.map((e) => e.event)).toEqual(["committed", "reviewed"]);
    expect(data[1]).toMatchObject({ state: "changes_requested", user: { login: "maint" } });
  });
});
