//! Purpose: the environment read and validated once (one zod schema), with the one credential precedence every entry point uses.
import { readFileSync } from "node:fs";
import { createPrivateKey } from "node:crypto";
import { z } from "zod";

/** A bad environment variable: one line saying which and why (the CLI prints it and exits 2). */
export class SettingsError extends Error {}

const blankIsUnset = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const text = z.preprocess(blankIsUnset, z.string().optional());
const flag = z.preprocess(blankIsUnset, z.enum(["true", "false", "1", "0"]).optional()).transform((v) => v === "true" || v === "1");

const envSchema = z.object({
  APP_ID: z.preprocess(blankIsUnset, z.string().trim().regex(/^\d+$/, "must be the app's numeric id").optional()),
  PRIVATE_KEY: text,
  PRIVATE_KEY_PATH: text,
  GITHUB_TOKEN: text,
  WEBHOOK_SECRET: text,
  GHE_HOST: text,
  GHE_PROTOCOL: z.preprocess(blankIsUnset, z.enum(["http", "https"]).default("https")),
  DRY_RUN: flag,
  LOG_LEVEL: z.preprocess(blankIsUnset, z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info")),
  LOG_FORMAT: z.preprocess(blankIsUnset, z.enum(["json", "pretty"]).optional()),
  SLACK_WEBHOOK_URL: z.preprocess(blankIsUnset, z.url().optional()),
  SWEEP_SCHEDULE: text,
  NODE_ENV: text,
  SHUTDOWN_GRACE_MS: z.preprocess(blankIsUnset, z.coerce.number().int().min(0).max(600_000).default(20_000)),
});

/**
 * Who the runtime acts as. Precedence (README, "Credentials"): the app's `APP_ID` + `PRIVATE_KEY`
 * (or `PRIVATE_KEY_PATH`) win over `GITHUB_TOKEN` when both are set, in every command and the server:
 * the app is the bot's identity, a token is the fallback for teams without one.
 */
export type Credentials =
  | { kind: "app"; appId: number; privateKey: string }
  | { kind: "token"; token: string }
  | { kind: "none"; reason: string };

export interface Settings {
  credentials: Credentials;
  webhookSecret: string | undefined;
  /** `${GHE_PROTOCOL}://${GHE_HOST}/api/v3` (GraphQL at `/api/graphql`), or undefined for github.com. */
  baseUrl: string | undefined;
  dryRun: boolean;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** Undefined: JSON lines unless the log goes to a terminal. */
  logFormat: "json" | "pretty" | undefined;
  slackWebhookUrl: string | undefined;
  /** Cron expression or "off"; undefined is the hourly default. */
  sweepSchedule: string | undefined;
  nodeEnv: string | undefined;
  /** On SIGTERM, how long the server lets accepted deliveries finish before it exits (default 20 s). */
  shutdownGraceMs: number;
}

export function readSettings(env: NodeJS.ProcessEnv): Settings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SettingsError(`${issue.path.join(".")}: ${issue.message}`);
  }
  const e = parsed.data;
  return {
    credentials: credentialsOf(e),
    webhookSecret: e.WEBHOOK_SECRET,
    baseUrl: e.GHE_HOST ? `${e.GHE_PROTOCOL}://${e.GHE_HOST}/api/v3` : undefined,
    dryRun: e.DRY_RUN,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    slackWebhookUrl: e.SLACK_WEBHOOK_URL,
    sweepSchedule: e.SWEEP_SCHEDULE,
    nodeEnv: e.NODE_ENV,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
  };
}

const NO_CREDENTIALS = "no credentials: set APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH), or GITHUB_TOKEN";

function credentialsOf(e: z.infer<typeof envSchema>): Credentials {
  if (e.APP_ID && (e.PRIVATE_KEY || e.PRIVATE_KEY_PATH)) {
    const key = privateKeyOf(e);
    return typeof key === "string" ? { kind: "app", appId: Number(e.APP_ID), privateKey: key } : key;
  }
  if (e.GITHUB_TOKEN) return { kind: "token", token: e.GITHUB_TOKEN };
  if (e.APP_ID) return { kind: "none", reason: "APP_ID is set but neither PRIVATE_KEY nor PRIVATE_KEY_PATH" };
  return { kind: "none", reason: NO_CREDENTIALS };
}

function privateKeyOf(e: z.infer<typeof envSchema>): string | { kind: "none"; reason: string } {
  let key: string;
  let from: string;
  if (e.PRIVATE_KEY) {
    // Like Probot: a key pasted into one line of .env keeps its newlines as "\n".
    key = e.PRIVATE_KEY.replace(/\\n/g, "\n");
    from = "PRIVATE_KEY";
  } else {
    from = `PRIVATE_KEY_PATH ${e.PRIVATE_KEY_PATH}`;
    try {
      key = readFileSync(e.PRIVATE_KEY_PATH!, "utf8");
    } catch (error) {
      return { kind: "none", reason: `cannot read ${from}: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  try {
    createPrivateKey(key);
  } catch {
    return { kind: "none", reason: `${from} is not a PEM private key (download one from the app's settings page)` };
  }
  return key;
}
