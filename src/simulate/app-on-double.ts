//! Purpose: the real app on a Probot instance whose requests go to an in-memory GitHub double: for simulate and tests.
import { generateKeyPairSync } from "node:crypto";
import { Writable } from "node:stream";
import pino from "pino";
import { Probot, ProbotOctokit } from "probot";
import app from "../index.js";
import { forgetCaches } from "../caches.js";
import type { GitHubDouble } from "../double/index.js";

export type LogLine = Record<string, unknown> & { msg?: string; level?: number };

export interface AppOnDouble {
  probot: Probot;
  /** Everything the app logged, in order (pino JSON lines). */
  logs: LogLine[];
}

export interface AppOptions {
  /** The handlers' clock (default: the real one). */
  now?: () => Date;
  /** Environment the app reads when loaded (DRY_RUN, SLACK_WEBHOOK_URL…); the process's own is kept out. */
  env?: Record<string, string>;
  logLevel?: pino.Level;
}

let privateKey: string | undefined;

export async function loadAppOnDouble(double: GitHubDouble, options: AppOptions = {}): Promise<AppOnDouble> {
  // The app's caches are per process: a previous run's config, permissions or deliveries must not leak in.
  forgetCaches();
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

  // The app reads its environment when loaded: only what the caller gives, and never a schedule.
  const saved = { ...process.env };
  delete process.env.SLACK_WEBHOOK_URL;
  delete process.env.DRY_RUN;
  Object.assign(process.env, { SWEEP_SCHEDULE: "off" }, options.env ?? {});
  try {
    await probot.load(app, { cwd: process.cwd(), addHandler: () => {}, ...(options.now && { now: options.now }) });
  } finally {
    process.env = saved;
  }
  return { probot, logs };
}
