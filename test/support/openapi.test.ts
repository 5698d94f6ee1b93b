//! Purpose: prove the OpenAPI request checker catches the mistakes it exists for, and accepts GitHub's own examples.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateRestRequest } from "./openapi.js";

const CREATE = { method: "POST", path: "/repos/{owner}/{repo}/check-runs" };
const UPDATE = { method: "PATCH", path: "/repos/octo/hello/check-runs/42" };

const annotation = {
  path: ".github/bug-lifecycle.yml",
  start_line: 3,
  end_line: 3,
  annotation_level: "warning",
  message: "label does not exist",
};
const valid = {
  name: "bug-lifecycle config",
  head_sha: "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
  status: "completed",
  conclusion: "neutral",
  output: { title: "1 warning", summary: "…", annotations: [annotation] },
};

describe("validateRestRequest", () => {
  it("accepts GitHub's own examples of creating a check run", () => {
    const file = createRequire(import.meta.url).resolve("@octokit/openapi/generated/api.github.com.json");
    const document = JSON.parse(readFileSync(file, "utf8")) as {
      paths: Record<string, { post: { requestBody: { content: Record<string, { examples: object }> } } }>;
    };
    const examples = document.paths["/repos/{owner}/{repo}/check-runs"]?.post.requestBody.content["application/json"]
      ?.examples as Record<string, { value: unknown }>;
    expect(Object.keys(examples).length).toBeGreaterThan(0);
    for (const { value } of Object.values(examples)) expect(validateRestRequest({ ...CREATE, body: value })).toEqual([]);
  });

  it("accepts a valid body on a concrete path", () => {
    expect(validateRestRequest({ method: "post", path: "/repos/octo/hello/check-runs", body: valid })).toEqual([]);
  });

  const annotate = (change: object) => ({ output: { ...valid.output, annotations: [{ ...annotation, ...change }] } });
  it.each([
    ["an unknown annotation_level", annotate({ annotation_level: "error" }), /annotation_level: "error" is not one of "notice", "warning", "failure"/],
    ["an annotation without its message", annotate({ message: undefined }), /missing required property "message"/],
    ["a line number as text", annotate({ start_line: "3" }), /start_line: expected integer/],
    ["51 annotations in one request", { output: { ...valid.output, annotations: Array(51).fill(annotation) } }, /51 items, more than 50/],
    ["an unknown conclusion", { conclusion: "warning" }, /conclusion: "warning" is not one of/],
    ["an output without a summary", { output: { title: "t" } }, /missing required property "summary"/],
    ["a misspelled property GitHub would ignore", { head_sha: undefined, headSha: "abc" }, /missing required property "head_sha"/],
    ["a summary over GitHub's limit", { output: { ...valid.output, summary: "x".repeat(65_536) } }, /summary: longer than 65535/],
  ])("rejects %s", (_name, change, expected) => {
    const body = JSON.parse(JSON.stringify({ ...valid, ...change })) as unknown;
    const errors = validateRestRequest({ ...CREATE, body });
    expect(errors.join("\n")).toMatch(expected);
  });

  it("reports an unknown property even where the description allows anything", () => {
    expect(validateRestRequest({ ...CREATE, body: { ...valid, conclusionn: "success" } })).toEqual([
      'body: unknown property "conclusionn"',
    ]);
  });

  it("checks the anyOf of an update: completing needs a conclusion", () => {
    expect(validateRestRequest({ ...UPDATE, body: { status: "completed", conclusion: "success" } })).toEqual([]);
    expect(validateRestRequest({ ...UPDATE, body: { output: { title: "t", summary: "s", annotations: [annotation] } } })).toEqual([]);
    expect(validateRestRequest({ ...UPDATE, body: { status: "completed" } }).join("\n")).toMatch(/matches none of anyOf/);
  });

  it("resolves $refs into components", () => {
    // The token request describes its permissions as `#/components/schemas/app-permissions`.
    const path = "/app/installations/1/access_tokens";
    expect(validateRestRequest({ method: "POST", path, body: { permissions: { checks: "write" } } })).toEqual([]);
    expect(validateRestRequest({ method: "POST", path, body: { permissions: { checks: "admin" } } }).join("\n")).toMatch(
      /checks: "admin" is not one of "read", "write"/,
    );
  });

  it("refuses endpoints GitHub does not have", () => {
    expect(validateRestRequest({ method: "POST", path: "/repos/o/r/check-walks", body: {} })).toEqual([
      "POST /repos/o/r/check-walks: no such route in GitHub's REST API",
    ]);
  });
});
