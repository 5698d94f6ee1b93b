//! Purpose: `npm run build:action`: bundle src/action/main.ts into dist/action.mjs (esbuild); src/ cannot reach the GitHub double (packages/), so neither can the bundle.
import { build } from "esbuild";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

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

writeFileSync(`${root}dist/action.meta.json`, JSON.stringify(result.metafile));
const bytes = result.metafile.outputs["dist/action.mjs"]?.bytes ?? 0;
console.log(`build:action: dist/action.mjs ${(bytes / 1024).toFixed(0)} KiB from ${Object.keys(result.metafile.inputs).length} files`);
