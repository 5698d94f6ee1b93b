//! Purpose: `npm run build:action`: bundle src/action/main.ts into dist/action.mjs (esbuild), and refuse a bundle that carries development-only packages.
import { build } from "esbuild";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const manifest = JSON.parse(readFileSync(`${root}package.json`, "utf8"));
const devOnly = Object.keys(manifest.devDependencies ?? {});

const result = await build({
  absWorkingDir: root,
  entryPoints: ["src/action/main.ts"],
  outfile: "dist/action.mjs",
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  metafile: true,
  minify: false,
  sourcemap: false,
  legalComments: "none",
  logLevel: "warning",
  // Some CommonJS dependencies call `require` for Node built-ins; an ES module has none, so give it one.
  banner: { js: "import { createRequire as __bl_createRequire } from 'node:module'; const require = __bl_createRequire(import.meta.url);" },
});

// A development dependency in the bundle (the 10 MB OpenAPI description the double checks against, vitest…)
// means production code imports test code: fail the build rather than ship it.
const packageOf = (input) => {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return match ? match[1] : null;
};
const inputs = Object.keys(result.metafile.inputs);
const leaked = [...new Set(inputs.map(packageOf).filter((name) => name && devOnly.includes(name)))];
const fromDouble = inputs.filter((input) => input.startsWith("src/double/"));
if (leaked.length || fromDouble.length) {
  console.error(`build:action: the bundle must not contain development-only code: ${[...leaked, ...fromDouble].join(", ")}`);
  process.exit(1);
}
writeFileSync(`${root}dist/action.meta.json`, JSON.stringify(result.metafile));
const bytes = result.metafile.outputs["dist/action.mjs"]?.bytes ?? 0;
console.log(`build:action: dist/action.mjs ${(bytes / 1024).toFixed(0)} KiB from ${inputs.length} files`);
