//! Purpose: `bug-lifecycle report` end to end against the GitHub double served over HTTP (GHE_HOST), with a token or the app's key.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runReport } from "../../src/cli/report.js";
import { runCli } from "../../src/cli/run.js";
import { GitHubDouble, type Listening } from "@bug-lifecycle/github-double";
import { REPO, seedRepo } from "./seed-repo.js";
import { REPORT_NOW, rsaKey } from "../support/fixtures.js";

const NOW = REPORT_NOW;
const privateKey = rsaKey();

let server: Listening | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(shape: { openBugs?: number } = {}) {
  const double = new GitHubDouble({ appId: 42, appSlug: "bug-lifecycle" });
  // Under 100 of each: one page per query, since Probot's client spaces GraphQL requests 1 s apart.
  seedRepo(double, { openBugs: shape.openBugs ?? 90, closedBugs: 40, openPulls: 6, now: NOW });
  double.addToken("ghp_reporter", "maint");
  server = await double.listen();
  const host = { GHE_HOST: server.url.replace("http://", ""), GHE_PROTOCOL: "http" };
  return { double, host };
}

async function run(args: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runReport(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) }, env, () => NOW);
  return { code, stdout: out.join(""), stderr: err.join("") };
}

describe("bug-lifecycle report", () => {
  it("prints markdown with GITHUB_TOKEN over GHE_HOST, and a summary of the read on stderr", async () => {
    const { double, host } = await serve();
    const result = await run(["acme/app"], { ...host, GITHUB_TOKEN: "ghp_reporter" });
    expect(result.stderr).toMatch(/^report: 90 bugs and 6 pull requests read in \d+ requests, [\d.]+ s\n$/m);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("## Bug report: acme/app, 2026-W47");
    expect(result.stdout).toContain("| open | 90 |");
    // Every request went over HTTP to the double's GHE paths.
    expect(double.requests.some((r) => r.kind === "graphql")).toBe(true);
    expect(double.writes()).toEqual([]);
  });

  it("with the app's key finds the installation and prints one CSV line (columns first with --header)", async () => {
    const { host } = await serve();
    const dir = mkdtempSync(join(tmpdir(), "report-"));
    writeFileSync(join(dir, "key.pem"), privateKey);
    const result = await run(["acme/app", "--format", "csv", "--header"], { ...host, APP_ID: "42", PRIVATE_KEY_PATH: join(dir, "key.pem") });
    expect(result.code).toBe(0);
    const [header, line, ...rest] = result.stdout.split("\n");
    expect(header?.startsWith("week,date,repository,opened,closed,open,")).toBe(true);
    expect(line?.startsWith("2026-W47,2026-11-20,acme/app,")).toBe(true);
    expect(rest).toEqual([""]);
    const inline = await run(["acme/app", "--format", "csv"], { ...host, APP_ID: "42", PRIVATE_KEY: privateKey.replace(/\n/g, "\\n") });
    expect(inline.stdout).toBe(`${line}\n`);
  });

  it("writes JSON and HTML to --out; --since DATE starts at midnight in the config's time zone", async () => {
    const { host } = await serve();
    const dir = mkdtempSync(join(tmpdir(), "report-"));
    const env = { ...host, GITHUB_TOKEN: "ghp_reporter" };
    expect((await run(["acme/app", "--format", "json", "--out", join(dir, "r.json"), "--since", "2026-11-01"], env)).code).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, "r.json"), "utf8"));
    expect(json.metrics.since).toBe("2026-11-01T07:00:00.000Z");
    expect(json.history.weeks).toHaveLength(12);
    const html = await run(["acme/app", "--format", "html", "-o", join(dir, "r.html")], env);
    expect(html.stdout).toBe("");
    expect(html.stderr).toContain(`wrote ${join(dir, "r.html")}`);
    const page = readFileSync(join(dir, "r.html"), "utf8");
    expect(page).toContain('<canvas id="states-over-weeks"');
    expect(page).toContain("Chart.js v4");
    expect(page).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
  });

  it("with a personal token, the token's own comment on a community PR is the bot's, not a maintainer's answer (as in the sweep)", async () => {
    const double = new GitHubDouble({ appId: 42, appSlug: "bug-lifecycle" });
    seedRepo(double, { openBugs: 0, closedBugs: 0, openPulls: 0, now: NOW });
    double.addToken("ghp_reporter", "maint");
    const day = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();
    double.addPull(REPO, {
      author: "contributor",
      authorAssociation: "CONTRIBUTOR",
      createdAt: day(10),
      comments: [
        { author: "contributor", body: "Ready for a look.", createdAt: day(9), authorAssociation: "CONTRIBUTOR" },
        // The bot's reminder, posted by the sweep running with this same personal token.
        { author: "maint", body: "A friendly nudge.\n<!-- bug-lifecycle:pr-response:1 -->", createdAt: day(2), authorAssociation: "MEMBER" },
      ],
    });
    server = await double.listen();
    const host = { GHE_HOST: server.url.replace("http://", ""), GHE_PROTOCOL: "http" };
    const result = await run(["acme/app", "--format", "json"], { ...host, GITHUB_TOKEN: "ghp_reporter" });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).metrics.communityPullRequests).toMatchObject({ open: 1, waitingOnUs: 1 });
  });

  it("shows progress on stderr when the read is slow", async () => {
    const { double, host } = await serve({ openBugs: 150 });
    double.fault({ graphqlField: "repository", delayMs: 600, times: Infinity });
    const result = await run(["acme/app", "--format", "csv"], { ...host, GITHUB_TOKEN: "ghp_reporter" });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^report: open bugs 150\/150 \(2 requests\)$/m);
    expect(result.stderr).toMatch(/^report: pull requests 6\/6 \(\d+ requests\)$/m);
  }, 30_000);

  it.each<[string, string[], Record<string, string>, number, RegExp]>([
    ["no repository", [], {}, 2, /expected one repository as owner\/name/],
    ["a bad format", ["acme/app", "--format", "pdf"], {}, 2, /--format must be one of md, json, csv, html/],
    ["an unknown option", ["acme/app", "--color"], {}, 2, /Unknown option '--color'/],
    ["no credentials", ["acme/app"], {}, 2, /^report: no credentials: set APP_ID and PRIVATE_KEY \(or PRIVATE_KEY_PATH\), or GITHUB_TOKEN\n$/],
    ["an app without a key", ["acme/app"], { APP_ID: "42" }, 2, /neither PRIVATE_KEY nor PRIVATE_KEY_PATH/],
  ])("refuses %s", async (_name, args, env, code, message) => {
    const result = await run(args, env);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
  });

  it.each<[string, (double: GitHubDouble) => void, string[], Record<string, string>, RegExp]>([
    ["a bad --since", () => undefined, ["--since", "last week"], {}, /--since last week is not a date before now/],
    ["an invalid config", (d) => d.setFile(REPO, ".github/bug-lifecycle.yml", "timers: 3\n"), [], {}, /is invalid:\n {2}\(file\): Unrecognized key: "timers"|timers/],
    ["a repository the app is not installed on", (d) => d.addRepo("other/thing", { installation: false }), [], { repo: "other/thing" }, /not installed on other\/thing/],
  ])("reports %s", async (_name, prepare, args, extra, message) => {
    const { double, host } = await serve();
    prepare(double);
    const repo = extra.repo ?? "acme/app";
    const credentials: Record<string, string> = extra.repo ? { APP_ID: "42", PRIVATE_KEY: privateKey } : { GITHUB_TOKEN: "ghp_reporter" };
    const result = await run([repo, ...args], { ...host, ...credentials });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
  });

  it("is listed by `bug-lifecycle --help` and has its own help", async () => {
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t) };
    expect(await runCli(["--help"], io)).toBe(0);
    expect(out.join("")).toMatch(/^ {2}report {2,}print a repository's bug metrics/m);
    out.length = 0;
    expect(await runCli(["report", "--help"], io)).toBe(0);
    expect(out.join("")).toContain("Usage: bug-lifecycle report owner/name [--since DATE] [--format md|json|csv|html] [--out FILE]");
  });
});
