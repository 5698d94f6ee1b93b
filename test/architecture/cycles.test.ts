//! Purpose: no import cycle anywhere in src/ or the workspace packages (type imports count): the layers in docs/architecture.md only point down.
import { parseCircular, parseDependencyTree } from "dpdm";
import { describe, expect, it } from "vitest";

describe("the import graph", () => {
  it.each(["src/**/*.ts", "packages/*/src/**/*.ts"])("of %s has no cycle", async (files) => {
    const tree = await parseDependencyTree(files, { context: process.cwd(), transform: false, skipDynamicImports: false });
    expect(Object.keys(tree).length).toBeGreaterThan(30);
    expect(parseCircular(tree).map((cycle) => cycle.join(" → "))).toEqual([]);
  });
});
