//! Purpose: build the Action's bundle once before its tests: they run dist/action.mjs, the file action.yml names.
import { execFileSync } from "node:child_process";
import { ROOT } from "./support/run-action.js";

export default function setup(): void {
  const started = Date.now();
  try {
    execFileSync("npm", ["run", "build:action", "--silent"], { cwd: ROOT, stdio: "pipe", encoding: "utf8" });
  } catch (error) {
    const output = error as { stdout?: string; stderr?: string };
    throw new Error(`action: \`npm run build:action\` failed:\n${output.stdout ?? ""}${output.stderr ?? ""}`);
  }
  console.log(`action: built dist/action.mjs in ${Date.now() - started} ms`);
}
