// `npm ci` (prepare) and `npm start` (prestart): lib/ is what the server and the `bug-lifecycle` bin run.
//   node scripts/built.mjs build   builds lib/ (and the packages' lib/) when the TypeScript compiler is installed (a clone after `npm ci`),
//                                  and leaves lib/ alone when it is not (`npm ci --omit=dev`: a production install)
//   node scripts/built.mjs check   fails with one line saying what to run when lib/ is missing
// So a fresh clone's `npm ci` leaves a runnable bin and server, `npm start` never needs a compiler, and a
// production tree is built, then pruned (docs/deploying.md).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const built = existsSync(`${root}lib/index.js`) && existsSync(`${root}lib/cli/main.js`);
const mode = process.argv[2];

if (mode === "build") {
  let tsc;
  try {
    tsc = createRequire(`${root}package.json`).resolve("typescript/bin/tsc");
  } catch {
    // No compiler: a production install. The image and the recipe build before they prune.
    if (!built) console.error("bug-lifecycle: lib/ is not built and the TypeScript compiler is not installed: run `npm ci` with dev dependencies and `npm run build` (docs/deploying.md)");
    process.exit(0);
  }
  // lib/ and the workspace packages' lib/ (the GitHub double and simulate, which `npm run try` runs).
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
  for (const workspace of ["packages/github-double", "packages/simulate"]) {
    execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: `${root}${workspace}`, stdio: "inherit" });
  }
} else if (mode === "check") {
  if (!built) {
    console.error("bug-lifecycle: lib/ is not built: run `npm run build` (or `npm ci`, which builds it) first");
    process.exit(1);
  }
} else {
  console.error("usage: node scripts/built.mjs build|check");
  process.exit(2);
}
