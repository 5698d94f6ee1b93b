//! Purpose: bad input at the HTTP door (forged, missing signatures, unknown events) and GitHub failures: defined outcomes.
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createNodeMiddleware } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { createHarness, REPO, seedBug, type Harness } from "../support/app-harness.js";

let server: Server | undefined;
afterEach(() => server?.close());

async function serve(h: Harness): Promise<string> {
  const middleware = await createNodeMiddleware(() => {}, { probot: h.probot });
  server = createServer((req, res) => {
    void middleware(req, res, () => {
      res.writeHead(404);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/api/github/webhooks`;
}

function post(url: string, name: string, body: string, signature: string | null, id = "d-1") {
  const headers: Record<string, string> = { "content-type": "application/json", "x-github-event": name, "x-github-delivery": id };
  if (signature !== null) headers["x-hub-signature-256"] = signature;
  return fetch(url, { method: "POST", headers, body });
}

const sign = (body: string, secret = "test-secret") => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

describe("the webhook endpoint", () => {
  it("acts on a correctly signed delivery", async () => {
    const h = await createHarness();
    const url = await serve(h);
    const number = seedBug(h, ["bug", ":reproduce"]);
    const { payload } = h.double.payload("issue_comment.created", { repo: REPO, actor: "maint", number, body: "/reproduced #g-mdm" });
    const body = JSON.stringify(payload);
    const response = await post(url, "issue_comment", body, sign(body));
    expect(response.status).toBe(200);
    expect(h.issue(number).labels).toContain("#g-mdm");
  });

  // Exactly 400 (what Probot's middleware answers): a 500 here would mean the check crashed, not refused.
  it.each([
    ["a forged signature", (body: string) => sign(body, "not-the-secret")],
    ["a signature of another body", () => sign("{}")],
    ["no signature", () => null],
  ])("rejects %s with 400 and does nothing", async (_name, signature) => {
    const h = await createHarness();
    const url = await serve(h);
    const number = seedBug(h, ["bug", ":reproduce"]);
    const { payload } = h.double.payload("issue_comment.created", { repo: REPO, actor: "maint", number, body: "/reproduced #g-mdm" });
    h.double.resetRecords();
    const body = JSON.stringify(payload);
    const response = await post(url, "issue_comment", body, signature(body));
    expect(response.status).toBe(400);
    expect(h.double.requests).toEqual([]);
    expect(h.issue(number).labels).not.toContain("#g-mdm");
  });

  it("answers a body that is not JSON with a client error", async () => {
    const h = await createHarness();
    const url = await serve(h);
    const response = await post(url, "issues", "{not json", sign("{not json"));
    expect(response.status).toBe(400);
    expect(h.double.requests).toEqual([]);
  });

  it("ignores events it does not handle", async () => {
    const h = await createHarness();
    const url = await serve(h);
    const body = JSON.stringify({ action: "started", repository: { name: "app", owner: { login: "acme" } }, sender: { login: "x" } });
    const response = await post(url, "star", body, sign(body));
    expect(response.status).toBe(200);
    expect(h.double.requests).toEqual([]);
  });
});

describe("GitHub failures", () => {
  it("a failed write is logged with context, fails the delivery, and the next event repairs it", async () => {
    const h = await createHarness();
    const number = seedBug(h, ["bug", ":reproduce", "#g-mdm"], ["qa-lead"]);
    h.double.fault({ graphqlField: "addAssigneesToAssignable", status: 502 });
    await expect(h.act("issues.unlabeled", { actor: "qa-lead", number, label: ":reproduce" })).rejects.toThrow(/writes failed/);
    expect(h.issue(number).assignees).toEqual(["qa-lead"]); // nothing half-applied
    await h.act("issue_comment.created", { actor: "maint", number, body: "/group #g-mdm" });
    const failed = h.logs.find((line) => line.msg === "write failed");
    expect(failed).toMatchObject({ repo: REPO, issue: number, result: "failed" });
    expect(String(failed?.error)).toContain("502");
    expect(h.issue(number).assignees).toEqual(["mdm-em"]);
  });

  it("a failed config read fails the delivery loudly, and a redelivery succeeds", async () => {
    const h = await createHarness();
    const number = seedBug(h, ["bug", ":reproduce"]);
    h.double.fault({ path: /contents/, status: 500, times: 1 });
    const delivery = h.double.payload("issue_comment.created", { repo: REPO, actor: "maint", number, body: "/reproduced #g-mdm" });
    await expect(h.receive(delivery)).rejects.toThrow();
    expect(h.logs.some((line) => line.msg === "handler failed" && line.delivery === delivery.id)).toBe(true);
    await h.receive(structuredClone(delivery));
    expect(h.issue(number).labels).toContain("#g-mdm");
  });

  it("a redelivery after a secondary rate limit is not skipped as a duplicate, and completes the transition", async () => {
    const h = await createHarness();
    const number = seedBug(h, ["bug", ":reproduce"], ["qa-lead"]);
    h.double.fault({ graphqlField: "addLabelsToLabelable", status: 403, headers: { "retry-after": "1" }, body: { message: "You have exceeded a secondary rate limit" } });
    const delivery = h.double.payload("issue_comment.created", { repo: REPO, actor: "maint", number, body: "/reproduced #g-mdm" });
    await expect(h.receive(delivery)).rejects.toThrow(/secondary rate limit/);
    expect(h.issue(number).labels.sort()).toEqual([":reproduce", "bug"]);
    await h.receive(structuredClone(delivery));
    expect(h.issue(number).labels.sort()).toEqual(["#g-mdm", "bug"]);
    expect(h.issue(number).assignees).toEqual(["mdm-em"]);
  });
});

describe("config lookup", () => {
  it("falls back to the organisation's .github repository", async () => {
    const h = await createHarness({ config: null });
    h.double.addRepo("acme/.github");
    h.double.setFile("acme/.github", ".github/bug-lifecycle.yml", "labels: { release: 'sprint' }\n");
    const number = seedBug(h, ["bug", ":reproduce"]);
    await h.act("issues.labeled", { actor: "maint", number, label: "sprint" });
    expect(h.issue(number).labels.sort()).toEqual(["bug", "sprint"]);
  });

  it("follows _extends, and arrays replace the inherited ones", async () => {
    const h = await createHarness({ config: "_extends: .github\npeople: { qa: [qa-lead] }\n" });
    h.double.addRepo("acme/.github");
    h.double.setFile("acme/.github", ".github/bug-lifecycle.yml", "people: { qa: [other-qa] }\ngroups: { '#g-mdm': { em: mdm-em } }\n");
    const number = seedBug(h, ["bug", ":release", "#g-mdm"], ["mdm-em"]);
    await h.act("issue_comment.created", { actor: "maint", number, body: "/fixed" });
    expect(h.issue(number).assignees.sort()).toEqual(["mdm-em", "qa-lead"]);
  });
});
