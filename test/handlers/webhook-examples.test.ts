//! Purpose: GitHub's own example payloads (@octokit/webhooks-examples), adapted to a seeded repository, drive the real app.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { createHarness, FLEET_CONFIG, type Harness } from "../support/app-harness.js";

type Payload = Record<string, any>;
const all = createRequire(import.meta.url)("@octokit/webhooks-examples") as { name: string; examples: Payload[] }[];
function example(name: string, where: (p: Payload) => boolean): Payload {
  const found = all.find((group) => group.name === name)?.examples.find(where);
  if (!found) throw new Error(`no ${name} example`);
  return structuredClone(found);
}

const REPO = "Codertocat/Hello-World";

/** The examples' repository, seeded in the double with the ids the examples must point at. */
async function codertocat(): Promise<{ h: Harness; labelId: (name: string) => string; repoNodeId: string }> {
  const h = await createHarness();
  h.double.addInstallation({ id: 77, account: "Codertocat" });
  const repo = h.double.addRepo(REPO);
  h.double.setFile(REPO, ".github/bug-lifecycle.yml", FLEET_CONFIG);
  for (const login of ["Codertocat", "qa-lead", "mdm-em", "mdm-pm"]) h.double.addCollaborator(REPO, login, "write");
  const ids = new Map<string, string>();
  for (const name of ["bug", ":reproduce", ":release", "~awaiting QA", "#g-mdm"]) ids.set(name, h.double.addLabel(REPO, name).nodeId);
  h.double.addMilestone(REPO, { title: "v1.0" });
  return { h, labelId: (name) => ids.get(name)!, repoNodeId: repo.nodeId };
}

function adapt(payload: Payload, repoNodeId: string, issue?: { nodeId: string; labels: { name: string; node_id: string }[] }) {
  payload.installation = { id: 77, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNzc=" };
  payload.repository.node_id = repoNodeId;
  if (issue && payload.issue) Object.assign(payload.issue, { node_id: issue.nodeId, labels: issue.labels, state: "open", assignees: [], assignee: null });
  return payload;
}

describe("the app on GitHub's example payloads", () => {
  it("issue_comment.created with /reproduced #g-mdm", async () => {
    const { h, labelId, repoNodeId } = await codertocat();
    const seeded = h.double.addIssue(REPO, { number: 1, author: "someone", labels: ["bug", ":reproduce"] });
    const comment = h.double.addComment(REPO, 1, { author: "Codertocat", body: "/reproduced #g-mdm" });
    const payload = adapt(example("issue_comment", (p) => p.action === "created" && !p.issue.pull_request), repoNodeId, {
      nodeId: seeded.nodeId,
      labels: ["bug", ":reproduce"].map((name) => ({ name, node_id: labelId(name) })),
    });
    Object.assign(payload.comment, { id: comment.id, node_id: comment.nodeId, body: "/reproduced #g-mdm" });
    await h.receive({ id: "example-1", name: "issue_comment", payload });
    const issue = h.double.issue(REPO, 1);
    expect(issue.labels.sort()).toEqual(["#g-mdm", "bug"]);
    expect(issue.assignees).toEqual(["mdm-em"]);
  });

  it("issues.labeled with :release by hand", async () => {
    const { h, labelId, repoNodeId } = await codertocat();
    const seeded = h.double.addIssue(REPO, { number: 1, author: "someone", labels: ["bug", "#g-mdm", ":release", ":reproduce"] });
    const payload = adapt(example("issues", (p) => p.action === "labeled"), repoNodeId, {
      nodeId: seeded.nodeId,
      labels: ["bug", "#g-mdm", ":release", ":reproduce"].map((name) => ({ name, node_id: labelId(name) })),
    });
    payload.label = { ...payload.label, name: ":release", node_id: labelId(":release") };
    await h.receive({ id: "example-2", name: "issues", payload });
    const issue = h.double.issue(REPO, 1);
    expect(issue.labels.sort()).toEqual([":release", "#g-mdm", "bug"].sort());
    expect(issue.assignees).toEqual(["mdm-em"]);
  });

  it("pull_request.closed (merged) moves the bug it references to QA", async () => {
    const { h, repoNodeId } = await codertocat();
    h.double.addIssue(REPO, { number: 1, author: "someone", labels: ["bug", "#g-mdm", ":release"], assignees: ["mdm-em"] });
    h.double.addPull(REPO, { number: 2, author: "Codertocat", body: "Fixes a bug", merged: true, state: "closed" });
    const payload = adapt(example("pull_request", (p) => p.action === "closed"), repoNodeId);
    Object.assign(payload.pull_request, { merged: true, body: "This addresses #1" });
    await h.receive({ id: "example-3", name: "pull_request", payload });
    const issue = h.double.issue(REPO, 1);
    expect(issue.labels).toContain("~awaiting QA");
    expect(issue.assignees.sort()).toEqual(["mdm-em", "qa-lead"]);
    expect(issue.comments.at(-1)?.body).toContain("pull/2");
  });

  it("milestone.closed releases its ready bugs", async () => {
    const { h, repoNodeId } = await codertocat();
    h.double.addIssue(REPO, { number: 1, author: "someone", labels: ["bug", ":release", "~ready for release"], milestone: "v1.0" });
    h.double.addIssue(REPO, { number: 3, author: "someone", labels: ["bug", ":release", "~awaiting QA"], milestone: "v1.0" });
    const payload = adapt(example("milestone", (p) => p.action === "closed"), repoNodeId);
    await h.receive({ id: "example-4", name: "milestone", payload });
    expect(h.double.issue(REPO, 1)).toMatchObject({ state: "closed", stateReason: "completed" });
    expect(h.double.issue(REPO, 1).comments.at(-1)?.body).toContain("Released in v1.0");
    expect(h.double.issue(REPO, 3).state).toBe("open");
  });
});
