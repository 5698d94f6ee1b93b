//! Purpose: finding a data file inside an installed package, even when its `exports` map hides it.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Walks up from this module like Node's resolver does, looking for `node_modules/<pkg>/<file>`. */
export function packageFile(pkg: string, file: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "node_modules", pkg, file);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find ${pkg}/${file}: is ${pkg} installed?`);
    dir = parent;
  }
}
