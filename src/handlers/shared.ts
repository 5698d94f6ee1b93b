//! Purpose: what every handler needs: the repository's config, the clients, dry run, and a once-per-delivery guard.
import type { Context, Logger, ProbotOctokit } from "probot";
import { CONFIG_FILE, loadConfig, replaceArrays, type LoadedConfig } from "../config/load.js";
import type { Effect, IssueSnapshot } from "../lifecycle/types.js";
import { planWrites } from "../lifecycle/plan.js";
import { execute, type WriteRecord } from "../github/execute.js";
import type { IdBook } from "../github/ids.js";
import type { RepoRef } from "../github/to-event.js";
import { TtlCache } from "../github/ttl-cache.js";

export interface Deps {
  /** The clock, injected so tests and the simulator control time. */
  now: () => Date;
  /** `DRY_RUN=true`: decide and log, write nothing, in every repository. */
  dryRun: boolean;
  /** Posts to Slack for `/critical`, when `SLACK_WEBHOOK_URL` is set. */
  notify?: ((text: string) => Promise<void>) | undefined;
  /** The client for an installation: one pacing queue per installation rather than one per process. */
  octokitFor: (context: Context) => Promise<ProbotOctokit>;
}

const seen = new TtlCache<string, true>(60 * 60_000, 10_000);

/** GitHub redelivers with the same id: the second copy of a delivery does nothing. */
export function firstDelivery(id: string): boolean {
  if (seen.get(id)) return false;
  seen.set(id, true);
  return true;
}

export function forgetDelivery(id?: string): void {
  if (id) seen.delete(id);
  else seen.clear();
}

export function configOf(context: Context, repo: RepoRef): Promise<LoadedConfig> {
  return loadConfig(`${repo.owner}/${repo.name}`, () => context.config(CONFIG_FILE, undefined, replaceArrays));
}

export interface ApplyInput {
  octokit: ProbotOctokit;
  repo: RepoRef;
  ids: IdBook;
  effects: readonly Effect[];
  /** The freshest known state of every issue the effects touch: only what differs is written. */
  snapshots: readonly IssueSnapshot[];
  dryRun: boolean;
  log: Logger;
  delivery: string;
  deps: Deps;
  config: Parameters<typeof execute>[1]["config"];
}

export async function apply(input: ApplyInput): Promise<WriteRecord[]> {
  const writes = planWrites(input.effects, new Map(input.snapshots.map((s) => [s.number, s])));
  if (!writes.length) return [];
  return execute(writes, {
    octokit: input.octokit,
    repo: input.repo,
    ids: input.ids,
    config: input.config,
    dryRun: input.dryRun,
    log: input.log,
    delivery: input.delivery,
    notify: input.deps.notify,
  });
}
