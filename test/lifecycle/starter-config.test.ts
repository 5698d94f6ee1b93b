//! Purpose: the starter config `init` prints: valid as printed (no error from check-config's checks), the groups and the candidates in it.
import { describe, expect, it } from "vitest";
import { checkConfigText } from "../../src/config/lint.js";
import { starterConfig } from "../../src/lifecycle/starter-config.js";

describe("starterConfig", () => {
  it.each([
    ["groups and writers", ["#g-mdm", "#g-web"], ["maint", "qa-lead"]],
    ["nothing to start from", [], []],
    ["a group label YAML would misread", ['#g-"odd": name'], ["maint"]],
  ])("%s: valid, no error", (_name, groups, writers) => {
    const text = starterConfig({ repo: "acme/app", groups, writers });
    const { problems } = checkConfigText(text);
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    for (const login of writers) expect(text).toContain(`#   ${login}\n`);
    for (const group of groups) expect(text).toContain(`  ${JSON.stringify(group)}: {}`);
    // A new team starts with the one status comment per bug (docs/status-comment.md).
    expect(checkConfigText(text).config?.statusComment).toBe(true);
  });
});
