//! Purpose: the real app on a Probot instance whose requests go to an in-memory GitHub double: for simulate and tests.
import { generateKeyPairSync } from "node:crypto";
import { Writable } from "node:stream";
import pino from "pino";
import { Probot, ProbotOctokit } from "probot";
import { createRuntime, serverApp, type Later, type Runtime } from "bug-lifecycle/library";
import type { GitHubDouble } from "@bug-lifecycle/github-double";

export type LogLine = Record<string, unknown> & { msg?: string; level?: number };

export interface AppOnDouble {
  probot: Probot;
  /** The runtime the app runs on (its caches start cold: a new run is a new process). */
  runtime: Runtime;
  /** Everything the app logged, in order (pino JSON lines). */
  logs: LogLine[];
}

export interface AppOptions {
  /** The handlers' clock (default: the real one). */
  now?: () => Date;
  /** The app's environment (DRY_RUN, SLACK_WEBHOOK_URL…); the process's own is kept out. */
  env?: Record<string, string>;
  logLevel?: pino.Level;
  /** The work queue's delayed jobs, as the server gives its runtime (simulate's world keeps them for its clock). */
  later?: Later | undefined;
}

let privateKey: string | undefined;

export async function loadAppOnDouble(double: GitHubDouble, options: AppOptions = {}): Promise<AppOnDouble> {
  const logs: LogLine[] = [];
  const log = pino(
    { level: options.logLevel ?? "info" },
    new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split("\n")) if (line) logs.push(JSON.parse(line) as LogLine);
        done();
      },
    }),
  );
  // No pacing and no retries: the double answers at once, and a failure should show, not be hidden.
  const Octokit = ProbotOctokit.defaults((defaults: Record<string, unknown>) => ({
    ...defaults,
    retry: { enabled: false },
    throttle: { enabled: false },
    request: { ...(defaults.request as object), fetch: double.fetch },
  }));
  privateKey ??= generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  }).privateKey;
  const probot = new Probot({ appId: double.appId, privateKey, secret: "test-secret", Octokit, log });

  // Only the environment the caller gives, never the process's; the clock is the runtime's `now` option.
  const runtime = createRuntime({ env: options.env ?? {}, probot, log, now: options.now, later: options.later });
  await probot.load(serverApp(runtime, { schedule: false }), { cwd: process.cwd(), addHandler: () => {} });
  return { probot, runtime, logs };
}
