//! Purpose: build the app once before the e2e files run: they start `lib/index.js`, the code `npm start` runs (and the simulate package's executable).
import { execFileSync } from "node:child_process";
import { ROOT } from "./support/server.js";

export default function setup(): void {
  const started = Date.now();
  try {
    execFileSync("npm", ["run", "build:packages", "--silent"], { cwd: ROOT, stdio: "pipe", encoding: "utf8" });
  } catch (error) {
    const output = error as { stdout?: string; stderr?: string };
    // tsc emits even with type errors, but a server built from code that does not compile is not worth testing.
    throw new Error(`e2e: \`npm run build:packages\` failed:\n${output.stdout ?? ""}${output.stderr ?? ""}`);
  }
  console.log(`e2e: built lib/ and packages/*/lib in ${Date.now() - started} ms`);
}
