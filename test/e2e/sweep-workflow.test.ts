//! Purpose: examples/sweep-workflow.yml's sweep step, run as the runner would: its command line, its environment, against the double.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { afterEach, describe, expect, it } from "vitest";
import { addNeedsInfoBug, logLines, REPO, serveDouble, type Served } from "./support/cli.js";
import { ROOT } from "./support/server.js";

interface Step {
  name?: string;
  env?: Record<string, string>;
  run?: string;
}
const workflow = parse(readFileSync(join(ROOT, "examples/sweep-workflow.yml"), "utf8")) as { jobs: { sweep: { steps: Step[] } } };
const step = workflow.jobs.sweep.steps.find((s) => s.name === "Sweep")!;

/** What GitHub substitutes into the step: the workflow's token, the repository, the dry-run input. */
function expand(text: string, token: string, dryRun: boolean): string {
  return text
    .replace(/\$\{\{\s*secrets\.GITHUB_TOKEN\s*\}\}/g, token)
    .replace(/\$\{\{\s*github\.repository\s*\}\}/g, REPO)
    .replace(/\$\{\{\s*inputs\.dry-run && 'true' \|\| 'false'\s*\}\}/g, String(dryRun));
}

async function runStep(served: Served, dryRun: boolean) {
  // The runner's workspace: the bot checked out (and built) at ./bug-lifecycle.
  const workspace = mkdtempSync(join(tmpdir(), "bug-lifecycle-workflow-"));
  symlinkSync(ROOT, join(workspace, "bug-lifecycle"));
  const env: Record<string, string> = { PATH: process.env.PATH ?? "", ...served.host };
  for (const [name, value] of Object.entries(step.env ?? {})) env[name] = expand(String(value), "ghs_actions", dryRun);
  const child = spawn("bash", ["-e", "-c", expand(step.run!, "ghs_actions", dryRun)], { cwd: workspace, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const code = await new Promise<number | null>((done) => child.once("close", done));
  rmSync(workspace, { recursive: true, force: true });
  return { code, stdout, stderr, env };
}

let served: Served | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

describe("examples/sweep-workflow.yml, its Sweep step", () => {
  it("sets token mode, JSON logs and DRY_RUN from its input", () => {
    expect(step.env).toMatchObject({ GITHUB_TOKEN: "${{ secrets.GITHUB_TOKEN }}", LOG_FORMAT: "json", DRY_RUN: "${{ inputs.dry-run && 'true' || 'false' }}" });
    expect(step.run).toBe('node bug-lifecycle/lib/cli/main.js sweep --repo "${{ github.repository }}"');
  });

  it("fires the due timer with the workflow's token (an installation token: a Bot), and writes nothing with dry-run", async () => {
    served = await serveDouble();
    // Actions' GITHUB_TOKEN is an installation token: the double's installation token stands in for it.
    served.double.addUser("github-actions[bot]", "Bot");
    served.double.addCollaborator(REPO, "github-actions[bot]", "write");
    served.double.addToken("ghs_actions", "github-actions[bot]");
    const number = addNeedsInfoBug(served.double, 15);

    const dry = await runStep(served, true);
    expect(dry.env.DRY_RUN).toBe("true");
    expect(dry.stderr).toContain("sweep (dry run): 1 repositories, 1 open bugs, 0 open PRs: needs-info-reminder 1;");
    expect(dry.code).toBe(0);
    expect(served.double.writes()).toEqual([]);

    const run = await runStep(served, false);
    expect(run.stderr).toContain("needs-info-reminder 1");
    expect(run.code).toBe(0);
    expect(logLines(run.stdout).find((line) => line.msg === "sweep done")).toMatchObject({ writes: 1, dryRun: false });
    const comments = served.double.issue(REPO, number).comments;
    expect(comments.at(-1)?.body).toContain("@reporter");
  });
});
