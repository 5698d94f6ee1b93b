//! Purpose: `npm ci --omit=dev` works: nothing the server or a command loads statically imports a development dependency.
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./support/server.js";

const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"|(?:^|\n)\s*import\s+"([^"]+)"/g;
const DYNAMIC = /\bimport\(\s*"([^"]+)"\s*\)/g;

const packageOf = (specifier: string) => (specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]!);
const isBuiltin = (specifier: string) => specifier.startsWith("node:") || builtinModules.includes(specifier);

/** Every package the files reachable from `entry` import statically (dynamic imports are listed apart). */
function reachable(entry: string): { packages: Map<string, string>; dynamic: Map<string, string> } {
  const packages = new Map<string, string>();
  const dynamic = new Map<string, string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2]!;
      if (specifier.startsWith(".")) visit(resolve(dirname(file), specifier));
      else if (!isBuiltin(specifier)) packages.set(packageOf(specifier), file);
    }
    for (const match of text.matchAll(DYNAMIC)) dynamic.set(match[1]!, file);
  };
  visit(entry);
  return { packages, dynamic };
}

describe("a production install", () => {
  it.each(["lib/index.js", "lib/cli/main.js"])("%s imports only declared dependencies", (entry) => {
    const { packages, dynamic } = reachable(join(ROOT, entry));
    const undeclared = [...packages].filter(([name]) => !(name in manifest.dependencies)).map(([name, file]) => `${name} (${file.slice(ROOT.length + 1)})`);
    expect(undeclared).toEqual([]);
    // Only `simulate` loads more, on demand, and says it needs the development install (src/cli/simulate.ts).
    for (const [specifier, file] of dynamic) {
      expect(file.slice(ROOT.length + 1), specifier).toBe("lib/cli/simulate.js");
    }
  });

  it("the scan sees a development dependency when one is imported", () => {
    // lib/double (the in-memory GitHub, for tests and simulate) imports GitHub's API descriptions.
    const { packages } = reachable(join(ROOT, "lib/double/index.js"));
    expect([...packages.keys()].filter((name) => name in manifest.devDependencies).length).toBeGreaterThan(0);
  });
});
