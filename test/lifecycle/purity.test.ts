//! Purpose: the core stays pure: no probot, octokit or node: imports, and no clock, in any file of src/lifecycle.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const dir = join(import.meta.dirname, "../../src/lifecycle");
const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".ts"));

describe("src/lifecycle is pure", () => {
  it("has files to check", () => expect(files.length).toBeGreaterThan(5));

  it.each(files)("%s imports no I/O and reads no clock", (file) => {
    const source = readFileSync(join(dir, file), "utf8");
    const imports = [...source.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1] ?? "");
    for (const spec of imports) {
      expect(spec, `${file} imports ${spec}`).toMatch(/^(\.{1,2}\/|zod$)/);
    }
    expect(source, `${file} reads the clock`).not.toMatch(/Date\.now\(|new Date\(\)|performance\.now|process\./);
  });
});
