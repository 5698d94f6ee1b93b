//! Purpose: commands as people write them (docs/contract.md §2): prose after the command, a group then prose, a group-like typo, upper case, punctuation.
import { describe, expect, it } from "vitest";
import { groupArgument } from "../../src/lifecycle/resolve-group.js";
import { transition } from "../../src/lifecycle/transition.js";
import type { BugState, Decision, IssueSnapshot } from "../../src/lifecycle/types.js";
import { fleetConfig, issue, maintainer, NOW } from "../support/fixtures.js";
import { outcome } from "../support/outcome.js";

const config = fleetConfig();
const BUG = "bug";

interface Case {
  name: string;
  before: IssueSnapshot;
  /** State after the command runs. */
  state: BugState | null;
  /** The first word may be a group. */
  group?: boolean;
  /** The comment the transition posts anyway, which quotes the note. */
  posts?: string;
  /** What the command needs after it to run at all. */
  minimal?: string;
}

const closed = issue([BUG, "#g-mdm"], [], {
  open: false,
  restore: { labels: [BUG, "#g-mdm"], assignees: ["mdm-em"] },
});

const cases: Case[] = [
  { name: "reproduced", before: issue([BUG, ":reproduce", "#g-orchestration"]), state: "reproduced", group: true },
  { name: "product", before: issue([BUG, ":reproduce", "#g-orchestration"]), state: "drafting", group: true },
  { name: "engineering", before: issue([BUG, ":product", "#g-orchestration"]), state: "reproduced", group: true },
  { name: "release", before: issue([BUG, "#g-mdm"], ["mdm-em"]), state: "engineering" },
  { name: "backlog", before: issue([BUG, ":release", "#g-mdm"], ["mdm-em"]), state: "reproduced" },
  { name: "critical", before: issue([BUG, "#g-mdm"]), state: "engineering", posts: "critical" },
  { name: "unreleased", before: issue([BUG, "#g-orchestration"]), state: "engineering", group: true },
  { name: "fixed", before: issue([BUG, ":release", "#g-mdm"], ["dev"]), state: "awaiting-qa" },
  { name: "qa-passed", before: issue([BUG, ":release", "~awaiting QA", "#g-mdm"], ["qa-lead"]), state: "ready-for-release" },
  { name: "qa-failed", before: issue([BUG, ":release", "~awaiting QA", "#g-mdm"], ["dev", "qa-lead"]), state: "engineering", posts: "qa-failed:99", minimal: " still broken" },
  { name: "needs-info", before: issue([BUG, ":reproduce"]), state: "inbox", posts: "needs-info:99" },
  { name: "not-a-bug", before: issue([BUG, "#g-mdm"]), state: null, posts: "not-a-bug:99" },
  { name: "group", before: issue([BUG, "#g-mdm"], ["mdm-em"]), state: "reproduced", group: true, minimal: " #g-orchestration" },
  { name: "reopen", before: closed, state: "reproduced" },
  { name: "why", before: issue([BUG, "#g-mdm"]), state: "reproduced", posts: "why:99" },
];

function run(before: IssueSnapshot, body: string): Decision {
  return transition(before, { kind: "commented", comment: { id: 99, nodeId: "IC_99", body }, actor: maintainer }, config, NOW);
}

function comment(decision: Decision, key: string): string | undefined {
  const effect = decision.effects.find((e) => e.type === "comment" && e.key === key);
  return effect?.type === "comment" ? effect.body : undefined;
}

function expectRan(c: Case, decision: Decision): void {
  expect(decision.state).toBe(c.state);
  expect(comment(decision, "reply:99")).toBeUndefined();
  expect(decision.effects.some((e) => e.type === "react")).toBe(true);
}

function expectRefused(c: Case, decision: Decision): string {
  const after = outcome(c.before, decision);
  expect(after.labels).toEqual([...c.before.labels].sort());
  expect(decision.effects.filter((e) => e.type !== "comment")).toEqual([]);
  return comment(decision, "reply:99") ?? "";
}

const PROSE = "Can product confirm this is the intended behaviour?";

describe.each(cases)("/$name followed by prose", (c) => {
  const minimal = c.minimal ?? "";

  it("with trailing prose: runs, and the note is quoted where it comments anyway", () => {
    const decision = run(c.before, `/${c.name}${minimal} ${PROSE}`);
    if (c.name === "group") {
      // Prose alone is no group: `/group` needs one, and the reply quotes what was written.
      const reply = expectRefused(c, run(c.before, `/group ${PROSE}`));
      expect(reply).toContain("needs a group");
      expect(reply).toContain(`> ${PROSE}`);
    }
    expectRan(c, decision);
    if (c.posts && c.posts !== "why:99") expect(comment(decision, c.posts)).toContain(`> ${minimal.trim() ? `${minimal.trim()} ` : ""}${PROSE}`);
    if (c.group && c.name !== "group") expect(outcome(c.before, decision).labels).not.toContain("#g-mdm");
  });

  it("with a group and prose: the group is taken, the rest is the note", () => {
    const decision = run(c.before, `/${c.name} mdm, please take it`);
    expectRan(c, decision);
    if (c.group) {
      expect(outcome(c.before, decision).labels).toContain("#g-mdm");
      expect(outcome(c.before, decision).labels).not.toContain("#g-orchestration");
    }
    if (c.posts === "qa-failed:99" || c.posts === "not-a-bug:99" || c.posts === "needs-info:99" || c.posts === "critical") {
      expect(comment(decision, c.posts)).toContain("> mdm, please take it");
    }
  });

  it("with a group-like typo: a group command replies with the valid groups, others run", () => {
    const decision = run(c.before, `/${c.name} #g-typo right?`);
    if (!c.group) return expectRan(c, decision);
    const reply = expectRefused(c, decision);
    expect(reply).toContain("I don't know the group `#g-typo`");
    expect(reply).toContain("`#g-mdm`, `#g-orchestration`, `#g-nopm`");
    expect(reply).toContain("> right?");
  });

  it("in upper case", () => {
    expectRan(c, run(c.before, `/${c.name.toUpperCase()}${minimal.toUpperCase()}`));
  });

  it("with punctuation right after the command", () => {
    expectRan(c, run(c.before, `/${c.name},${minimal} thanks!`));
  });
});

describe("groupArgument", () => {
  it.each([
    ["#g-mdm", "group", "#g-mdm", ""],
    ["g-MDM please", "group", "#g-mdm", "please"],
    ["Orchestration: the agent", "group", "#g-orchestration", "the agent"],
    ["#G-MDM, thanks!", "group", "#g-mdm", "thanks!"],
    ["#g-typo", "typo", undefined, ""],
    ["g-typo soon", "typo", undefined, "soon"],
    ["#design please", "typo", undefined, "please"],
    ["Can product confirm?", "none", undefined, "Can product confirm?"],
    ["#123 is related", "none", undefined, "#123 is related"],
    ["mdmx", "none", undefined, "mdmx"],
    ["", "none", undefined, ""],
    ["mdm\nsecond line", "group", "#g-mdm", "second line"],
  ] as const)("%j → %s", (text, kind, group, note) => {
    const argument = groupArgument(text, config);
    expect(argument.kind).toBe(kind);
    expect(argument.kind === "group" ? argument.group : undefined).toBe(group);
    expect(argument.note).toBe(note);
  });

  it("a repository whose groups share no prefix: only `#word` looks like a group", () => {
    const plain = fleetConfig({ groups: { mdm: { em: "a" }, orchestration: { em: "b" } } });
    expect(groupArgument("MDM now", plain)).toEqual({ kind: "group", group: "mdm", note: "now" });
    expect(groupArgument("#typo", plain).kind).toBe("typo");
    expect(groupArgument("g-typo", plain).kind).toBe("none");
  });
});
