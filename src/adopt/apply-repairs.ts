//! Purpose: `adopt --apply`: the repairs only, item by item, each re-read fresh and written through the one write path, within GitHub's content limits.
import type { Logger } from "probot";
import { readItem } from "../github/bulk-read.js";
import type { IdBook } from "../github/ids.js";
import type { Config } from "../lifecycle/config.js";
import type { Effect } from "../lifecycle/types.js";
import type { Octokit } from "../runtime/clients.js";
import type { WritePort } from "../runtime/port.js";
import type { MaintainerCheck } from "../sweep/maintainers.js";
import { decideItem } from "../sweep/sweep-item.js";
import { apply } from "../write/apply.js";
import type { ContentLimits } from "../write/content-limits.js";
import { WriteFailed } from "../write/failure.js";

export interface RepairRun {
  port: WritePort;
  /** Writes: paced (≥ 1 s apart, as GitHub asks). */
  octokit: Octokit;
  /** The fresh re-read before each write: reads need no pacing. */
  reader: Octokit;
  repo: { owner: string; name: string };
  repositoryId: string;
  ids: IdBook;
  config: Config;
  check: MaintainerCheck;
  log: Logger;
  runId: string;
  self?: string | undefined;
  /** Post one comment on each repaired item saying what was done and why (`--comments`). */
  comments: boolean;
  limits: ContentLimits;
  clock: () => Date;
  /** Waits `ms` (the content limits); tests pass a fake. */
  sleep: (ms: number) => Promise<void>;
  /** True once the person asked to stop (Ctrl-C): the item in hand is finished, the rest left. */
  stopped: () => boolean;
  onProgress?: (progress: RepairProgress) => void;
}

export interface RepairProgress {
  done: number;
  total: number;
  writes: number;
  /** Set while waiting for the content limits: until when (ms). */
  waitingUntil?: number;
}

export interface RepairSummary {
  /** Items repaired now. */
  repaired: number[];
  /** Items whose fresh read showed nothing left to repair (a person, or an earlier run, did it). */
  unchanged: number[];
  /** Items whose write failed (logged); running again retries them. */
  failed: number[];
  /** Items not reached (stopped). */
  left: number[];
  /** Write requests made. */
  writes: number;
}

/** The key of the `--comments` note: one per item, ever. */
export const ADOPT_NOTE_KEY = "adopt-repair";

export async function applyRepairs(run: RepairRun, numbers: readonly number[]): Promise<RepairSummary> {
  const summary: RepairSummary = { repaired: [], unchanged: [], failed: [], left: [], writes: 0 };
  const progress = (waitingUntil?: number) =>
    run.onProgress?.({ done: summary.repaired.length + summary.unchanged.length + summary.failed.length, total: numbers.length, writes: summary.writes, ...(waitingUntil !== undefined && { waitingUntil }) });
  for (const [index, number] of numbers.entries()) {
    if (run.stopped()) {
      summary.left.push(...numbers.slice(index));
      break;
    }
    const wait = run.limits.waitAt(run.clock().getTime());
    if (wait > 0) {
      progress(run.clock().getTime() + wait);
      await run.sleep(wait);
      if (run.stopped()) {
        summary.left.push(...numbers.slice(index));
        break;
      }
    }
    try {
      const outcome = await repairOne(run, number);
      summary.writes += outcome.requests;
      if (outcome.requests) run.limits.record(run.clock().getTime(), outcome.requests);
      (outcome.requests ? summary.repaired : summary.unchanged).push(number);
    } catch (error) {
      // One item's failure must not stop the others (the write path logged a WriteFailed); running again retries it.
      summary.failed.push(number);
      if (error instanceof WriteFailed) {
        summary.writes += 1;
        run.limits.record(run.clock().getTime(), 1);
      } else run.log.error({ repo: `${run.repo.owner}/${run.repo.name}`, issue: number, err: error }, "adopt: could not repair this item");
    }
    progress();
  }
  return summary;
}

/** Re-read fresh, decide again with the sweep's own rules, keep only the repair, write what is still needed. */
async function repairOne(run: RepairRun, number: number): Promise<{ requests: number }> {
  const nodeId = run.ids.issues.get(number) ?? "";
  const read = await readItem(run.reader, nodeId, run.ids, { self: run.self });
  if (!read) return { requests: 0 };
  // A bug by type only (docs/issue-types.md): GraphQL has no issue types, so its type is read fresh over REST
  // (as the sweep's re-check does); a labelled bug needs no such read.
  const fresh = !read.isPullRequest && run.config.bugType && !read.labels.includes(run.config.labels.bug) ? { ...read, type: await typeOf(run, number) } : read;
  const { plans } = await decideItem(fresh, run.config, run.clock(), run.check, null);
  const repair = plans.find((plan) => plan.rule === "repair");
  if (!repair) return { requests: 0 };
  const effects: Effect[] = [...repair.effects];
  if (run.comments) effects.push({ type: "comment", issue: number, key: ADOPT_NOTE_KEY, body: noteOf(repair.detail) });
  const applied = await apply(run.port, {
    octokit: run.octokit,
    repo: { ...run.repo, nodeId: run.repositoryId },
    ids: run.ids,
    config: run.config,
    effects,
    snapshots: [fresh],
    dryRun: false,
    delivery: `adopt:${run.runId}`,
    log: run.log,
    line: { msg: "adopt repair", fields: { repo: `${run.repo.owner}/${run.repo.name}`, issue: number, rules: ["repair"], detail: repair.detail } },
  });
  return { requests: applied.requests };
}

async function typeOf(run: RepairRun, number: number): Promise<string | null> {
  const { data } = await run.reader.rest.issues.get({ owner: run.repo.owner, repo: run.repo.name, issue_number: number });
  return (data as { type?: { name: string } | null }).type?.name ?? null;
}

function noteOf(detail: string): string {
  return `bug-lifecycle is being set up on this repository, and completed what the labels left half done: ${detail}.`;
}
