//! Purpose: one sweep run over its targets: repositories one after another, one summary line, never two runs at once.
import { randomUUID } from "node:crypto";
import type { Logger } from "probot";
import type { Delivery } from "../runtime/delivery.js";
import { describeFailure } from "../runtime/failure.js";
import type { SweepPort } from "../runtime/port.js";
import type { BoardReads } from "../board/read-items.js";
import { sweepRepo, type DueItem, type RepoSweepInput, type RepoSweepResult } from "./sweep-repo.js";
import type { Targets } from "./targets.js";

export interface RunOptions {
  /** Finds the repositories and their clients (the app's installations, or one repository by token). */
  targets: () => Promise<Targets>;
  now: () => Date;
  dryRun: boolean;
  log: Logger;
  /** The runtime's caches, config and Slack posts. */
  port: SweepPort;
  /** The runtime's delivery handler: unanswered commands are run again through it (see sweep-repo.ts). */
  replay?: ((delivery: Delivery) => Promise<void>) | undefined;
  /** The runtime's per-issue exclusion, taken around each due item's re-check and writes. */
  exclusive?: RepoSweepInput["exclusive"];
  /** Replicas: due items go to their issues' shards instead (src/queue/replica.ts). */
  handOff?: ((repo: { owner: string; name: string }, installationId: number | undefined, item: DueItem) => Promise<void>) | undefined;
}

/** A run adds up its repositories' counts (documented on `RepoSweepResult`). */
export interface RunSummary
  extends Pick<RepoSweepResult, "bugs" | "pulls" | "actions" | "deferred" | "rechecked" | "errors" | "reads" | "writes"> {
  runId: string;
  dryRun: boolean;
  repos: number;
  /** Repositories whose sweep failed or whose config is invalid. */
  failed: string[];
  /** The first failure's reason, in one line (the CLI prints it). */
  reason?: string;
  /** Orphans and reproduced orphans by repository. */
  orphans: Record<string, number[]>;
  reproducedOrphans: Record<string, number[]>;
  /** Decisions of rules in `shadow` (docs/rules.md), by rule: logged, not written. */
  shadow: Record<string, number>;
  durationMs: number;
  /** Replicas: due items queued into their issues' shards, acted on there. */
  handedOff?: number;
}

/**
 * A guard held by one runtime: a sweep still running when the next is due is not doubled; the caller gets
 * null and the next tick tries again.
 */
export function sweepOnce(): (options: RunOptions) => Promise<RunSummary | null> {
  let running: Promise<RunSummary> | null = null;
  return async (options) => {
    if (running) {
      options.log.warn("sweep: the previous run is still going, skipping this one");
      return null;
    }
    running = runSweep(options);
    try {
      return await running;
    } finally {
      running = null;
    }
  };
}

export async function runSweep(options: RunOptions): Promise<RunSummary> {
  const started = Date.now();
  const runId = randomUUID();
  const log = options.log.child({ sweep: runId });
  const summary: RunSummary = {
    runId,
    dryRun: options.dryRun,
    repos: 0,
    failed: [],
    bugs: 0,
    pulls: 0,
    actions: {},
    deferred: 0,
    rechecked: 0,
    errors: 0,
    orphans: {},
    reproducedOrphans: {},
    shadow: {},
    reads: 0,
    writes: 0,
    durationMs: 0,
  };
  try {
    const { targets, reads } = await options.targets();
    summary.reads += reads;
    const now = options.now();
    for (const target of targets) {
      // One board read per project for the run: repositories of one installation often share their board.
      const boards: BoardReads = new Map();
      for (const repo of target.repos) {
        summary.repos++;
        try {
          const handOff = options.handOff;
          add(
            summary,
            await sweepRepo({
              octokit: target.octokit,
              repo,
              now,
              dryRun: options.dryRun,
              log,
              runId,
              self: target.self,
              port: options.port,
              exclusive: options.exclusive,
              handOff: handOff ? (item) => handOff(repo, target.installationId, item) : undefined,
              replay: options.replay,
              installationId: target.installationId,
              boards,
            }),
          );
        } catch (error) {
          // One repository's outage must not stop the others; the next run retries it.
          summary.failed.push(`${repo.owner}/${repo.name}`);
          summary.reason ??= `${repo.owner}/${repo.name}: ${describeFailure(error)}`;
          log.error({ repo: `${repo.owner}/${repo.name}`, err: error }, "sweep failed in this repository");
        }
      }
    }
  } catch (error) {
    summary.failed.push("(listing repositories)");
    summary.reason ??= describeFailure(error);
    log.error({ err: error }, "sweep could not list its repositories");
  }
  summary.durationMs = Date.now() - started;
  log.info(summary, "sweep done");
  return summary;
}

function add(summary: RunSummary, result: RepoSweepResult): void {
  if (result.error) {
    summary.failed.push(result.repo);
    summary.reason ??= `${result.repo}: ${result.error}`;
  }
  summary.bugs += result.bugs;
  summary.pulls += result.pulls;
  for (const [rule, count] of Object.entries(result.actions)) summary.actions[rule] = (summary.actions[rule] ?? 0) + count;
  summary.deferred += result.deferred;
  summary.rechecked += result.rechecked;
  summary.errors += result.errors;
  if (result.orphans.length) summary.orphans[result.repo] = result.orphans;
  if (result.reproducedOrphans.length) summary.reproducedOrphans[result.repo] = result.reproducedOrphans;
  // Items per rule (a close and its comment are one decision).
  for (const key of new Set((result.shadowed ?? []).map((decision) => `${decision.rule}#${decision.issue}`))) {
    const rule = key.slice(0, key.indexOf("#"));
    summary.shadow[rule] = (summary.shadow[rule] ?? 0) + 1;
  }
  summary.reads += result.reads;
  summary.writes += result.writes;
  if (result.handedOff) summary.handedOff = (summary.handedOff ?? 0) + result.handedOff;
}
