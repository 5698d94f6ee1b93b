//! Purpose: a config's YAML in bounded time: the size limit before any parse, and the linear duplicate-key check finding what the parser's own check found.
import { describe, expect, it } from "vitest";
import * as yaml from "yaml";
import { CONFIG_SIZE_LIMIT, oversized, parseConfigYaml, parseYaml } from "../../src/config/bounded-yaml.js";

describe("parseYaml's duplicate keys (one set per mapping)", () => {
  it.each<[string, string, string[]]>([
    ["none", "a: 1\nb: { a: 1, b: 2 }\nc: [ { a: 1 }, { a: 2 } ]\n", []],
    ["top level", "dryRun: true\ndryRun: false\n", ["dryRun"]],
    ["nested", "people:\n  qa: [a]\n  em: [b]\n  qa: [c]\n", ["qa"]],
    ["in a flow map", "labels: { bug: x, bug: y }\n", ["bug"]],
    ["in a list's mapping", "groups:\n  - { name: a, name: b }\n", ["name"]],
    ["scalars equal by value", "'a': 1\n\"a\": 2\n", ["a"]],
    ["1 and '1' are different keys", "1: a\n'1': b\n", []],
    ["three times", "a: 1\na: 2\na: 3\n", ["a", "a"]],
  ])("%s", (_name, text, keys) => {
    expect(parseYaml(text).duplicates.map((d) => d.key)).toEqual(keys);
    // The parser's own (quadratic) check agrees on whether the file is valid.
    expect(yaml.parseDocument(text, { uniqueKeys: true }).errors.length > 0).toBe(keys.length > 0);
  });

  it("points at the repeated key", () => {
    const text = "a: 1\nb: 2\na: 3\n";
    expect(parseYaml(text).duplicates).toEqual([{ key: "a", offset: text.lastIndexOf("a:") }]);
  });
});

describe("the size limit", () => {
  it.each<[string, string, number | null]>([
    ["at the limit", "#".repeat(CONFIG_SIZE_LIMIT), null],
    ["one byte over", "#".repeat(CONFIG_SIZE_LIMIT + 1), CONFIG_SIZE_LIMIT + 1],
    ["counted in UTF-8 bytes, not characters", "é".repeat(CONFIG_SIZE_LIMIT / 2 + 1), CONFIG_SIZE_LIMIT + 2],
  ])("%s", (_name, text, bytes) => expect(oversized(text)).toBe(bytes));

  it("an oversized file is refused with one short reason, before any parse", () => {
    const result = parseConfigYaml(`people:\n${"  x: [a]\n".repeat(300_000)}`);
    expect(result).toEqual({ ok: false, reason: "the file is 2637 KiB; a config file may be at most 64 KiB (docs/durability.md)" });
  });

  it.each<[string, string, unknown]>([
    ["valid", "dryRun: true\n", { ok: true, value: { dryRun: true } }],
    ["a duplicate", "a: 1\na: 2\n", { ok: false, reason: 'invalid YAML: the key "a" appears twice in one mapping' }],
    ["bad YAML", 'a: "x\n', { ok: false, reason: expect.stringMatching(/^invalid YAML: Missing closing "quote/) }],
    ["billion laughs", `a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 12 }, (_, i) => `b${i}: &b${i} [${Array(10).fill(i ? `*b${i - 1}` : "*a").join(", ")}]`).join("\n")}\n`, { ok: false, reason: expect.stringMatching(/^invalid YAML: .*alias/i) }],
  ])("%s", (_name, text, expected) => expect(parseConfigYaml(text)).toEqual(expected));
});
