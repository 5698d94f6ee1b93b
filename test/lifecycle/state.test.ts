//! Purpose: docs/contract.md §1: the state of a bug from its labels, as a table.
import { describe, expect, it } from "vitest";
import { groupOf, isTracked, stateOf } from "../../src/lifecycle/state.js";
import { fleetConfig } from "../support/fixtures.js";

const config = fleetConfig();

describe("stateOf (docs/contract.md §1)", () => {
  it.each([
    [["bug", ":reproduce"], "inbox"],
    [["bug", "#g-mdm"], "reproduced"],
    [["bug", "#g-unknown-but-prefixed"], "reproduced"],
    [["bug", ":product", "#g-mdm"], "drafting"],
    [["bug", ":product"], "drafting"],
    [["bug", ":release"], "engineering"],
    [["bug", ":release", "~awaiting QA"], "awaiting-qa"],
    [["bug", ":release", "~ready for release"], "ready-for-release"],
    [["bug", "~awaiting QA", "#g-mdm"], "reproduced"],
    [["bug"], "orphan"],
    [["bug", "~critical bug", "~needs info"], "orphan"],
    [[":reproduce"], null],
    [["bug", ":reproduce", ":release"], "engineering"],
  ] as const)("%j → %s", (labels, state) => {
    expect(stateOf(labels, config)).toBe(state);
  });

  it("follows renamed labels", () => {
    const renamed = fleetConfig({ labels: { bug: "type: bug", reproduce: "needs repro", release: "sprint" } });
    expect(stateOf(["type: bug", "needs repro"], renamed)).toBe("inbox");
    expect(stateOf(["bug", ":reproduce"], renamed)).toBeNull();
    expect(stateOf(["type: bug", "sprint"], renamed)).toBe("engineering");
  });

  it("prefers a configured group over a stray group-prefixed label", () => {
    expect(groupOf(["#g-stray", "#g-mdm"], config)).toBe("#g-mdm");
  });

  it("labels starting with + mark an issue as tracked by a person", () => {
    expect(isTracked(["bug", "+roadmap"], config)).toBe(true);
    expect(isTracked(["bug", "a+b"], config)).toBe(false);
  });
});
