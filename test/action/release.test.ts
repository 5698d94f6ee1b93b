//! Purpose: the release path as a release runs it (scripts/release-action.sh on a tag, pushing to a remote), and the bundle it publishes running, on Node 24, from a checkout of the major tag with no node_modules.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO } from "../support/fleet.js";
import { NODE24, NODE24_PLATFORM, ROOT } from "./support/run-action.js";
import { closeWorld, newBug, world } from "./support/world.js";

const dirs: string[] = [];
afterAll(async () => {
  await closeWorld();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function temp(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `bug-lifecycle-${name}-`));
  dirs.push(dir);
  return dir;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" } }).trim();
}

/** A clone of what a release tags: the files the bundle is built from, committed; node_modules as `npm ci` leaves it (untracked). */
function sourceRepo(): string {
  const dir = temp("release-src");
  for (const path of ["src", "scripts", "action.yml", "package.json", "tsconfig.json", ".gitignore", "LICENSE"]) cpSync(join(ROOT, path), join(dir, path), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  git(dir, "init", "--quiet", "--initial-branch=main");
  git(dir, "add", "--all");
  git(dir, "commit", "--quiet", "-m", "source");
  return dir;
}

function release(dir: string, tag: string): string {
  return execFileSync("scripts/release-action.sh", [tag], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

describe("releasing the Action (scripts/release-action.sh, as .github/workflows/release.yml runs it)", () => {
  it.skipIf(!NODE24_PLATFORM)("commits the bundle built from the tag on top of it, moves the major tag, and that checkout runs without node_modules on Node 24", async () => {
    const remote = temp("release-remote");
    git(remote, "init", "--quiet", "--bare");
    const source = sourceRepo();
    git(source, "remote", "add", "origin", remote);
    git(source, "push", "--quiet", "origin", "main");
    const tagged = git(source, "rev-parse", "HEAD");
    git(source, "tag", "v1.2.3");
    git(source, "checkout", "--quiet", "v1.2.3");

    expect(release(source, "v1.2.3")).toContain("v1.2.3 and v1");
    const published = git(remote, "rev-parse", "v1^{commit}");
    expect(git(remote, "rev-parse", "v1.2.3^{commit}")).toBe(published);
    expect(git(remote, "rev-parse", `${published}^`)).toBe(tagged);
    // The release commit adds the bundle and nothing else; the branch never carries it.
    expect(git(remote, "diff", "--name-only", tagged, published)).toBe("dist/action.mjs");
    expect(git(remote, "ls-tree", "-r", "--name-only", "main")).not.toContain("dist/action.mjs");

    // What `uses: OWNER/bug-lifecycle@v1` fetches: the repository at the tag, no npm install, no node_modules.
    const checkout = temp("release-uses");
    git(checkout, "clone", "--quiet", "--branch", "v1", remote, ".");
    expect(existsSync(join(checkout, "node_modules"))).toBe(false);
    const w = await world("github-actions", undefined, { node: NODE24, bundle: join(checkout, "dist/action.mjs") });
    const { number } = w.double.addIssue(REPO, newBug(w.bot));
    const { payload } = w.double.payload("issue_comment.created", { repo: REPO, actor: "qa-lead", number, body: "/reproduced #g-mdm" });
    const run = await w.run("issue_comment", payload);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(w.double.issue(REPO, number).labels).toContain("#g-mdm");
    expect(w.double.issue(REPO, number).assignees).toEqual(["mdm-em"]);
  });

  it("refuses a checkout that is not the tag, and a name that is not vX.Y.Z", () => {
    const source = sourceRepo();
    git(source, "tag", "v2.0.0");
    execFileSync("git", ["commit", "--quiet", "--allow-empty", "-m", "after the tag"], { cwd: source, env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@e", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@e" } });
    expect(() => release(source, "v2.0.0")).toThrow(/HEAD is not v2.0.0/);
    expect(() => release(source, "latest")).toThrow(/not a release tag/);
  });
});
