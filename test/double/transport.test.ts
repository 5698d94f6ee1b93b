//! Purpose: real clients against the double: Octokit over HTTP with app auth, and a Probot app in-process.
import { Probot } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import type { Listening } from "@bug-lifecycle/github-double";
import { REPO, TestOctokit, seeded } from "./fixture.js";
import { rsaKey } from "../support/fixtures.js";

const privateKey = rsaKey();

let server: Listening | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("HTTP mode", () => {
  it("serves REST under /api/v3 and GraphQL at /api/graphql to a real client", async () => {
    const double = seeded();
    server = await double.listen();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const octokit = new TestOctokit({ auth: { token: double.installationToken() }, baseUrl: `${server.url}/api/v3` });
    const { data } = await octokit.rest.issues.get({ owner: "acme", repo: "app", issue_number: 1 });
    expect(data.title).toBe("Crash on start");
    const result = await octokit.graphql<{ repository: { nameWithOwner: string } }>(`{ repository(owner: "acme", name: "app") { nameWithOwner } }`);
    expect(result.repository.nameWithOwner).toBe(REPO);
    const paths = double.requests.map((r) => `${r.kind} ${r.path}`);
    expect(paths).toEqual(["rest /repos/acme/app/issues/1", "graphql /graphql"]);
  });

  it("authenticates as the app with a JWT, mints an installation token and acts as the bot", async () => {
    const double = seeded();
    server = await double.listen();
    const installationId = double.store.installationFor(double.store.repo(REPO))!.id;
    const octokit = new TestOctokit({ auth: { appId: 42, privateKey, installationId }, baseUrl: `${server.url}/api/v3` });
    await octokit.rest.issues.createComment({ owner: "acme", repo: "app", issue_number: 1, body: "hello" });
    expect(double.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `POST /app/installations/${installationId}/access_tokens 201`,
      "POST /repos/acme/app/issues/1/comments 201",
    ]);
    expect(double.writes()).toHaveLength(1);
    expect(double.issue(REPO, 1).comments.at(-1)?.author).toBe("bug-lifecycle[bot]");
  });

  it("rejects an app JWT for another app", async () => {
    const double = seeded();
    server = await double.listen();
    const octokit = new TestOctokit({ auth: { appId: 7, privateKey, installationId: 1 }, baseUrl: `${server.url}/api/v3` });
    await expect(octokit.rest.issues.get({ owner: "acme", repo: "app", issue_number: 1 })).rejects.toMatchObject({ status: 401 });
  });
});

describe("app authentication", () => {
  it("lets an app's JWT find a repository's installation, as GitHub does", async () => {
    const double = seeded();
    const probot = new Probot({ appId: 42, privateKey, secret: "s", logLevel: "fatal", Octokit: TestOctokit, request: { fetch: double.fetch } });
    const app = await probot.auth();
    const { data } = await app.rest.apps.getRepoInstallation({ owner: "acme", repo: "app" });
    expect(data.account && "login" in data.account ? data.account.login : null).toBe("acme");
  });
});

describe("in-process mode", () => {
  it("runs a Probot app against the double's fetch, with config from the org's .github repository", async () => {
    const double = seeded();
    double.addRepo("acme/.github", { files: { ".github/bug-lifecycle.yml": "dryRun: true\nlabels:\n  bug: defect\n" } });
    const probot = new Probot({ appId: 42, privateKey, secret: "s", logLevel: "fatal", Octokit: TestOctokit, request: { fetch: double.fetch } });
    const seen: unknown[] = [];
    await probot.load((app) => {
      app.on("issue_comment.created", async (context) => {
        seen.push(await context.config("bug-lifecycle.yml"));
        await context.octokit.rest.issues.addLabels(context.issue({ labels: ["seen"] }));
      });
    });
    await probot.receive(double.payload("issue_comment.created", { repo: REPO, number: 1, actor: "maint", body: "/why" }));
    expect(seen).toEqual([{ dryRun: true, labels: { bug: "defect" } }]);
    expect(double.issue(REPO, 1).labels).toContain("seen");
    expect(double.webhooks.map((w) => `${w.name}.${w.payload.action}`)).toEqual(["issues.labeled"]);
    const contents = double.requests.filter((r) => r.path.includes("/contents/")).map((r) => `${r.path} ${r.status}`);
    expect(contents).toEqual(["/repos/acme/app/contents/.github%2Fbug-lifecycle.yml 404", "/repos/acme/.github/contents/.github%2Fbug-lifecycle.yml 200"]);
  });

  it("feeds the app the webhooks its own writes cause, and settles unless it loops", async () => {
    const double = seeded();
    const probot = new Probot({ appId: 42, privateKey, secret: "s", logLevel: "fatal", Octokit: TestOctokit, request: { fetch: double.fetch } });
    let loop = false;
    const received: string[] = [];
    await probot.load((app) => {
      app.on("issues.labeled", async (context) => {
        received.push(`${context.payload.label?.name} by ${context.payload.sender.login}`);
        if (loop) await context.octokit.rest.issues.addLabels(context.issue({ labels: [`again-${received.length}`] }));
      });
    });
    double.onWebhook((_name, _payload, event) => probot.receive(event));
    await probot.receive(double.payload("issues.labeled", { repo: REPO, number: 1, actor: "maint", label: ":release" }));
    expect(received).toEqual([":release by maint"]);
    loop = true;
    await probot.receive(double.payload("issues.labeled", { repo: REPO, number: 1, actor: "maint", label: ":product" }));
    await expect(double.settled(5)).rejects.toThrow(/loop/);
    loop = false;
    await double.settled();
    expect(received.slice(1, 3)).toEqual([":product by maint", "again-2 by bug-lifecycle[bot]"]);
  });
});
