//! Purpose: the BUILT `bug-lifecycle` executable as a child process (argv and environment only), and a GitHub double for it over HTTP.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GitHubDouble, type Listening } from "@bug-lifecycle/github-double";
import { daysAgo as fixtureDaysAgo } from "../../support/fixtures.js";
import { FLEET_CONFIG } from "../../support/fleet.js";
import { seedWorld } from "../../support/world.js";
import { ROOT, rsaKey } from "./server.js";

/** The built executable; `BUG_LIFECYCLE_BIN` points the tests at another build (checking that a reverted fix fails them). */
export const BIN = process.env.BUG_LIFECYCLE_BIN ?? join(ROOT, "lib/cli/main.js");
export const REPO = "acme/app";
export const LABELS = ["bug", ":reproduce", ":product", ":release", "~awaiting QA", "~ready for release", "~needs info", "#g-mdm"];
export const CONFIG = FLEET_CONFIG;

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node lib/cli/main.js ARGS` with exactly `env` (plus PATH), in an empty directory (no `.env`). */
export async function runBin(args: string[], env: Record<string, string>, options: { bin?: string; cwd?: string; node?: string } = {}): Promise<Run> {
  const cwd = options.cwd ?? mkdtempSync(join(tmpdir(), "bug-lifecycle-cli-"));
  try {
    const child = spawn(options.node ?? process.execPath, [options.bin ?? BIN, ...args], { cwd, env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const code = await new Promise<number | null>((done) => child.once("close", (status) => done(status)));
    return { code, stdout, stderr };
  } finally {
    if (!options.cwd) rmSync(cwd, { recursive: true, force: true });
  }
}

/** JSON log lines of a run's stdout (pino, since stdout is not a terminal). */
export function logLines(text: string): Array<Record<string, unknown>> {
  return text.split("\n").filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as Record<string, unknown>);
}

export interface Served {
  double: GitHubDouble;
  server: Listening;
  /** GHE_HOST and GHE_PROTOCOL for the child. */
  host: Record<string, string>;
  /** APP_ID and PRIVATE_KEY of the double's app. */
  app: Record<string, string>;
  close(): Promise<void>;
}

let key: string | undefined;

/** A double on the real clock (the child's), with one installation on `acme` and the config above. */
export async function serveDouble(options: { repo?: boolean } = {}): Promise<Served> {
  const double = new GitHubDouble({ appSlug: "bug-lifecycle" });
  // Without the repository: the app installed on `acme` and nothing else (a repository the app cannot see).
  if (options.repo === false) double.addInstallation({ id: 1, account: "acme" });
  else seedWorld(double, { labels: LABELS, config: CONFIG });
  const server = await double.listen();
  key ??= rsaKey();
  return {
    double,
    server,
    host: { GHE_HOST: `127.0.0.1:${server.port}`, GHE_PROTOCOL: "http" },
    app: { APP_ID: String(double.appId), PRIVATE_KEY: key },
    close: () => server.close(),
  };
}

/** The CLI reads the real clock: `days` before now. */
export function daysAgo(days: number, seconds = 0): string {
  return fixtureDaysAgo(days, seconds, new Date());
}

/** A bug whose `/needs-info` was `days` ago, with no reply: the reminder is due after 14 days. */
export function addNeedsInfoBug(double: GitHubDouble, days: number): number {
  return double.addIssue(REPO, {
    title: "Crash on save",
    author: "reporter",
    createdAt: daysAgo(days + 5),
    labels: ["bug", ":reproduce", "~needs info"],
    comments: [{ author: "qa-lead", body: "/needs-info", createdAt: daysAgo(days) }],
    events: [{ kind: "labeled", actor: "bug-lifecycle[bot]", createdAt: daysAgo(days, 1), label: "~needs info" }],
  }).number;
}

export interface Started {
  /** Everything the process wrote so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit status when the process ends. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** Starts `node ARGS` with exactly `env` (plus PATH) in an empty directory, for servers. */
export function startProcess(args: string[], env: Record<string, string>, options: { node?: string; cwd?: string } = {}): Started {
  const cwd = options.cwd ?? mkdtempSync(join(tmpdir(), "bug-lifecycle-server-"));
  const child = spawn(options.node ?? process.execPath, args, { cwd, env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const exited = new Promise<number | null>((done) => child.once("exit", (status) => done(status)));
  return {
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
      if (!options.cwd) rmSync(cwd, { recursive: true, force: true });
    },
  };
}
