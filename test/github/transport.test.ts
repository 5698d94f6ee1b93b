//! Purpose: the app's HTTP transport behind Octokit: what Octokit reads from a response, redirects, errors, and who gets it.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Listening } from "@bug-lifecycle/github-double";
import { transportFetch, useTransport } from "../../src/github/transport.js";
import { REPO, seeded } from "../double/fixture.js";

const Client = ProbotOctokit.defaults((options: Record<string, unknown>) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } }));

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  vi.restoreAllMocks();
  while (closers.length) await closers.pop()!();
});

async function onDouble() {
  const double = seeded();
  const server: Listening = await double.listen();
  closers.push(() => server.close());
  const octokit = useTransport(new Client({ auth: { token: double.installationToken() }, baseUrl: `${server.url}/api/v3` }));
  return { double, octokit };
}

/** A tiny server for what the double never answers: redirects, 204, plain text, a slow answer. */
async function tiny(handler: (request: IncomingMessage, body: string, response: ServerResponse) => void): Promise<string> {
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => handler(request, body, response));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  closers.push(() => new Promise((done) => server.close(() => done())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("through Octokit, against the double over HTTP", () => {
  it("reads REST, runs GraphQL, and sends nothing through Node's fetch", async () => {
    const spy = vi.spyOn(globalThis, "fetch");
    const { double, octokit } = await onDouble();
    const { data, headers, status } = await octokit.rest.issues.get({ owner: "acme", repo: "app", issue_number: 1 });
    expect(status).toBe(200);
    expect(data.title).toBe("Crash on start");
    expect(headers["content-type"]).toMatch(/^application\/json/);
    const result = await octokit.graphql<{ repository: { nameWithOwner: string } }>(`{ repository(owner: "acme", name: "app") { nameWithOwner } }`);
    expect(result.repository.nameWithOwner).toBe(REPO);
    await octokit.rest.issues.createComment({ owner: "acme", repo: "app", issue_number: 1, body: "héllo ✓" });
    expect(double.issue(REPO, 1).comments.at(-1)?.body).toBe("héllo ✓");
    expect(double.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      "GET /repos/acme/app/issues/1 200",
      "POST /graphql 200",
      "POST /repos/acme/app/issues/1/comments 201",
    ]);
    expect(spy).not.toHaveBeenCalled();
  });

  it("turns GitHub's refusals into Octokit's RequestError with status and message", async () => {
    const { octokit } = await onDouble();
    await expect(octokit.rest.issues.get({ owner: "acme", repo: "app", issue_number: 999 })).rejects.toMatchObject({ status: 404, message: expect.stringMatching(/Not Found/) });
    // Invalid against GitHub's OpenAPI description: the double answers 422 as GitHub would.
    await expect(octokit.request("POST /repos/{owner}/{repo}/issues", { owner: "acme", repo: "app", title: "x", labels: "bug" as unknown as string[] })).rejects.toMatchObject({ status: 422 });
  });
});

describe("what the double never answers", () => {
  it("follows a 301 for GET and a 307 for POST with its body, as fetch does", async () => {
    const url = await tiny((request, body, response) => {
      if (request.url === "/repos/old/name/issues/1") return response.writeHead(301, { location: "/repos/new/name/issues/1" }).end();
      if (request.url === "/old/comments") return response.writeHead(307, { location: "/new/comments" }).end();
      response.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify({ at: request.url, method: request.method, body }));
    });
    const octokit = useTransport(new Client({ auth: "t", baseUrl: url }));
    expect((await octokit.request("GET /repos/{owner}/{repo}/issues/{n}", { owner: "old", repo: "name", n: 1 })).data).toEqual({ at: "/repos/new/name/issues/1", method: "GET", body: "" });
    expect((await octokit.request("POST /old/comments", { text: "x" })).data).toEqual({ at: "/new/comments", method: "POST", body: '{"text":"x"}' });
  });

  it("answers 204 without a body, plain text as a string, and repeated headers joined", async () => {
    const url = await tiny((request, _body, response) => {
      if (request.method === "DELETE") return response.writeHead(204).end();
      response.setHeader("set-cookie", ["a=1", "b=2"]);
      response.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end("just text");
    });
    const octokit = useTransport(new Client({ auth: "t", baseUrl: url }));
    expect(await octokit.request("DELETE /thing")).toMatchObject({ status: 204, data: "" });
    const text = await octokit.request("GET /text");
    expect(text.data).toBe("just text");
    expect(text.headers["set-cookie"]).toBe("a=1, b=2");
  });

  it("refuses a redirect when asked to, and stops when the caller aborts", async () => {
    const url = await tiny((request, _body, response) => {
      if (request.url === "/moved") return response.writeHead(302, { location: "/elsewhere" }).end();
      setTimeout(() => response.writeHead(200, { "content-type": "application/json" }).end("{}"), 2_000);
    });
    await expect(transportFetch(`${url}/moved`, { redirect: "error" })).rejects.toThrow(/redirect/);
    expect((await transportFetch(`${url}/moved`, { redirect: "manual" })).status).toBe(302);
    const controller = new AbortController();
    const pending = transportFetch(`${url}/slow`, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toThrow();
  });
});

describe("useTransport", () => {
  it("leaves a client that was given a fetch (the double in tests and simulate) on that fetch", async () => {
    const url = await tiny((_request, _body, response) => response.writeHead(200, { "content-type": "application/json" }).end('{"from":"server"}'));
    const given = vi.fn(async (input: string | URL | Request, init?: RequestInit) => fetch(input, init));
    const octokit = useTransport(new Client({ auth: "t", baseUrl: url, request: { fetch: given } }));
    expect((await octokit.request("GET /x")).data).toEqual({ from: "server" });
    expect(given).toHaveBeenCalledTimes(1);
  });
});
