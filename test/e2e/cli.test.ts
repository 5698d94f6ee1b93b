//! Purpose: every `bug-lifecycle` command as people run it (built executable, argv and environment only), against the double over HTTP.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { seedRepo } from "../report/seed-repo.js";
import { REPO, runBin, serveDouble, type Served } from "./support/cli.js";
import { ROOT } from "./support/server.js";

let served: Served | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

/** The simulate package's executable (`npm run simulate` runs it), built by the global setup. */
const SIMULATE_BIN = join(ROOT, "packages/simulate/lib/main.js");
const NO_STACK = /\n\s+at .+:\d+:\d+/;
const dir = () => mkdtempSync(join(tmpdir(), "bug-lifecycle-cli-test-"));

/** A double whose `acme/report` repository has 12 open bugs, 5 closed and 3 PRs, and a token that can read it. */
async function reportDouble(): Promise<Served & { env: Record<string, string> }> {
  const s = await serveDouble({ repo: false });
  seedRepo(s.double, { openBugs: 12, closedBugs: 5, openPulls: 3, now: new Date() });
  s.double.addToken("ghp_reader", "maint");
  return { ...s, env: { ...s.host, GITHUB_TOKEN: "ghp_reader" } };
}

describe("bug-lifecycle (the built CLI)", () => {
  it("--help, --version and an unknown command", async () => {
    const help = await runBin(["--help"], {});
    expect([help.code, help.stderr]).toEqual([0, ""]);
    expect(help.stdout).toMatch(/^Usage: bug-lifecycle COMMAND \[options\]\n\nCommands:\n {2}sweep .+\n {2}report .+\n {2}check-config .+\n {2}simulate /);
    const version = await runBin(["--version"], {});
    const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    expect([version.code, version.stdout]).toEqual([0, `${manifest.version}\n`]);
    const unknown = await runBin(["frobnicate"], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^bug-lifecycle: unknown command "frobnicate"\n\nUsage:/);
    expect(unknown.stdout).toBe("");
  });

  it("report: md, json, csv and html, to stdout and to --out, reading only", async () => {
    const r = await reportDouble();
    served = r;
    const md = await runBin(["report", REPO], r.env);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toMatch(/^## Bug report: acme\/app, \d{4}-W\d{2}\n/);
    expect(md.stdout).toContain("| open | 12 |");
    expect(md.stderr).toMatch(/^report: 12 bugs and 3 pull requests read in \d+ requests, [\d.]+ s$/m);

    const json = await runBin(["report", REPO, "--format", "json"], r.env);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { metrics: { all: { open: number } } }).metrics.all.open).toBe(12);

    const csv = await runBin(["report", REPO, "--format", "csv", "--header"], r.env);
    expect(csv.code).toBe(0);
    expect(csv.stdout.trim().split("\n")).toHaveLength(2);

    const out = join(dir(), "report.html");
    const html = await runBin(["report", REPO, "--format", "html", "--out", out], r.env);
    expect(html.code).toBe(0);
    expect(html.stdout).toBe("");
    expect(html.stderr).toContain(`; wrote ${out}\n`);
    expect(readFileSync(out, "utf8")).toContain('<canvas id="states-over-weeks"');
    expect(r.double.writes()).toEqual([]);
  });

  it("check-config: valid, invalid, and a YAML error, each with its exit status", async () => {
    const folder = dir();
    const file = (name: string, text: string) => (writeFileSync(join(folder, name), text), join(folder, name));
    const valid = await runBin(["check-config", file("ok.yml", "people:\n  qa: [qa-lead]\n")], {});
    expect([valid.code, valid.stdout]).toEqual([0, ""]);
    expect(valid.stderr).toMatch(/is valid \(0 errors, 0 warnings\)\n$/);
    const invalid = await runBin(["check-config", file("bad.yml", "timers: 3\n")], {});
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toMatch(/bad\.yml:1:1 error .*timers/);
    const yaml = await runBin(["check-config", file("broken.yml", "people: [\n")], {});
    expect(yaml.code).toBe(1);
    expect(yaml.stdout).toMatch(/broken\.yml:\d+:\d+ error /);
    expect(yaml.stderr).not.toMatch(NO_STACK);
  });

  it("simulate (its own package's executable): an example plays and its expectations hold; an invalid scenario is refused with FILE:LINE:COL", async () => {
    const example = join(ROOT, "examples/scenarios/critical-bug.yml");
    const simulate = { bin: SIMULATE_BIN };
    const played = await runBin([example], {}, simulate);
    expect(played.code, played.stderr).toBe(0);
    expect(played.stdout).toContain("critical");
    const bad = join(dir(), "bad.yml");
    writeFileSync(bad, "name: nothing\nsteps: 3\n");
    const refused = await runBin([bad], {}, simulate);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/bad\.yml:\d+:\d+ error .+\nsimulate: .+bad\.yml is not a valid scenario\n$/);
    const moved = await runBin(["simulate", example], {});
    expect(moved.code).toBe(2);
    expect(moved.stderr).toMatch(/^simulate: moved .+ `npm run simulate -- SCENARIO\.yml` \(docs\/simulate\.md\)\n$/);
  });
});

describe("bad input gets one line and the documented exit status, never a stack trace", () => {
  it.each<[string, string[], Record<string, string>, number, RegExp]>([
    ["no credentials (sweep)", ["sweep", "--repo", REPO], {}, 2, /^sweep: no credentials: set APP_ID and PRIVATE_KEY \(or PRIVATE_KEY_PATH\), or GITHUB_TOKEN\n$/],
    ["no credentials (report)", ["report", REPO], {}, 2, /^report: no credentials: /],
    ["--repo without a slash", ["sweep", "--repo", "widgets"], { GITHUB_TOKEN: "x" }, 2, /^sweep: --repo must be owner\/name, got "widgets"\n$/],
    ["GITHUB_TOKEN without --repo", ["sweep"], { GITHUB_TOKEN: "x" }, 2, /^sweep: with GITHUB_TOKEN, name the repository: --repo owner\/name\n$/],
    ["a private key that is not a key", ["sweep"], { APP_ID: "1", PRIVATE_KEY: "not a key" }, 2, /^sweep: PRIVATE_KEY is not a PEM private key/],
    ["an unreadable PRIVATE_KEY_PATH", ["report", REPO], { APP_ID: "1", PRIVATE_KEY_PATH: "/nonexistent/key.pem" }, 2, /^report: cannot read PRIVATE_KEY_PATH \/nonexistent\/key\.pem/],
    ["a bad LOG_LEVEL", ["sweep"], { GITHUB_TOKEN: "x", LOG_LEVEL: "loud" }, 2, /^sweep: LOG_LEVEL: /],
    ["GitHub unreachable (report)", ["report", REPO], { GITHUB_TOKEN: "x", GHE_HOST: "127.0.0.1:9", GHE_PROTOCOL: "http" }, 1, /^report: acme\/app: cannot reach GitHub at 127\.0\.0\.1:9 \(ECONNREFUSED\)/],
  ])("%s", async (_name, args, env, code, message) => {
    const run = await runBin(args, env);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.code).toBe(code);
  });

  // GitHub answers a repository the token may not see exactly as one that does not exist.
  it("a repository the token cannot see: sweep and report say so in one line and exit 1", async () => {
    served = await serveDouble();
    served.double.addToken("ghp_outsider", "stranger");
    const env = { ...served.host, GITHUB_TOKEN: "ghp_outsider" };
    const report = await runBin(["report", "acme/secret"], env);
    expect(report.stderr).toMatch(/^report: acme\/secret: .+\n$/);
    expect(report.stderr).not.toMatch(NO_STACK);
    expect(report.code).toBe(1);
    const sweep = await runBin(["sweep", "--repo", "acme/secret"], env);
    expect(sweep.stderr).toMatch(/^sweep: 1 repositories, .+; failed: acme\/secret \(acme\/secret: .+\)\n$/);
    expect(sweep.code).toBe(1);
  });

  it("GitHub unreachable (sweep): the summary line names the reason; exit 1", async () => {
    const run = await runBin(["sweep", "--repo", REPO], { GITHUB_TOKEN: "x", GHE_HOST: "127.0.0.1:9", GHE_PROTOCOL: "http", LOG_LEVEL: "fatal" });
    expect(run.stderr).toMatch(/; failed: .*cannot reach GitHub at 127\.0\.0\.1:9 \(ECONNREFUSED\)/);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.code).toBe(1);
  }, 60_000);
});
