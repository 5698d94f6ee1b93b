//! Purpose: config files read again (the config cache's minute, each replica) are parsed and validated once while unchanged; `_extends` still followed on every read.
import type { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseConfig } from "../../src/config/load.js";
import { readConfigFiles } from "../../src/config/read-config-files.js";
import { configSchema } from "../../src/lifecycle/config.js";

const parses = vi.hoisted(() => ({ count: 0 }));
vi.mock("../../src/config/bounded-yaml.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/config/bounded-yaml.js")>();
  return { ...original, parseConfigYaml: (text: string) => (parses.count++, original.parseConfigYaml(text)) };
});

afterEach(() => {
  parses.count = 0;
  vi.restoreAllMocks();
});

/** An installation client whose contents API serves `files` (`repo:path` → text) and 404s the rest. */
function octokitServing(files: Record<string, string>): ProbotOctokit {
  const request = async (_route: string, params: { owner: string; repo: string; path: string }) => {
    const text = files[`${params.repo}:${params.path}`];
    if (text === undefined) throw Object.assign(new Error("Not Found"), { status: 404 });
    return { data: text, headers: { "content-type": "application/vnd.github.raw" } };
  };
  return { request } as unknown as ProbotOctokit;
}

const at = { owner: "acme", repo: "app", path: ".github/bug-lifecycle.yml" };

describe("readConfigFiles", () => {
  it("parses an unchanged file once, and follows its _extends on every read", async () => {
    // Texts of their own: the parsed files are kept for the whole process, across tests.
    const octokit = octokitServing({
      "app:.github/bug-lifecycle.yml": "_extends: .github\npeople: { qa: [qa-lead] }\n# once\n",
      ".github:.github/bug-lifecycle.yml": "timezone: Europe/Paris\n# once\n",
    });
    const first = await readConfigFiles(octokit, at);
    const second = await readConfigFiles(octokit, at);
    expect(second).toEqual(first);
    expect(second).toEqual([{ timezone: "Europe/Paris" }, { people: { qa: ["qa-lead"] } }]);
    expect(parses.count).toBe(2);
  });

  it("parses a changed file again", async () => {
    const files = { "app:.github/bug-lifecycle.yml": "timezone: UTC\n# changed\n" };
    const octokit = octokitServing(files);
    expect(await readConfigFiles(octokit, at)).toEqual([{ timezone: "UTC" }]);
    files["app:.github/bug-lifecycle.yml"] = "timezone: Asia/Tokyo\n# changed\n";
    expect(await readConfigFiles(octokit, at)).toEqual([{ timezone: "Asia/Tokyo" }]);
    expect(parses.count).toBe(2);
  });
});

describe("parseConfig", () => {
  it("validates an unchanged config once, and a changed one again", async () => {
    const validate = vi.spyOn(configSchema, "safeParse");
    const first = await parseConfig(async () => ({ timezone: "America/Lima" }));
    const again = await parseConfig(async () => ({ timezone: "America/Lima" }));
    expect(again).toBe(first);
    expect(again).toMatchObject({ ok: true, config: { timezone: "America/Lima" } });
    expect(validate).toHaveBeenCalledTimes(1);
    expect(await parseConfig(async () => ({ timezone: "Africa/Nairobi" }))).toMatchObject({ ok: true, config: { timezone: "Africa/Nairobi" } });
    expect(validate).toHaveBeenCalledTimes(2);
  });

  it("keeps a bad config's errors for the next read too", async () => {
    const first = await parseConfig(async () => ({ timezone: 42 }));
    expect(first.ok).toBe(false);
    expect(await parseConfig(async () => ({ timezone: 42 }))).toEqual(first);
  });
});
