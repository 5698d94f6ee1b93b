//! Purpose: the repository speaks for itself: no file points outside it (`../shared`, "SPEC §"), and every relative link in its markdown resolves to a file in it.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const tracked = execFileSync("git", ["ls-files"], { cwd: root, encoding: "utf8" })
  .split("\n")
  .filter((file) => file && /\.(ts|mjs|md|yml|yaml|json)$/.test(file) && file !== "package-lock.json" && existsSync(join(root, file)));
// This file names what it looks for.
const sources = tracked.filter((file) => file !== "test/architecture/self-contained.test.ts");

describe("the repository is self-contained", () => {
  it("has files to check", () => expect(sources.length).toBeGreaterThan(200));

  it("no file refers to the team's shared folder or to the spec by section", () => {
    const outside = sources.filter((file) => /\.\.\/shared\b|\bSPEC §/.test(readFileSync(join(root, file), "utf8")));
    expect(outside).toEqual([]);
  });

  it("every relative link in markdown resolves inside the repository", () => {
    const broken: string[] = [];
    for (const file of sources.filter((f) => f.endsWith(".md"))) {
      for (const [, target] of readFileSync(join(root, file), "utf8").matchAll(/\]\(([^)\s]+)\)/g)) {
        if (!target || /^(https?:|mailto:|#)/.test(target)) continue;
        const path = resolve(root, dirname(file), target.split("#")[0]!);
        if (relative(root, path).startsWith("..") || !existsSync(path)) broken.push(`${file}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
