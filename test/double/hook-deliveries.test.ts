//! Purpose: the double's `/app/hook/deliveries`: attempts recorded as GitHub records them, listed by cursor, redelivered on request.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { matchRoute, responseSchema, validateAgainst, type Listening } from "@bug-lifecycle/github-double";
import { REPO, TestOctokit, seeded } from "./fixture.js";
import { rsaKey } from "../support/fixtures.js";

const privateKey = rsaKey();

let listening: Listening | undefined;
let app: Server | undefined;
afterEach(async () => {
  await listening?.close();
  await new Promise((done) => (app ? app.close(done) : done(undefined)));
  listening = undefined;
  app = undefined;
});

/** A webhook receiver answering `status(guid)`; records what it got. */
async function receiver(status: (guid: string) => number) {
  const got: { guid: string; signature: string | undefined }[] = [];
  app = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const guid = String(req.headers["x-github-delivery"]);
      got.push({ guid, signature: req.headers["x-hub-signature-256"] as string | undefined });
      res.writeHead(status(guid)).end();
    });
  });
  await new Promise<void>((done) => app!.listen(0, "127.0.0.1", done));
  return { url: `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/github/webhooks`, got };
}

function comment(double: ReturnType<typeof seeded>, body: string) {
  return double.payload("issue_comment.created", { repo: REPO, actor: "maint", number: 1, body });
}

describe("webhook deliveries in the double", () => {
  it("records each attempt as GitHub does: 2xx OK, other status failed, unreachable failed to connect", async () => {
    const double = seeded();
    const hook = await receiver((guid) => (guid === "boom" ? 500 : 200));
    double.hookTarget(hook.url, "s3cret");
    const good = await double.hookSend(comment(double, "/why"));
    const bad = await double.hookSend({ ...comment(double, "/why"), id: "boom" });
    double.hookTarget("http://127.0.0.1:1/nowhere", "s3cret");
    const down = await double.hookSend(comment(double, "/why"));
    expect([good, bad, down].map((a) => [a.status, a.statusCode])).toEqual([["OK", 200], ["Invalid HTTP Response: 500", 500], ["failed to connect", 0]]);
    expect(hook.got.map((g) => g.signature?.startsWith("sha256="))).toEqual([true, true]);
  });

  it("lists attempts newest first, paged by cursor with a link header, in GitHub's documented shape", async () => {
    const double = seeded();
    for (let i = 0; i < 5; i += 1) double.hookRecord(comment(double, `/why ${i}`), i % 2 ? 200 : 502);
    listening = await double.listen();
    const octokit = new TestOctokit({ auth: { appId: 42, privateKey }, baseUrl: `${listening.url}/api/v3` });
    const first = await octokit.request("GET /app/hook/deliveries", { per_page: 2 });
    expect(first.headers.link).toMatch(/cursor=3>; rel="next"/);
    const schema = responseSchema("GET", matchRoute("GET", "/app/hook/deliveries")!.route.template, 200)!;
    expect(validateAgainst(first.data, schema, "response")).toEqual([]);
    const all = await octokit.paginate("GET /app/hook/deliveries", { per_page: 2 });
    expect(all.map((d) => d.id)).toEqual([5, 4, 3, 2, 1]);
    const failures = await octokit.paginate("GET /app/hook/deliveries", { per_page: 100, status: "failure" } as { per_page: number });
    expect(failures.map((d) => d.status_code)).toEqual([502, 502, 502]);
    await expect(octokit.request("GET /app/hook/deliveries", { cursor: "999" })).rejects.toMatchObject({ status: 422 });
  });

  it("redelivers an attempt (202), sending the same guid again as a redelivery; an unknown id is 404", async () => {
    const double = seeded();
    const hook = await receiver(() => 200);
    double.hookTarget(hook.url, "s3cret");
    const failed = double.hookRecord(comment(double, "/why"), 0);
    listening = await double.listen();
    const octokit = new TestOctokit({ auth: { appId: 42, privateKey }, baseUrl: `${listening.url}/api/v3` });
    const answer = await octokit.request("POST /app/hook/deliveries/{delivery_id}/attempts", { delivery_id: failed.id });
    expect(answer.status).toBe(202);
    await double.store.hookLog.settled();
    expect(hook.got.map((g) => g.guid)).toEqual([failed.guid]);
    expect(double.hookAttempts.map((a) => [a.guid, a.redelivery, a.status])).toEqual([[failed.guid, false, "failed to connect"], [failed.guid, true, "OK"]]);
    await expect(octokit.request("POST /app/hook/deliveries/{delivery_id}/attempts", { delivery_id: 999 })).rejects.toMatchObject({ status: 404 });
    // An installation token is not the app.
    const bot = new TestOctokit({ auth: double.installationToken(), baseUrl: `${listening.url}/api/v3` });
    await expect(bot.request("GET /app/hook/deliveries")).rejects.toMatchObject({ status: 401 });
  });
});
