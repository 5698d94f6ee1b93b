//! Purpose: what the sweep's rules in `shadow` would write now under a config, from one bulk read (the config check run's preview; docs/rules.md).
import type { ProbotOctokit } from "probot";
import { forEachPage } from "../github/bulk-read.js";
import { IdBook } from "../github/ids.js";
import type { Config } from "../lifecycle/config.js";
import { planByRule, splitByRule } from "../lifecycle/rules.js";
import type { TtlCache } from "../github/ttl-cache.js";
import { shadowOf, type ShadowDecision } from "../write/shadow.js";
import { MaintainerCheck } from "./maintainers.js";
import { decideItem, effectsOf } from "./sweep-item.js";

/**
 * The sweep's decisions on every open item (no fresh re-check, no board), kept for the rules in shadow.
 * Reads nothing when no rule is in shadow. Event rules (acknowledge, thanks…) have no event to preview.
 */
export async function previewShadow(
  octokit: ProbotOctokit,
  repo: { owner: string; name: string },
  config: Config,
  now: Date,
  maintainers: TtlCache<string, boolean>,
  self?: string,
): Promise<ShadowDecision[]> {
  if (!Object.values(config.rules).includes("shadow")) return [];
  const decisions: ShadowDecision[] = [];
  const check = new MaintainerCheck(octokit, repo, maintainers);
  await forEachPage(octokit, repo, config, new IdBook(), { self }, async (items) => {
    for (const item of items) {
      const { plans } = await decideItem(item, config, now, check, null);
      decisions.push(...shadowOf(planByRule(splitByRule(effectsOf(plans), config).shadow, new Map([[item.number, item]]))));
    }
  });
  return decisions;
}
