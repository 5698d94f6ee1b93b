//! Purpose: the config check run end to end through Probot; GitHub mocked, every body checked against its API description.
import nock from "nock";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { validateRestRequest } from "../support/openapi.js";
import { API, REPO, createApp, mockToken, pullRequestEvent } from "./probot-app.js";

const SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const FILE = ".github/bug-lifecycle.yml";
const LABELS = ["bug", ":reproduce", ":product", ":release", "~awaiting QA", "~ready for release", "~needs info"]
  .concat(["~critical bug", "~unreleased bug", "~released bug", "#g-mdm"])
  .map((name) => ({ name }));
const PEOPLE = ["qa-lead", "head", "mdm-em", "mdm-pm"].map((login) => ({ login }));
// Octokit escapes the slash of the file path; GitHub accepts either form.
const CONTENT_PATH = /^\/repos\/Codertocat\/Hello-World\/contents\/\.github(%2F|\/)bug-lifecycle\.yml$/;
const GOOD = 'people: { qa: [qa-lead], headOfProduct: head }\ngroups:\n  "#g-mdm": { em: mdm-em, pm: mdm-pm }\n';

type Sent = { method: string; path: string; body: Record<string, unknown> };
let sent: Sent[];

/** Records each check run request, so tests read what was sent after it was validated. */
function mockChecks(updates = 0): void {
  const record = (method: string, path: string) => (body: Record<string, unknown>) => {
    sent.push({ method, path, body });
    return true;
  };
  nock(API).post(`${REPO}/check-runs`, record("POST", `${REPO}/check-runs`)).reply(201, { id: 77 });
  if (updates > 0) {
    nock(API).patch(`${REPO}/check-runs/77`, record("PATCH", `${REPO}/check-runs/77`)).times(updates).reply(200, { id: 77 });
  }
}

function mockFiles(...pages: { filename: string; status: string; previous_filename?: string }[][]): void {
  pages.forEach((files, index) => {
    const next: Record<string, string> = {};
    if (index + 1 < pages.length) next.link = `<${API}${REPO}/pulls/2/files?per_page=100&page=${index + 2}>; rel="next"`;
    nock(API)
      .get(`${REPO}/pulls/2/files`)
      .query(index === 0 ? { per_page: "100" } : { per_page: "100", page: String(index + 1) })
      .reply(200, files, next);
  });
}

function mockContent(text: string, contentType = "text/plain; charset=utf-8"): void {
  nock(API)
    .get(CONTENT_PATH)
    .query({ ref: SHA })
    .matchHeader("accept", /application\/vnd\.github\.(v3\.)?raw/)
    .reply(200, text, { "content-type": contentType });
}

function mockRepoFacts({ collaborators = 200 as 200 | 403, labels = LABELS } = {}): void {
  nock(API).get(`${REPO}/labels`).query({ per_page: "100" }).reply(200, labels);
  const scope = nock(API).get(`${REPO}/collaborators`).query({ per_page: "100" });
  if (collaborators === 403) scope.reply(403, { message: "Must have push access to view repository collaborators." });
  else scope.reply(200, PEOPLE);
}

function onlyRun(): Sent {
  expect(sent).toHaveLength(1);
  return sent[0] as Sent;
}

beforeAll(() => {
  nock.disableNetConnect();
});

beforeEach(() => {
  nock.cleanAll();
  sent = [];
  mockToken();
});

afterEach(() => {
  // Every body sent must be one GitHub accepts, and every mocked request must have been made (and no other).
  for (const request of sent) expect(validateRestRequest(request), `${request.method} ${request.path}`).toEqual([]);
  expect(nock.pendingMocks()).toEqual([]);
});

describe("checkConfigChange", () => {
  it.each(["opened", "synchronize", "reopened"] as const)(
    "makes no request beyond listing the files when %s does not touch the config",
    async (action) => {
      mockFiles([{ filename: "README.md", status: "modified" }, { filename: ".github/other.yml", status: "added" }]);
      await (await createApp()).receive(pullRequestEvent(action));
      expect(sent).toEqual([]);
    },
  );

  it("passes a valid config found on the second page of files", async () => {
    mockFiles([{ filename: "README.md", status: "modified" }], [{ filename: FILE, status: "modified" }]);
    mockContent(GOOD);
    mockRepoFacts();
    mockChecks();
    await (await createApp()).receive(pullRequestEvent("synchronize"));
    const { body } = onlyRun();
    expect(body).toMatchObject({ name: "bug-lifecycle config", head_sha: SHA, status: "completed", conclusion: "success" });
    expect(body.output).toMatchObject({ title: "Valid", annotations: [] });
  });

  it("is neutral with warnings, annotated on their lines", async () => {
    mockFiles([{ filename: FILE, status: "added" }]);
    mockContent(`${GOOD}labels:\n  bug: Bug\ncommands:\n  critical: [stranger]\n`);
    mockRepoFacts();
    mockChecks();
    await (await createApp()).receive(pullRequestEvent());
    const { body } = onlyRun();
    expect(body.conclusion).toBe("neutral");
    expect(body.output).toMatchObject({
      title: "2 warnings",
      annotations: [
        { path: FILE, start_line: 5, end_line: 5, annotation_level: "warning", message: 'label "Bug" is spelled "bug" in this repository' },
        { path: FILE, start_line: 7, end_line: 7, annotation_level: "warning", message: expect.stringContaining("@stranger") },
      ],
    });
  });

  it("fails an invalid config without asking for labels or people", async () => {
    mockFiles([{ filename: FILE, status: "modified" }]);
    mockContent('labels:\n  bug: "unclosed\n');
    mockChecks();
    await (await createApp()).receive(pullRequestEvent());
    const { body } = onlyRun();
    expect(body.conclusion).toBe("failure");
    expect(body.output).toMatchObject({
      title: "1 error",
      annotations: [{ annotation_level: "failure", message: expect.stringContaining("YAML: Missing closing") }],
    });
  });

  it.each([
    ["deleted", [{ filename: FILE, status: "removed" }]],
    ["moved away", [{ filename: ".github/old.yml", previous_filename: FILE, status: "renamed" }]],
  ])("passes a config %s, saying the defaults apply", async (_name, files) => {
    mockFiles(files);
    mockChecks();
    await (await createApp()).receive(pullRequestEvent());
    const { body } = onlyRun();
    expect(body.conclusion).toBe("success");
    expect(body.output).toMatchObject({ title: "Config deleted: defaults apply" });
  });

  it("skips the login checks, and says so, when collaborators are forbidden", async () => {
    mockFiles([{ filename: FILE, status: "modified" }]);
    mockContent(`${GOOD}commands:\n  critical: [stranger]\n`);
    mockRepoFacts({ collaborators: 403 });
    mockChecks();
    await (await createApp()).receive(pullRequestEvent());
    const { body } = onlyRun();
    expect(body.conclusion).toBe("success");
    expect((body.output as { summary: string }).summary).toContain("Logins were not checked against the collaborators");
  });

  it("sends annotations past GitHub's 50 in updates", async () => {
    const groups = Array.from({ length: 60 }, (_, index) => `  "#g-${index}": {}`).join("\n");
    mockFiles([{ filename: FILE, status: "modified" }]);
    mockContent(`groups:\n${groups}\n`);
    mockRepoFacts({ labels: [...LABELS, ...Array.from({ length: 60 }, (_, index) => ({ name: `#g-${index}` }))] });
    mockChecks(2);
    await (await createApp()).receive(pullRequestEvent());
    const annotations = sent.map((request) => (request.body.output as { annotations: unknown[] }).annotations.length);
    expect(sent.map((request) => request.method)).toEqual(["POST", "PATCH", "PATCH"]);
    expect(annotations).toEqual([50, 50, 20]);
    expect(sent[0]?.body.conclusion).toBe("neutral");
  });

  it("reads raw content that arrives as bytes", async () => {
    mockFiles([{ filename: FILE, status: "modified" }]);
    mockContent(GOOD, "application/octet-stream");
    mockRepoFacts();
    mockChecks();
    await (await createApp()).receive(pullRequestEvent());
    expect(onlyRun().body.conclusion).toBe("success");
  });

  it("decides but creates no check run in dry run", async () => {
    mockFiles([{ filename: FILE, status: "modified" }]);
    mockContent("dryRun: nope\n");
    await (await createApp({ dryRun: true })).receive(pullRequestEvent());
    expect(sent).toEqual([]);
  });

  it("throws API failures with what it was doing", async () => {
    mockFiles([{ filename: FILE, status: "modified" }]);
    nock(API).get(CONTENT_PATH).query({ ref: SHA }).reply(502, "Bad gateway");
    await expect((await createApp()).receive(pullRequestEvent())).rejects.toThrow(
      `reading ${FILE} of Codertocat/Hello-World#2 at ${SHA}: 502`,
    );
  });
});
