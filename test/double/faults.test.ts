//! Purpose: injected faults: server errors, secondary rate limits, GraphQL-field failures and slow answers.
import { describe, expect, it } from "vitest";
import { REPO, botClient, seeded } from "./fixture.js";

const where = { owner: "acme", repo: "app", issue_number: 1 };

describe("fault injection", () => {
  it("fails a route the chosen number of times, records it, and leaves the model alone", async () => {
    const double = seeded();
    const fault = double.fault({ method: "POST", path: "/repos/{owner}/{repo}/issues/{issue_number}/labels", status: 502 });
    const octokit = botClient(double);
    await expect(octokit.rest.issues.addLabels({ ...where, labels: [":release"] })).rejects.toMatchObject({ status: 502 });
    expect(double.issue(REPO, 1).labels).not.toContain(":release");
    await octokit.rest.issues.addLabels({ ...where, labels: [":release"] });
    expect(double.issue(REPO, 1).labels).toContain(":release");
    expect(fault.hits).toBe(1);
    expect(double.requests.map((r) => r.status)).toEqual([502, 200]);
  });

  it("answers a secondary rate limit with GitHub's body and retry-after", async () => {
    const double = seeded();
    double.fault({
      path: /\/comments$/,
      status: 403,
      headers: { "retry-after": "1" },
      body: { message: "You have exceeded a secondary rate limit", documentation_url: "https://docs.github.com/rest" },
      times: 2,
    });
    const octokit = botClient(double);
    for (let i = 0; i < 2; i++) {
      const error = await octokit.rest.issues.createComment({ ...where, body: "x" }).catch((e: { status: number; response: { headers: Record<string, string>; data: { message: string } } }) => e);
      expect(error).toMatchObject({ status: 403, response: { headers: { "retry-after": "1" }, data: { message: "You have exceeded a secondary rate limit" } } });
    }
    expect((await octokit.rest.issues.createComment({ ...where, body: "x" })).status).toBe(201);
  });

  it("targets GraphQL documents by root field", async () => {
    const double = seeded();
    double.fault({ graphqlField: "addComment", status: 502, times: Infinity });
    const octokit = botClient(double);
    const read = await octokit.graphql<{ repository: { id: string } }>(`{ repository(owner: "acme", name: "app") { id } }`);
    expect(read.repository.id).toEqual(expect.any(String));
    const write = octokit.graphql(`mutation($id: ID!) { addComment(input: { subjectId: $id, body: "x" }) { clientMutationId } }`, {
      id: double.issue(REPO, 1).nodeId,
    });
    await expect(write).rejects.toMatchObject({ status: 502 });
    expect(double.issue(REPO, 1).comments).toHaveLength(1);
  });

  it("slows an answer down without failing it", async () => {
    const double = seeded();
    double.fault({ method: "GET", path: "/repos/acme/app/issues/1", delayMs: 120 });
    const started = Date.now();
    const { status } = await botClient(double).rest.issues.get(where);
    expect(status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });
});
