//! Purpose: what every handler needs: the repository's config, the clients, dry run, and a once-per-delivery guard.
import type { Context, Logger, ProbotOctokit } from "probot";
import { CONFIG_FILE, loadConfig, replaceArrays, type LoadedConfig } from "../config/load.js";
import type { Effect, IssueSnapshot } from "../lifecycle/types.js";
import { planWrites } from "../lifecycle/plan.js";
import { brief, execute, type WriteRecord } from "../github/execute.js";
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

const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `task` after every earlier task with the same key has finished. Deliveries for one issue are
 * handled one at a time in a process, so the second `/critical` of a burst reads the first one's
 * comment (and marker) before deciding, instead of both posting the checklist.
 */
export async function oneAtATime<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const current = previous.catch(() => undefined).then(task);
  queues.set(key, current);
  try {
    return await current;
  } finally {
    if (queues.get(key) === current) queues.delete(key);
  }
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
  /** What was decided and why (event, state, rule…): the fields of the transition's one log line. */
  decision: Record<string, unknown>;
}

/**
 * Plans and executes, and logs the transition in one line at info (a line per write at debug).
 * Throws when a write failed, after it was logged, so the delivery counts as failed: GitHub shows it,
 * a redelivery is not skipped as a duplicate, and the desired-state plan completes it.
 */
export async function apply(input: ApplyInput): Promise<WriteRecord[]> {
  const writes = planWrites(input.effects, new Map(input.snapshots.map((s) => [s.number, s])));
  if (!writes.length) {
    input.log.debug({ ...input.decision, effects: input.effects.length, writes: [] }, "transition");
    return [];
  }
  const records = await execute(writes, {
    octokit: input.octokit,
    repo: input.repo,
    ids: input.ids,
    config: input.config,
    dryRun: input.dryRun,
    log: input.log,
    delivery: input.delivery,
    notify: input.deps.notify,
  });
  input.log.info({ ...input.decision, effects: input.effects.length, writes: brief(records) }, "transition");
  const failed = records.filter((record) => record.result === "failed" && record.action !== "notify");
  if (failed.length) {
    const message = `${failed.length} of ${records.length} writes failed: ${failed.map((r) => `${r.action} ${r.detail}: ${r.error}`).join("; ")}`;
    // The status and retry-after of the worst failure tell the work queue whether (and when) to retry.
    const worst = failed.reduce<WriteRecord | undefined>((a, r) => ((r.status ?? 0) > (a?.status ?? 0) ? r : a), undefined);
    throw Object.assign(new Error(message), worst?.status ? { status: worst.status, retryAfter: worst.retryAfter } : {});
  }
  return records;
}
