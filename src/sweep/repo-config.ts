//! Purpose: a repository's config outside a webhook (the sweep): Probot's config plugin, merged as webhooks merge it.
import type { ProbotOctokit } from "probot";
import { CONFIG_FILE, loadConfig, type LoadedConfig } from "../config/load.js";

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

/** `.github/bug-lifecycle.yml` in the repository, else the owner's `.github` repository; `_extends` works. */
export function loadRepoConfig(octokit: ProbotOctokit, repo: { owner: string; name: string }): Promise<LoadedConfig> {
  return loadConfig(`${repo.owner}/${repo.name}`, async () => {
    const { config, files } = await octokit.config.get({
      owner: repo.owner,
      repo: repo.name,
      path: `.github/${CONFIG_FILE}`,
      defaults: (configs: Plain[]) => mergeConfigs(configs),
    });
    return files.some((file) => file.config !== null) ? config : null;
  });
}
