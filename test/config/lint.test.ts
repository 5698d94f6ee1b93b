//! Purpose: warnings for configs that parse but will not behave as meant, each at the line to change.
import { describe, expect, it } from "vitest";
import { checkConfigText, lintConfig, type RepoFacts } from "../../src/config/lint.js";
import { closest } from "../../src/config/closest.js";
import { defaultConfig } from "../../src/lifecycle/config.js";

const DEFAULT_LABELS = ["bug", ":reproduce", ":product", ":release", "~awaiting QA", "~ready for release", "~needs info"];
const ALL_LABELS = [...DEFAULT_LABELS, "~critical bug", "~unreleased bug", "~released bug", "#g-mdm"];
const everyone: RepoFacts = { labels: ALL_LABELS, collaborators: ["qa-lead", "head", "mdm-em", "mdm-pm", "alice"] };
const base = 'people: { qa: [qa-lead], headOfProduct: head }\ngroups:\n  "#g-mdm": { em: mdm-em, pm: mdm-pm }\n';

/** [name, text, repo facts, expected warnings as "LINE:COL message-fragment"] */
const cases: [string, string, RepoFacts, string[]][] = [
  ["nothing for a complete config", base, everyone, []],
  ["nothing about the repository when nothing is known about it", `${base}labels: { bug: kind/bug }\n`, {}, []],
  [
    "a label the repository does not have, near one it has",
    `${base}labels:\n  reproduce: ":reproduc"\n`,
    everyone,
    ['5:14 label ":reproduc" does not exist in this repository (did you mean ":reproduce"?)'],
  ],
  [
    "a label spelled in another case",
    `${base}labels:\n  bug: Bug\n`,
    everyone,
    ['5:8 label "Bug" is spelled "bug" in this repository'],
  ],
  [
    "default labels missing from a fresh repository, at the top of the file",
    base,
    { labels: DEFAULT_LABELS },
    [
      '1:1 label "~critical bug" does not exist',
      '1:1 label "~unreleased bug"',
      '1:1 label "~released bug"',
      '3:3 label "#g-mdm"',
    ],
  ],
  [
    "a group whose label does not exist",
    'groups:\n  "#g-mdm": { em: mdm-em, pm: mdm-pm }\n  "#g-cx": { em: mdm-em, pm: mdm-pm }\n',
    { labels: ALL_LABELS },
    ['3:3 label "#g-cx" does not exist in this repository'],
  ],
  [
    "logins that are not collaborators, each where it is written",
    'people: { qa: [qa-lead, qa-two], headOfProduct: head }\ngroups:\n  "#g-mdm": { em: mdm-em, pm: stranger }\ncommands:\n  critical: [em, Alice, bob]\n',
    { collaborators: everyone.collaborators ?? [] },
    ["1:25 @qa-two is not a collaborator", "3:31 @stranger is not a collaborator", "5:25 @bob is not a collaborator"],
  ],
  [
    "a group without an engineering manager",
    'people: { headOfProduct: head }\ngroups:\n  "#g-mdm": { pm: mdm-pm }\n',
    {},
    ['3:3 group "#g-mdm" has no em'],
  ],
  [
    "a group without a PM only when there is no head of product either",
    'groups:\n  "#g-mdm": { em: mdm-em }\n  "#g-cx": {}\n',
    {},
    ['2:3 group "#g-mdm" has no pm and people.headOfProduct is not set', '3:3 group "#g-cx" has no em', '3:3 group "#g-cx" has no pm'],
  ],
  ["no PM warning when the head of product owns drafting", 'people: { headOfProduct: head }\ngroups:\n  "#g-mdm": { em: mdm-em }\n', {}, []],
  [
    "a needs-info reminder at the close",
    `${base}needsInfo: { remindAfterDays: 28, closeAfterDays: 28 }\n`,
    {},
    ["4:31 the needs-info reminder (day 28) comes at or after the close (day 28)"],
  ],
  [
    "a needs-info close moved before the default reminder",
    `${base}needsInfo:\n  closeAfterDays: 7\n`,
    {},
    ["4:1 the needs-info reminder (day 14) comes at or after the close (day 7)"],
  ],
  [
    "community PRs drafted after they are closed",
    `${base}pullRequests: { draftAfterDays: 400 }\n`,
    {},
    ["4:33 community PRs are converted to draft (day 400) no earlier than they are closed (day 365)"],
  ],
  [
    "command rules that match nobody",
    `${base}commands:\n  critical: [em, "head of product", "@alice", qaa]\n`,
    {},
    [
      '5:18 "head of product" is neither a role nor a GitHub login, so nobody matches it; did you mean \"headOfProduct\"?',
      '5:37 "@alice" is neither a role nor a GitHub login, so nobody matches it; write logins without @',
    ],
  ],
  [
    "a message placeholder the bot never fills",
    `${base}messages:\n  thanks: "Thanks @{autor}!"\n`,
    {},
    ["5:11 {autor} is not a placeholder of this message and would be shown as written: it knows {author}"],
  ],
  [
    "nothing for a board whose field has every column",
    `${base}board:\n  project: https://github.com/orgs/acme/projects/7\n  columns: { inbox: Inbox, closed: Done }\n`,
    { board: { options: ["Inbox", "done"] } },
    [],
  ],
  [
    "a column the board's field lacks, near an option it has",
    `${base}board:\n  project: https://github.com/orgs/acme/projects/7\n  columns:\n    inbox: Inbox\n    closed: Done\n`,
    { board: { options: ["Inbox", "Done!"] } },
    ['8:13 field "Status" has no option "Done" (did you mean "Done!"?): bugs in `closed` would not move on the board'],
  ],
  [
    "a board that cannot be read, at the key to fix",
    `${base}board:\n  project: https://github.com/orgs/acme/projects/9\n  field: Stage\n`,
    { board: { problem: 'project has no single-select field "Stage"', key: "field" } },
    ['6:10 project has no single-select field "Stage"'],
  ],
];

describe("checkConfigText warnings", () => {
  it.each(cases)("reports %s", (_name, text, facts, expected) => {
    const { config, problems } = checkConfigText(text, facts);
    expect(config).not.toBeNull();
    expect(problems.every((problem) => problem.severity === "warning")).toBe(true);
    const lines = problems.map((problem) => `${problem.line}:${problem.column} ${problem.message}`);
    expect(lines).toHaveLength(expected.length);
    expected.forEach((fragment, index) => expect(lines[index]).toContain(fragment));
  });

  it("does not lint a config that has errors", () => {
    const { problems } = checkConfigText('groups:\n  "#g-mdm": {}\ndryRun: maybe\n', everyone);
    expect(problems.map((problem) => problem.severity)).toEqual(["error"]);
  });
});

describe("lintConfig", () => {
  it("works without a text, pointing at the start of the file", () => {
    const problems = lintConfig({ ...defaultConfig, groups: { "#g-x": {} } }, { labels: ALL_LABELS });
    expect(problems.map((problem) => [problem.line, problem.column, problem.path])).toEqual([
      [1, 1, ["groups", "#g-x"]],
      [1, 1, ["groups", "#g-x"]],
      [1, 1, ["groups", "#g-x"]],
    ]);
  });
});

describe("closest", () => {
  it.each([
    ["labls", ["labels", "people"], "labels"],
    ["awaitingqa", ["awaitingQa", "needsInfo"], "awaitingQa"],
    ["colour", ["bug", "reproduce"], null],
    ["x", [], null],
  ] as const)("%s → %s", (word, candidates, expected) => {
    expect(closest(word, candidates)).toBe(expected);
  });
});
