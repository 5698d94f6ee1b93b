//! Purpose: the environment read and validated once (one zod schema), with the one credential precedence every entry point uses.
import { readFileSync } from "node:fs";
import { createPrivateKey } from "node:crypto";
import { z } from "zod";
import { DEFAULT_SWEEP_SCHEDULE } from "../sweep/schedule.js";

/** A bad environment variable: one line saying which and why (the CLI prints it and exits 2). */
export class SettingsError extends Error {}

const blankIsUnset = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const text = z.preprocess(blankIsUnset, z.string().optional());
/** An integer setting ≥ `min` with a default. */
const int = (min: number, fallback: number) => z.preprocess(blankIsUnset, z.coerce.number().int(`an integer ≥ ${min}`).min(min, `an integer ≥ ${min}`).default(fallback));

/** The one-process server's journal of accepted deliveries, relative to its working directory. */
export const DEFAULT_JOURNAL_DIR = ".bug-lifecycle/journal";

/** Every Redis key the app writes starts with `<REDIS_PREFIX>:`. */
export const DEFAULT_REDIS_PREFIX = "bug-lifecycle";

/** `REDIS_URL` and `REDIS_PREFIX`: the shared Redis of a fleet of replicas. */
export interface RedisSettings {
  /** A redis:// (rediss://) URL, or a unix socket path. */
  url: string;
  /** Every key the app writes starts with `<prefix>:` (several deployments can share one Redis). */
  prefix: string;
}

/** The shared queue's knobs (`QUEUE_*`), read only with `REDIS_URL`. */
export interface QueueSettings {
  /** `QUEUE_LANES`: installations' lanes one replica runs at once (default 64); more wait their turn, served in order. */
  lanes: number;
  /** `QUEUE_LOCK_MS`: the lease on a running job; a dead replica's job runs again after it (default 30 s). */
  lockMs: number;
  /** `QUEUE_ATTEMPTS`: runs per job, with the retry policy's backoff (default 5). */
  attempts: number;
}

/**
 * The forms `REDIS_URL` takes, said when it is none of them. ioredis (ours, and Probot's own client for its
 * clustered pacing, which reads the variable as it is) takes a URL's path as the database number:
 * `redis:///tmp/r.sock` would `select NaN` and crash, so a socket is written as its bare path.
 */
export const REDIS_URL_FORMS =
  "takes one of these forms: redis://[user:password@]host[:port][/db], rediss://[user:password@]host[:port][/db], or a unix socket as its absolute path (/run/redis/redis.sock; not redis:///path, which Redis clients read as a database number)";

function isRedisUrl(value: string): boolean {
  if (value.startsWith("/")) return true;
  if (!/^rediss?:\/\//.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  // A host, and a path that is nothing or a database number.
  return url.hostname !== "" && /^\/?(\d+)?$/.test(url.pathname);
}

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
  SLACK_ESCALATION_WEBHOOK_URL: z.preprocess(blankIsUnset, z.url().optional()),
  SWEEP_SCHEDULE: text,
  NODE_ENV: text,
  JOURNAL_DIR: text,
  SHUTDOWN_GRACE_MS: z.preprocess(blankIsUnset, z.coerce.number().int().min(0).max(600_000).default(20_000)),
  // Replicas (src/queue/): unset REDIS_URL is one process with the in-memory queue.
  REDIS_URL: z.preprocess((v) => (typeof v === "string" ? v.trim() || undefined : v), z.string().refine(isRedisUrl, REDIS_URL_FORMS).optional()),
  REDIS_PREFIX: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() || undefined : v),
    z.string().regex(/^[\w.-]+$/, 'letters, digits, ".", "_" and "-" only').default(DEFAULT_REDIS_PREFIX),
  ),
  QUEUE_LANES: int(1, 64),
  QUEUE_LOCK_MS: int(1_000, 30_000),
  QUEUE_ATTEMPTS: int(1, 5),
});

/**
 * Who the runtime acts as. Precedence (docs/configuration.md, "Credentials"): the app's `APP_ID` + `PRIVATE_KEY`
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
  /** An unconfirmed critical bug's escalation (the sweep's `critical-escalation`). */
  slackEscalationWebhookUrl: string | undefined;
  /**
   * The sweep's cron expression, or "off": `SWEEP_SCHEDULE`, else hourly, except under `NODE_ENV=test`
   * (tests load the app many times and must not sweep behind their backs). Decided here, so no adapter reads `NODE_ENV`.
   */
  sweepSchedule: string;
  /** On SIGTERM, how long the server lets accepted deliveries finish before it exits (default 20 s). */
  shutdownGraceMs: number;
  /**
   * `JOURNAL_DIR`: where the one-process server keeps a file per accepted, unfinished delivery (replayed at
   * start after a crash: docs/durability.md). Relative to the working directory; default `.bug-lifecycle/journal`;
   * null with `JOURNAL_DIR=off`. Unused with `REDIS_URL` (the shared queue keeps its jobs in Redis).
   */
  journalDir: string | null;
  /** With `REDIS_URL`: this server is one replica of a fleet sharing the queue through Redis; null: one process. */
  redis: RedisSettings | null;
  queue: QueueSettings;
  /** A warning per setting that is set but no longer read (`RETIRED`): said once at start, not ignored silently. */
  retired: string[];
}

/** Settings no longer read, and what took their place. */
const RETIRED: Record<string, string> = {
  QUEUE_SHARDS: "QUEUE_LANES took its place (installations' lanes one replica runs at once, default 64: docs/replicas.md)",
};

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
    slackEscalationWebhookUrl: e.SLACK_ESCALATION_WEBHOOK_URL,
    sweepSchedule: e.SWEEP_SCHEDULE?.trim() || (e.NODE_ENV?.trim() === "test" ? "off" : DEFAULT_SWEEP_SCHEDULE),
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    journalDir: e.JOURNAL_DIR?.trim().toLowerCase() === "off" ? null : (e.JOURNAL_DIR?.trim() ?? DEFAULT_JOURNAL_DIR),
    redis: e.REDIS_URL ? { url: e.REDIS_URL, prefix: e.REDIS_PREFIX } : null,
    queue: { lanes: e.QUEUE_LANES, lockMs: e.QUEUE_LOCK_MS, attempts: e.QUEUE_ATTEMPTS },
    retired: Object.entries(RETIRED).filter(([name]) => env[name]?.trim()).map(([name, instead]) => `${name} is no longer read: ${instead}`),
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

/** The shortest webhook secret the server accepts outside development. */
export const MIN_SECRET_LENGTH = 16;

/**
 * Why the server must not start, or null. With `NODE_ENV=production`, or whenever `APP_ID` is set and
 * `NODE_ENV` is not `development`/`test`, it needs a webhook secret of its own: without one Probot
 * accepts deliveries signed with its default `development`, and anyone who can reach the URL could
 * drive the bot as any maintainer.
 */
export function webhookSecretProblem(env: NodeJS.ProcessEnv): string | null {
  const nodeEnv = env.NODE_ENV?.trim();
  const guarded = nodeEnv === "production" || (Boolean(env.APP_ID?.trim()) && nodeEnv !== "development" && nodeEnv !== "test");
  if (!guarded) return null;
  const secret = env.WEBHOOK_SECRET ?? "";
  if (secret.trim() && secret !== "development" && secret.length >= MIN_SECRET_LENGTH) return null;
  const why = !secret.trim() ? "is not set" : secret === "development" ? 'is Probot\'s default "development"' : `is shorter than ${MIN_SECRET_LENGTH} characters`;
  return `bug-lifecycle: refusing to start: WEBHOOK_SECRET ${why}; set it to the app's webhook secret (at least ${MIN_SECRET_LENGTH} characters, e.g. \`openssl rand -hex 20\`), or NODE_ENV=development for local tries`;
}
