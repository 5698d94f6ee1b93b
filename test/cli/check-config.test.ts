//! Purpose: `bug-lifecycle check-config` prints problems as FILE:LINE:COL and exits 0, 1 or 2 as documented.
import { describe, expect, it } from "vitest";
import { checkConfigFile } from "../../src/cli/check-config.js";
import { runCli } from "../../src/cli/run.js";
import type { Io } from "../../src/cli/command.js";

function capture(): Io & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
  };
  return io;
}

const read = (text: string) => () => Promise.resolve(text);

describe("checkConfigFile", () => {
  it.each([
    ["a valid file", "dryRun: true\n", 0, "", "is valid (0 errors, 0 warnings)"],
    [
      "warnings only",
      'people: { headOfProduct: head }\ngroups:\n  "#g-mdm": {}\n',
      0,
      'cfg.yml:3:3 warning group "#g-mdm" has no em: its reproduced bugs get no owner\n',
      "is valid (0 errors, 1 warning)",
    ],
    [
      "errors and warnings",
      "needsInfo: { remindAfterDays: x }\nlabls: {}\n",
      1,
      'cfg.yml:1:31 error needsInfo.remindAfterDays: expected number, received string\ncfg.yml:2:1 error unknown key "labls"; did you mean "labels"?\n',
      "is invalid (2 errors, 0 warnings)",
    ],
    [
      "a board on a user project and an unknown state",
      "board:\n  project: https://github.com/users/alice/projects/2\n  columns:\n    inbox: Inbox\n    qa: QA\n",
      1,
      "cfg.yml:2:12 error board.project: must be an organisation project (v2) URL such as https://github.com/orgs/acme/projects/7\n",
      "is invalid (2 errors, 0 warnings)",
    ],
    [
      "a board whose two states share a column",
      "board:\n  project: https://github.com/orgs/acme/projects/7\n  columns: { awaiting-qa: QA, ready-for-release: qa }\n",
      1,
      'cfg.yml:3:50 error board.columns["ready-for-release"]: is the same column as columns.awaiting-qa\n',
      "is invalid (1 error, 0 warnings)",
    ],
    [
      "the issue's board",
      "board:\n  project: https://github.com/orgs/acme/projects/7\n  field: Status\n  columns:\n    inbox: Inbox\n    closed: Done\n",
      0,
      "",
      "is valid (0 errors, 0 warnings)",
    ],
    ["broken YAML", "a: [1\n", 1, "cfg.yml:2:1 error YAML: ", "is invalid (1 error, 0 warnings)"],
  ])("reports %s", async (_name, text, code, out, err) => {
    const io = capture();
    expect(await checkConfigFile("cfg.yml", io, read(text))).toBe(code);
    if (out) expect(io.out).toContain(out);
    else expect(io.out).toBe("");
    expect(io.err).toContain(err);
  });

  it("exits 2 for a file it cannot read", async () => {
    const io = capture();
    expect(await checkConfigFile("does/not/exist.yml", io)).toBe(2);
    expect(io.err).toMatch(/^check-config: cannot read does\/not\/exist\.yml: ENOENT/);
  });
});

describe("bug-lifecycle", () => {
  it.each([
    ["check-config on the Fleet example", ["check-config", "examples/fleet.yml"], 0, /^$/, /examples\/fleet\.yml is valid/],
    ["check-config --help", ["check-config", "--help"], 0, /FILE:LINE:COL severity message[\s\S]*Exit status/, /^$/],
    ["help check-config", ["help", "check-config"], 0, /Usage: bug-lifecycle check-config \[FILE\]/, /^$/],
    ["check-config without a file, where there is no .github/bug-lifecycle.yml", ["check-config"], 2, /^$/, /no \.github\/bug-lifecycle\.yml here/],
    ["check-config with two files", ["check-config", "a.yml", "b.yml"], 2, /^$/, /expected at most one FILE/],
    ["check-config with an unknown option", ["check-config", "--fix", "a.yml"], 2, /^$/, /Unknown option '--fix'/],
    ["--help", ["--help"], 0, /Commands:\n(?: {2}\S+ +.*\n)* {2}check-config {2}validate a config file offline/, /^$/],
    ["no command", [], 2, /^$/, /Usage: bug-lifecycle COMMAND/],
    ["an unknown command", ["sweeep"], 2, /^$/, /unknown command "sweeep"/],
    ["--version", ["--version"], 0, /^\d+\.\d+\.\d+\n$/, /^$/],
  ])("%s", async (_name, argv, code, out, err) => {
    const io = capture();
    expect(await runCli(argv, io)).toBe(code);
    expect(io.out).toMatch(out);
    expect(io.err).toMatch(err);
  });

  it("dispatches to any command in the list, with the rest of the arguments", async () => {
    const seen: string[][] = [];
    const fake = { name: "sweep", summary: "one sweep now", help: "", run: (args: string[]) => (seen.push(args), Promise.resolve(0)) };
    expect(await runCli(["sweep", "--dry-run"], capture(), [fake])).toBe(0);
    expect(seen).toEqual([["--dry-run"]]);
  });
});
