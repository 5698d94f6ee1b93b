//! Purpose: the Action's bundle holds none of the GitHub double or its packages (src/ cannot import packages/; this only confirms it).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { ROOT } from "./support/run-action.js";

it("dist/action.mjs is built from src/ and the app's dependencies only", () => {
  // Written by `npm run build:action` (the global setup) next to the bundle: every file esbuild read.
  const meta = JSON.parse(readFileSync(join(ROOT, "dist/action.meta.json"), "utf8")) as { inputs: Record<string, unknown> };
  const inputs = Object.keys(meta.inputs);
  expect(inputs.some((input) => input.startsWith("src/action/"))).toBe(true);
  const double = /^packages\/|node_modules\/(@bug-lifecycle\/|graphql\/|@octokit\/(openapi|graphql-schema)\/)/;
  expect(inputs.filter((input) => double.test(input))).toEqual([]);
});
