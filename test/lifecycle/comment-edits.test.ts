//! Purpose: a command added by editing a comment runs once (docs/contract.md §2): only lines the previous body lacked.
import { describe, expect, it } from "vitest";
import { newCommands } from "../../src/lifecycle/parse-commands.js";
import { transition } from "../../src/lifecycle/transition.js";
import { fleetConfig, issue, maintainer, reporter, NOW } from "../support/fixtures.js";
import { outcome } from "../support/outcome.js";

const config = fleetConfig();

describe("newCommands", () => {
  it.each([
    ["a new comment runs every command", "/release\n/fixed", undefined, ["release", "fixed"]],
    ["a typo fixed by an edit runs the command", "/reproduced #g-orchestration", "/reproducd #g-orchestration", ["reproduced"]],
    ["a command already there never runs again", "/release\nthanks, edited", "/release", []],
    ["the same command re-spaced or re-cased is not new", "/Release  now", "/release now", []],
    ["a line added below an existing command", "/release\n/fixed", "/release", ["fixed"]],
    ["removing a command runs nothing", "thanks", "/release\nthanks", []],
    ["a second copy of a command is new", "/why\n/why", "/why", ["why"]],
    ["an argument changed makes the line new", "/reproduced #g-mdm", "/reproduced #g-typo", ["reproduced"]],
    ["a command moved out of a code fence is new", "/release", "```\n/release\n```", ["release"]],
  ] as const)("%s", (_name, body, previous, expected) => {
    expect(newCommands(body, previous).map((c) => c.name)).toEqual(expected);
  });
});

function edited(body: string, previousBody: string, actor = maintainer) {
  return { kind: "commented" as const, comment: { id: 99, nodeId: "IC_99", body, previousBody, editedAt: "2026-11-18T17:05:00Z" }, actor };
}

describe("issue_comment.edited in the core", () => {
  it("the fixed typo moves the bug, once", () => {
    const before = issue(["bug", ":reproduce"]);
    const decision = transition(before, edited("/reproduced #g-orchestration", "/reproducd #g-orchestration"), config, NOW);
    expect(outcome(before, decision)).toMatchObject({ state: "reproduced", labels: ["#g-orchestration", "bug"], assignees: ["orch-em"] });
  });

  it("an edit that keeps the command changes nothing", () => {
    const before = issue(["bug", "#g-orchestration"], ["orch-em"]);
    const decision = transition(before, edited("/reproduced #g-orchestration (typo fixed)", "/reproduced #g-orchestration (typo fixd)"), config, NOW);
    // The line changed, so it runs: and in `reproduced` /reproduced is refused, writing only a reply.
    expect(decision.effects.map((e) => e.type)).toEqual(["comment"]);
    const untouched = transition(before, edited("/release\nmore words", "/release"), config, NOW);
    expect(untouched.effects).toEqual([]);
  });

  it("an edit that removes a command undoes nothing", () => {
    const before = issue(["bug", ":release", "#g-mdm"], ["mdm-em"]);
    expect(transition(before, edited("never mind", "/release"), config, NOW).effects).toEqual([]);
  });

  it("an edit's refusal gets its own reply key (the original's marker must not swallow it)", () => {
    const before = issue(["bug", ":reproduce"], [], { markers: ["reply:99"] });
    const decision = transition(before, edited("/reproduced #g-typo2", "/reproduced #g-typo"), config, NOW);
    const keys = decision.effects.flatMap((e) => (e.type === "comment" ? [e.key] : []));
    expect(keys).toEqual(["reply:99.2026-11-18T17:05:00Z"]);
  });

  it("the reporter editing a comment is not an answer to ~needs info", () => {
    const before = issue(["bug", ":reproduce", "~needs info"]);
    expect(transition(before, edited("it crashes on 4.2, edited", "it crashes", reporter), config, NOW).effects).toEqual([]);
  });
});
