//! Purpose: load and validate a repository's config, cached, with errors a person can act on (docs/contract.md §6).
import type { ProbotOctokit } from "probot";
import type { ZodError } from "zod";
import { configSchema, type Config } from "../lifecycle/config.js";
import { singleFlightOf } from "../github/single-flight.js";
import { ConfigFileError, readConfigFiles } from "./read-config-files.js";
import { TtlCache } from "../github/ttl-cache.js";

export type LoadedConfig = { ok: true; config: Config } | { ok: false; errors: string[] };

export const CONFIG_FILE = "bug-lifecycle.yml";
/** Arrays in a repository's file replace the org's (`people.qa: [a]` means only a), unlike Probot's default concat. */
export const replaceArrays = { arrayMerge: (_target: unknown[], source: unknown[]) => source };

/** A raw loader: Probot's `context.config(CONFIG_FILE, undefined, replaceArrays)` (org fallback and `_extends`). */
export type RawConfigLoader = () => Promise<unknown>;

/** How Probot's config plugin prefixes errors about the file itself (bad YAML, not an object, a directory). */
const PLUGIN_ERROR = "[@probot/octokit-plugin-config]";

export type ConfigCache = TtlCache<string, LoadedConfig>;

/** Config changes reach the bot through `push` events (the runtime forgets the entry) or after the cache's minute. */
export async function loadConfig(repo: string, raw: RawConfigLoader, cache: ConfigCache): Promise<LoadedConfig> {
  const cached = cache.get(repo);
  if (cached) return cached;
  // A burst's deliveries for one repository share the first one's read instead of each fetching the file.
  return singleFlightOf<string, LoadedConfig>(cache).run(repo, async () => {
    const loaded = await parseConfig(raw);
    cache.set(repo, loaded);
    return loaded;
  });
}

export async function parseConfig(raw: RawConfigLoader): Promise<LoadedConfig> {
  let value: unknown;
  try {
    value = await raw();
  } catch (error) {
    // Only a bad file is the repository's problem; a GitHub outage must not disable the bot for a minute.
    if (error instanceof ConfigFileError) return { ok: false, errors: [error.message] };
    if (!(error instanceof Error) || !error.message.startsWith(PLUGIN_ERROR)) throw error;
    const cause = error.cause === undefined ? "" : `: ${firstLine(error.cause)}`;
    return { ok: false, errors: [`${error.message.slice(PLUGIN_ERROR.length).trim()}${cause}`] };
  }
  // No file anywhere: the defaults.
  return validated(value ?? {});
}

/**
 * Validated configs by their merged value's JSON, for an hour (at most 100): the config cache validates a
 * repository's config again every minute on every replica, and the schema costs 1–15 ms of CPU a time (code that
 * runs once a minute never gets fast); an unchanged config is validated once. Validation is pure, and a loaded
 * config is only read (the config cache already shares one with every delivery of its minute).
 */
const validatedByValue = new TtlCache<string, LoadedConfig>(60 * 60_000, 100);

function validated(value: unknown): LoadedConfig {
  const key = JSON.stringify(value);
  const known = validatedByValue.get(key);
  if (known) return known;
  const result = configSchema.safeParse(value);
  const loaded: LoadedConfig = result.success ? { ok: true, config: result.data } : { ok: false, errors: formatZodErrors(result.error) };
  validatedByValue.set(key, loaded);
  return loaded;
}

export function formatZodErrors(error: ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join(".") : "(file)"}: ${issue.message}`);
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] ?? message;
}

type Plain = Record<string, unknown>;

const isPlain = (value: unknown): value is Plain => typeof value === "object" && value !== null && !Array.isArray(value);

/** Later files win; objects merge deeply and arrays replace (as `replaceArrays` does for `context.config`). */
export function mergeConfigs(configs: readonly Plain[]): Plain {
  const merge = (target: Plain, source: Plain): Plain => {
    const out: Plain = { ...target };
    for (const [key, value] of Object.entries(source)) {
      const existing = out[key];
      out[key] = isPlain(existing) && isPlain(value) ? merge(existing, value) : value;
    }
    return out;
  };
  return configs.reduce<Plain>((merged, config) => merge(merged, config), {});
}

/**
 * A repository's config, for every entry point: the repository's file, else the owner's `.github`
 * repository, `_extends` followed as Probot's config plugin does (read-config-files.ts, bounded parsing), arrays replaced (as `context.config` with
 * `replaceArrays` merges them), cached in the runtime's config cache.
 */
export function loadRepoConfig(octokit: ProbotOctokit, repo: { owner: string; name: string }, cache: ConfigCache): Promise<LoadedConfig> {
  return loadConfig(`${repo.owner}/${repo.name}`, async () => {
    const configs = await readConfigFiles(octokit, { owner: repo.owner, repo: repo.name, path: `.github/${CONFIG_FILE}` });
    return configs.length ? mergeConfigs(configs) : null;
  }, cache);
}
