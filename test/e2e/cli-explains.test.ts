//! Purpose: the CLI explains itself, as people run it (built executable, argv, environment, files): GitHub's own error message, `.env` read as the server reads it, check-config's default file.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { addNeedsInfoBug, REPO, runBin, serveDouble, type Served } from "./support/cli.js";
import { ROOT } from "./support/server.js";

let served: Served | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await served?.close();
  served = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A working directory holding `files` (path → text), as a clone of a repository would. */
function workdir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "bug-lifecycle-cwd-"));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe("the CLI explains itself", () => {
  it("a repository GitHub cannot resolve: GitHub's message, not the GraphQL client's header", async () => {
    served = await serveDouble();
    served.double.addToken("ghp_reader", "maint");
    const run = await runBin(["report", "acme/nope"], { ...served.host, GITHUB_TOKEN: "ghp_reader" });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("report: acme/nope: GitHub answered: Could not resolve to a Repository with the name 'acme/nope'.");
    expect(run.stderr).not.toContain("Request failed due to following response errors");
  });

  it("reads `.env` in the working directory as `npm start` does: the setup page's credentials serve the CLI too", async () => {
    served = await serveDouble();
    const number = addNeedsInfoBug(served.double, 15);
    const key = served.app.PRIVATE_KEY!.replace(/\n/g, "\\n");
    const cwd = workdir({ ".env": `APP_ID=${served.app.APP_ID}\nPRIVATE_KEY="${key}"\nWEBHOOK_SECRET=a-secret-of-its-own-42\nGHE_HOST=${served.host.GHE_HOST}\nGHE_PROTOCOL=http\n` });
    const run = await runBin(["sweep", "--repo", REPO], {}, { cwd });
    expect(run.stderr).toContain("needs-info-reminder 1");
    expect(run.code).toBe(0);
    expect(served.double.issue(REPO, number).comments.map((c) => c.author)).toContain("bug-lifecycle[bot]");
  });

  it("credentials missing although a `.env` exists: says the file was read and does not set them", async () => {
    const cwd = workdir({ ".env": "PORT=3000\nLOG_LEVEL=info\n" });
    const run = await runBin(["report", REPO], {}, { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`report: no credentials: set APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH), or GITHUB_TOKEN (${join(cwd, ".env")} was read: it does not set them)\n`);
    // Without a `.env`, no word about one.
    const bare = await runBin(["report", REPO], {});
    expect(bare.stderr).toBe("report: no credentials: set APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH), or GITHUB_TOKEN\n");
  });

  it("check-config without a FILE checks .github/bug-lifecycle.yml, and says where it looked when there is none", async () => {
    const repo = workdir({ ".github/bug-lifecycle.yml": "people:\n  qa: [qa-lead]\ntimers: 3\n" });
    const run = await runBin(["check-config"], {}, { cwd: repo });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^\.github\/bug-lifecycle\.yml:3:1 error /);
    const empty = await runBin(["check-config"], {}, { cwd: workdir({}) });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^check-config: no \.github\/bug-lifecycle\.yml here: run it from the repository's root, or name the FILE\n/);
  });

  it("`npm run cli` runs the built bin without a rebuild (npm ci's prepare builds lib/)", () => {
    const bin = join(ROOT, "lib/cli/main.js");
    const before = statSync(bin).mtimeMs;
    const version = execFileSync("npm", ["run", "--silent", "cli", "--", "--version"], { cwd: ROOT, encoding: "utf8" });
    const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string; bin: Record<string, string>; scripts: Record<string, string> };
    expect(version).toBe(`${manifest.version}\n`);
    // tsc rewrites every output file: a build would have touched the bin.
    expect(statSync(bin).mtimeMs).toBe(before);
    expect(manifest.bin["bug-lifecycle"]).toBe("lib/cli/main.js");
    expect(manifest.scripts.prepare).toContain("scripts/built.mjs build");
  });
});
