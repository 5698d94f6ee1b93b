//! Purpose: command syntax (docs/contract.md §2): line-anchored, outside fences and quotes, several in order.
import { describe, expect, it } from "vitest";
import { parseCommands } from "../../src/lifecycle/parse-commands.js";

describe("parseCommands", () => {
  it.each([
    ["/reproduced #g-mdm", [["reproduced", ["#g-mdm"]]]],
    ["  /Reproduced #g-mdm  ", [["reproduced", ["#g-mdm"]]]],
    ["Thanks!\n/release\n/fixed", [["release", []], ["fixed", []]]],
    ["please /release this", []],
    ["> /release", []],
    ["```\n/release\n```", []],
    ["~~~\n/release\n~~~\n/backlog", [["backlog", []]]],
    ["````\n```\n/release\n````\n/why", [["why", []]]],
    ["/releases", []],
    ["/release/now", []],
    ["/assign @me\n/why", [["why", []]]],
    ["/qa-failed\r\n/QA-PASSED", [["qa-failed", []], ["qa-passed", []]]],
    ["/reproduced, thanks!", [["reproduced", ["thanks!"]]]],
    ["/release.", [["release", []]]],
    ["/Product: can product confirm?", [["product", ["can", "product", "confirm?"]]]],
    ["/why?", [["why", []]]],
    ["/release-notes", []],
  ] as const)("%j", (body, expected) => {
    expect(parseCommands(body).map((c) => [c.name, c.args])).toEqual(expected);
  });

  it("keeps the rest of the line and the following lines as the command's text", () => {
    const [command] = parseCommands("/qa-failed still broken\nsteps:\n1. log in\n/lgtm");
    expect(command?.text).toBe("still broken\nsteps:\n1. log in");
  });
});
