//! Purpose: Chart.js's UMD build, read from node_modules at render time so the HTML report works offline.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

let cached: string | undefined;

/** Chart.js's `exports` map hides `dist/`, so start from the file `require` resolves and step beside it. */
export function chartJsSource(): string {
  if (cached !== undefined) return cached;
  const main = createRequire(import.meta.url).resolve("chart.js");
  const source = readFileSync(join(dirname(main), "chart.umd.min.js"), "utf8");
  // Inside <script>, only "</script" could end the element early; none is expected, but never let it.
  cached = source.replace(/<\/script/gi, "<\\/script");
  return cached;
}
