//! Purpose: how the runner's environment becomes the action's settings, and which events become which work.
import { describe, expect, it } from "vitest";
import { input, readSettings } from "../../src/action/inputs.js";
import { workFor } from "../../src/action/work.js";

const RUNNER = {
  GITHUB_EVENT_NAME: "issues",
  GITHUB_EVENT_PATH: "/home/runner/work/_temp/_github_workflow/event.json",
  "INPUT_GITHUB-TOKEN": "ghs_job",
  GITHUB_REPOSITORY: "acme/app",
  GITHUB_API_URL: "https://api.github.com",
  GITHUB_RUN_ID: "42",
  GITHUB_RUN_ATTEMPT: "3",
};

describe("readSettings", () => {
  it("reads a runner's environment", () => {
    const read = readSettings(RUNNER);
    expect(read.ok && read.settings).toMatchObject({
      token: "ghs_job",
      repository: { owner: "acme", name: "app" },
      dryRun: false,
      report: false,
      logLevel: "info",
      deliveryId: "action-42-3",
      env: { GITHUB_TOKEN: "ghs_job", DRY_RUN: "false", SWEEP_SCHEDULE: "off", LOG_FORMAT: "json" },
    });
    expect(read.ok && read.settings.env.GHE_HOST).toBeUndefined();
  });

  it.each([
    ["INPUT_ names keep their dashes", { "INPUT_DRY-RUN": "true" }, { dryRun: true }],
    ["YAML booleans as core.getBooleanInput takes them", { "INPUT_DRY-RUN": "True", INPUT_REPORT: "TRUE" }, { dryRun: true, report: true }],
    ["RUNNER_DEBUG=1 (re-run with debug logging) wins over log-level", { RUNNER_DEBUG: "1", "INPUT_LOG-LEVEL": "warn" }, { logLevel: "debug" }],
    ["GITHUB_TOKEN when the input is empty", { "INPUT_GITHUB-TOKEN": "", GITHUB_TOKEN: "ghs_env" }, { token: "ghs_env" }],
    ["GitHub Enterprise Server's API URL", { GITHUB_API_URL: "https://ghe.example.com/api/v3" }, { env: expect.objectContaining({ GHE_HOST: "ghe.example.com", GHE_PROTOCOL: "https" }) }],
  ])("%s", (_name, extra, expected) => {
    const read = readSettings({ ...RUNNER, ...extra });
    expect(read.ok, JSON.stringify(read)).toBe(true);
    expect(read.ok && read.settings).toMatchObject(expected);
  });

  it.each([
    ["no event name", { GITHUB_EVENT_NAME: "" }, "GITHUB_EVENT_NAME is not set"],
    ["no token at all", { "INPUT_GITHUB-TOKEN": "" }, "no token"],
    ["a repository that is not owner/name", { GITHUB_REPOSITORY: "acme" }, "GITHUB_REPOSITORY must be owner/name"],
    ["a dry-run that is not a boolean", { "INPUT_DRY-RUN": "yes" }, 'input dry-run must be true or false, got "yes"'],
    ["an unknown log level", { "INPUT_LOG-LEVEL": "loud" }, "input log-level must be one of"],
    ["an API URL of another shape", { GITHUB_API_URL: "https://api.acme.ghe.com" }, "only api.github.com and GitHub Enterprise Server"],
  ])("names the problem: %s", (_name, extra, problem) => {
    const read = readSettings({ ...RUNNER, ...extra });
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problems.join("\n")).toContain(problem);
  });

  it("input(): spaces become underscores, case is upper", () => {
    expect(input({ "INPUT_MY_INPUT-NAME": " v " }, "my input-name")).toBe("v");
  });
});

describe("workFor", () => {
  it.each([
    ["issues", "labeled", "delivery", "issues"],
    ["issue_comment", "created", "delivery", "issue_comment"],
    ["pull_request_target", "closed", "delivery", "pull_request"],
    ["milestone", "closed", "delivery", "milestone"],
    ["schedule", undefined, "sweep", undefined],
    ["workflow_dispatch", undefined, "sweep", undefined],
    ["watch", "started", "ignored", undefined],
    ["issues", "pinned", "ignored", undefined],
    ["milestone", "created", "ignored", undefined],
  ])("%s (%s) → %s", (event, action, kind, name) => {
    const payload = action ? { action } : {};
    const work = workFor(event, payload, "action-1-1");
    const expected = {
      delivery: { kind, delivery: { id: "action-1-1", name, payload } },
      sweep: { kind },
      ignored: { kind, reason: `bug-lifecycle does not handle the ${event} (${action}) event` },
    }[kind];
    expect(work).toEqual(expected);
  });
});
