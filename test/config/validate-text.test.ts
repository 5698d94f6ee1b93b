//! Purpose: every way a config text can be wrong becomes an error at the line and column a person would fix.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/lifecycle/config.js";
import { validateConfigText } from "../../src/config/validate-text.js";

/** [name, text, expected problems as "LINE:COL severity message-fragment"] */
const invalid: [string, string, string[]][] = [
  ["a tab-indented YAML line", "labels:\n\tbug: x\n", ["2:1 error YAML: "]],
  ["an unclosed quote", 'labels:\n  bug: "bug\n', ["3:1 error YAML: Missing closing \"quote"]],
  ["a duplicated key", "dryRun: true\ndryRun: false\n", ["2:1 error YAML: Map keys must be unique"]],
  ["two documents in one file", "dryRun: true\n---\ndryRun: false\n", ["2:1 error YAML: Source contains multiple documents"]],
  ["a list instead of a mapping", "- bug\n- ':reproduce'\n", ["1:1 error expected object, received array"]],
  ["a misspelled top-level key", "dryRun: true\nlabls:\n  bug: x\n", ['2:1 error unknown key "labls"; did you mean "labels"?']],
  ["an unknown key in a flow map", "labels: { bug: x, bugg: y }\n", ['1:19 error labels: unknown key "bugg"; did you mean "bug"?']],
  ["a key nobody could have meant", "labels:\n  colour: red\n", ['2:3 error labels: unknown key "colour"; expected one of: bug, reproduce']],
  ["text where days go", "needsInfo:\n  remindAfterDays: two weeks\n", ["2:20 error needsInfo.remindAfterDays: expected number, received string"]],
  ["a fraction of a day", "reprioritizeAfterDays: 1.5\n", ["1:24 error reprioritizeAfterDays: expected int, received number"]],
  ["a bad login in a list", "people:\n  qa: [good-login, 'bad login']\n", ['2:20 error people.qa[1]: must be a GitHub login']],
  ["a bad login in a group", 'groups:\n  "#g-mdm": { em: "@mdm-em" }\n', ['2:19 error groups["#g-mdm"].em: must be a GitHub login']],
  ["a group with no settings at all", 'groups:\n  "#g-mdm":\n', ['2:3 error groups["#g-mdm"]: expected object, received null']],
  ["an empty group label", 'groups:\n  "": { em: a }\n', ['2:3 error groups[""]: invalid key: too small']],
  ["a default group that is not a group", 'groups:\n  "#g-mdm": {}\ndefaultGroup: "#g-cx"\n', ['3:15 error defaultGroup: must be one of the groups ("#g-mdm")']],
  ["one label for two states", "labels:\n  reproduce: triage\n  product: Triage\n", ["3:12 error labels.product: is the same label as labels.reproduce"]],
  ["an unknown time zone", "timezone: Pacific\n", ["1:11 error timezone: must be an IANA time zone"]],
  ["an unknown command", "commands:\n  reproduce: [qa]\n", ['2:3 error commands: unknown key "reproduce"; did you mean "reproduced"?']],
  ["a command open to nobody", "commands:\n  critical: []\n", ["2:13 error commands.critical: too small"]],
  ["an unknown message", "messages:\n  thank: hi\n", ['2:3 error messages: unknown key "thank"; did you mean "thanks"?']],
  ["a report issue of zero", "report: { issue: 0 }\n", ["1:18 error report.issue: too small"]],
  ["an _extends that is not a repository", "_extends: 3\n", ["1:11 error _extends: must be a repository"]],
  [
    "several errors, in file order",
    "labels: { bug: 1 }\ndryRun: maybe\nsweep: { maxWrites: 0 }\n",
    ["1:16 error labels.bug: expected string", "2:9 error dryRun: expected boolean", "3:21 error sweep.maxWrites: too small"],
  ],
  [
    "an alias bomb",
    ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 6 }, (_, i) => {
      const name = String.fromCharCode(98 + i);
      const prev = String.fromCharCode(97 + i);
      return `${name}: &${name} [${Array(10).fill(`*${prev}`).join(", ")}]`;
    })].join("\n"),
    ["1:1 error YAML: Excessive alias count"],
  ],
];

describe("validateConfigText", () => {
  it.each(invalid)("reports %s", (_name, text, expected) => {
    const { config, problems } = validateConfigText(text);
    expect(config).toBeNull();
    const lines = problems.map((problem) => `${problem.line}:${problem.column} ${problem.severity} ${problem.message}`);
    expect(lines).toHaveLength(expected.length);
    expected.forEach((fragment, index) => expect(lines[index]).toContain(fragment));
  });

  it.each([
    ["an empty file", ""],
    ["a file of comments", "# nothing configured yet\n"],
    ["an explicit null document", "~\n"],
    ["only the editor schema line", "$schema: ../schema/bug-lifecycle.schema.json\n"],
  ])("gives the defaults for %s", (_name, text) => {
    const { config, problems } = validateConfigText(text);
    expect(problems).toEqual([]);
    const { $schema: _schema, ...rest } = config ?? {};
    expect(rest).toEqual(defaultConfig);
  });

  it("returns the parsed config with defaults filled in", () => {
    const { config, problems } = validateConfigText('labels:\n  bug: "type: bug"\ngroups:\n  "#g-mdm": { em: mdm-em }\n');
    expect(problems).toEqual([]);
    expect(config?.labels.bug).toBe("type: bug");
    expect(config?.labels.reproduce).toBe(":reproduce");
    expect(config?.groups).toEqual({ "#g-mdm": { em: "mdm-em" } });
  });

  it("follows anchors and aliases", () => {
    const text = "people:\n  qa: &qa [qa-lead]\ncommands:\n  qa-passed: *qa\n";
    const { config, problems } = validateConfigText(text);
    expect(problems).toEqual([]);
    expect(config?.commands["qa-passed"]).toEqual(["qa-lead"]);
  });

  it("takes Probot's _extends out and reports it", () => {
    const { config, problems, extends: inherits } = validateConfigText("_extends: .github\ndryRun: true\n");
    expect(problems).toEqual([]);
    expect(inherits).toBe(".github");
    expect(config?.dryRun).toBe(true);
  });

  it("only warns about a defaultGroup the extended config may define", () => {
    const { config, problems } = validateConfigText("_extends: .github\ndefaultGroup: '#g-parent'\n");
    expect(problems.map((p) => `${p.line}:${p.column} ${p.severity}`)).toEqual(["2:15 warning"]);
    expect(problems[0]?.message).toContain("unless `.github` defines it");
    expect(config).not.toBeNull();
    expect(validateConfigText("defaultGroup: '#g-parent'\n").problems.map((p) => p.severity)).toEqual(["error"]);
  });

  it("carries the path of each problem", () => {
    const { problems } = validateConfigText("people:\n  qa: [ok, 'no way']\n");
    expect(problems[0]?.path).toEqual(["people", "qa", 1]);
  });

  it.each([
    ["binary noise", "\u0000\u0001\u0002: \uFFFF"],
    ["a lone colon", ":"],
    ["deep nesting", "[".repeat(5000)],
    ["a huge number", "reprioritizeAfterDays: 1e400\n"],
  ])("never throws, even for %s: it says what is wrong instead", (_name, text) => {
    const result = validateConfigText(text);
    expect(result.config).toBeNull();
    expect(result.problems.filter((problem) => problem.severity === "error").length).toBeGreaterThan(0);
  });
});
