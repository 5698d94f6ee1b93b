//! Purpose: the repository speaks for itself: no file points outside it (`../shared`, "SPEC §"), every relative link in its markdown resolves to a file in it, and the README and docs link out only to GitHub's and the libraries' own docs.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const tracked = execFileSync("git", ["ls-files"], { cwd: root, encoding: "utf8" })
  .split("\n")
  .filter((file) => file && /\.(ts|mjs|md|yml|yaml|json)$/.test(file) && file !== "package-lock.json" && existsSync(join(root, file)));
// This file names what it looks for.
const sources = tracked.filter((file) => file !== "test/architecture/self-contained.test.ts");

describe("the repository is self-contained", () => {
  it("has files to check", () => expect(sources.length).toBeGreaterThan(200));

  it("no file refers to the team's shared folder or to the spec by section", () => {
    const outside = sources.filter((file) => /\.\.\/shared\b|\bSPEC §/.test(readFileSync(join(root, file), "utf8")));
    expect(outside).toEqual([]);
  });

  it("every relative link in markdown resolves inside the repository", () => {
    const broken: string[] = [];
    for (const file of sources.filter((f) => f.endsWith(".md"))) {
      for (const [, target] of readFileSync(join(root, file), "utf8").matchAll(/\]\(([^)\s]+)\)/g)) {
        if (!target || /^(https?:|mailto:|#)/.test(target)) continue;
        const path = resolve(root, dirname(file), target.split("#")[0]!);
        if (relative(root, path).startsWith("..") || !existsSync(path)) broken.push(`${file}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("the README and docs/ link outside the repository only to GitHub's and the libraries' own docs", () => {
    const outside: string[] = [];
    const pages = sources.filter((file) => file === "README.md" || (file.startsWith("docs/") && file.endsWith(".md")) || /^packages\/[^/]+\/README\.md$/.test(file));
    expect(pages.length).toBeGreaterThan(10);
    for (const file of pages) {
      const text = readFileSync(join(root, file), "utf8");
      // Markdown links `[text](https://…)` and autolinks `<https://…>`; URLs in code blocks are examples, not links.
      for (const [, link, auto] of text.matchAll(/\]\((https?:[^)\s]+)\)|<(https?:[^>\s]+)>/g)) {
        const url = link ?? auto ?? "";
        if (!ALLOWED.some((prefix) => url.startsWith(prefix))) outside.push(`${file}: ${url}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it("the README stays short: at most 200 lines, the rest is in docs/", () => {
    expect(readFileSync(join(root, "README.md"), "utf8").split("\n").length).toBeLessThanOrEqual(200);
  });
});

/** Where a page may link outside the repository: GitHub's documentation and the documentation of the tools it runs on. */
const ALLOWED = [
  "https://docs.github.com/",
  "https://github.com/actions/",
  "https://github.com/octokit/",
  "https://github.com/probot/",
  "https://probot.github.io",
  "https://docs.bullmq.io",
  "https://zod.dev",
  "https://getpino.io",
  "https://vitest.dev",
  "https://nodejs.org/",
  "https://redis.io/docs",
  "https://smee.io",
  "https://www.chartjs.org/docs",
];
