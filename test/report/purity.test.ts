//! Purpose: the report's computing and rendering modules stay pure (no I/O, no clock); only the shell files may reach out.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const dir = join(import.meta.dirname, "../../src/report");
/** The shell: reading GitHub (and the report the runtime makes from it), posting, credentials, and reading Chart.js from node_modules. */
const SHELL = ["read.ts", "post.ts", "client.ts", "chart-library.ts", "make-report.ts"];
const pure = readdirSync(dir).filter((file) => file.endsWith(".ts") && !SHELL.includes(file));

describe("src/report computes and renders without I/O", () => {
  it("has the modules it should", () => expect(pure).toEqual(expect.arrayContaining(["metrics.ts", "history.ts", "html.ts", "markdown.ts", "csv.ts"])));

  it.each(pure)("%s imports no I/O and reads no clock", (file) => {
    const source = readFileSync(join(dir, file), "utf8");
    const imports = [...source.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1] ?? "");
    for (const spec of imports) {
      expect(spec, `${file} imports ${spec}`).toMatch(/^(\.\/|\.\.\/lifecycle\/)/);
      expect(SHELL.map((shell) => `./${shell.replace(/\.ts$/, ".js")}`), `${file} imports the shell`).not.toContain(spec);
    }
    expect(source, `${file} reads the clock`).not.toMatch(/Date\.now\(|new Date\(\)|performance\.now|process\./);
  });
});
