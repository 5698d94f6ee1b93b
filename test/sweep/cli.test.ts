//! Purpose: `bug-lifecycle sweep` over real HTTP against the double (GHE_HOST/GHE_PROTOCOL), as the app and with a token.
import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { sweepCommand } from "../../src/cli/sweep.js";
import { runCli } from "../../src/cli/run.js";
import type { Listening } from "@bug-lifecycle/github-double";
import { createSweepHarness, needsInfoBug, privateKey, REPO } from "./sweep-harness.js";

let server: Listening | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function cli(args: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const logs: Record<string, unknown>[] = [];
  const log = pino({ level: "info" }, new Writable({ write: (chunk, _e, done) => (logs.push(JSON.parse(String(chunk)) as Record<string, unknown>), done()) }));
  const code = await runCli(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) }, [sweepCommand({ env, log })]);
  return { code, stdout: out.join(""), stderr: err.join(""), logs };
}

describe("bug-lifecycle sweep", () => {
  it("as the app: every installation's repositories, over HTTP to GHE_HOST", async () => {
    const h = createSweepHarness({ realClock: true });
    const { number } = h.double.addIssue(REPO, needsInfoBug(15, {}, new Date()));
    server = await h.double.listen();
    const env = { APP_ID: String(h.double.appId), PRIVATE_KEY: privateKey, GHE_HOST: `127.0.0.1:${server.port}`, GHE_PROTOCOL: "http" };
    const run = await cli(["sweep"], env);
    expect(run.stderr).toContain("needs-info-reminder 1");
    expect(run.code).toBe(0);
    expect(run.logs.find((line) => line.msg === "sweep done")).toMatchObject({ repos: 1, bugs: 1, writes: 1 });
    expect(h.double.issue(REPO, number).comments.at(-1)?.author).toBe("bug-lifecycle[bot]");

    const dry = await cli(["sweep", "--repo", REPO, "--dry-run"], env);
    expect(dry.logs.filter((line) => Number(line.level) >= 40), dry.stderr).toEqual([]);
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain("(dry run)");
  });

  it("with GITHUB_TOKEN: one repository; a personal token's own comments count as the bot's", async () => {
    const h = createSweepHarness({ realClock: true });
    h.double.addToken("ghp_sweeper", "maint");
    const { number } = h.double.addIssue(REPO, needsInfoBug(15, {}, new Date()));
    server = await h.double.listen();
    const env = { GITHUB_TOKEN: "ghp_sweeper", GHE_HOST: `127.0.0.1:${server.port}`, GHE_PROTOCOL: "http" };
    expect((await cli(["sweep", "--repo", REPO], env)).code).toBe(0);
    expect((await cli(["sweep", "--repo", REPO], env)).stderr).toContain("nothing due");
    expect(h.double.issue(REPO, number).comments.filter((c) => c.author === "maint")).toHaveLength(1);
  });

  it.each([
    ["GITHUB_TOKEN without --repo", ["sweep"], { GITHUB_TOKEN: "x" }, "--repo owner/name"],
    ["no credentials", ["sweep", "--repo", REPO], {}, "no credentials"],
    ["a malformed --repo", ["sweep", "--repo", "nope"], { GITHUB_TOKEN: "x" }, "owner/name"],
    ["an unknown option", ["sweep", "--force"], { GITHUB_TOKEN: "x" }, "Unknown option"],
  ])("usage error: %s", async (_name, args, env, message) => {
    const run = await cli(args, env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it("a repository that fails is reported and exits 1", async () => {
    const h = createSweepHarness({ config: "labels: { nope: x }\n" });
    server = await h.double.listen();
    const env = { APP_ID: String(h.double.appId), PRIVATE_KEY: privateKey, GHE_HOST: `127.0.0.1:${server.port}`, GHE_PROTOCOL: "http" };
    const run = await cli(["sweep"], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`failed: ${REPO}`);
  });
});

describe("examples/sweep-workflow.yml", () => {
  it("runs this CLI's sweep on a schedule with the least privilege", async () => {
    const { readFile } = await import("node:fs/promises");
    const { parse } = await import("yaml");
    const workflow = parse(await readFile("examples/sweep-workflow.yml", "utf8")) as {
      on: { schedule: { cron: string }[] };
      permissions: Record<string, string>;
      jobs: { sweep: { steps: { run?: string }[] } };
    };
    expect(workflow.on.schedule[0]?.cron).toMatch(/^\d+ \* \* \* \*$/);
    expect(workflow.permissions).toEqual({ contents: "read", issues: "write", "pull-requests": "write" });
    expect(workflow.jobs.sweep.steps.map((step) => step.run ?? "").join("\n")).toContain("lib/cli/main.js sweep --repo");
  });
});
