//! Purpose: config paths land on the key or value a person would edit, and missing things on their parent.
import { LineCounter, parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { locatorFor } from "../../src/config/yaml-locate.js";

const text = [
  "labels:", //                                   1
  "  bug: Bug", //                                2
  "  product:", //                                3
  "people:", //                                   4
  "  qa: &qa [qa-one, 'qa-two']", //              5
  "commands:", //                                 6
  "  qa-passed: *qa", //                          7
  '  "qa-failed":', //                            8
  "    - qa", //                                  9
  '    - "@someone"', //                          10
  "groups: { '#g-mdm': { em: mdm-em } }", //      11
].join("\n");

const lineCounter = new LineCounter();
const locate = locatorFor(parseDocument(text, { lineCounter }), lineCounter);

describe("locatorFor", () => {
  it.each([
    ["the file itself", [], "value", "1:1"],
    ["a scalar value", ["labels", "bug"], "value", "2:8"],
    ["the key of a scalar", ["labels", "bug"], "key", "2:3"],
    ["a key with an empty value", ["labels", "product"], "value", "3:3"],
    ["a missing key: its parent's key", ["labels", "release"], "value", "1:1"],
    ["a missing nested key: the deepest written key", ["people", "headOfProduct"], "value", "4:1"],
    ["a flow list item", ["people", "qa", 1], "value", "5:20"],
    ["a list item past the end: the list's key", ["people", "qa", 5], "value", "5:3"],
    ["through an alias", ["commands", "qa-passed", 0], "value", "5:12"],
    ["a quoted key", ["commands", "qa-failed"], "key", "8:3"],
    ["a block list item", ["commands", "qa-failed", 1], "value", "10:7"],
    ["inside a flow map", ["groups", "#g-mdm", "em"], "value", "11:27"],
    ["a path below a scalar: the scalar's key", ["labels", "bug", "name"], "value", "2:3"],
  ] as const)("finds %s", (_name, path, at, expected) => {
    const { line, column } = locate([...path], at);
    expect(`${line}:${column}`).toBe(expected);
  });
});
