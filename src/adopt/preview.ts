//! Purpose: `adopt`'s preview of one repository: the sweep's own bulk read and decisions (decideItem), per item, without writing.
import { forEachPage } from "../github/bulk-read.js";
import { IdBook } from "../github/ids.js";
import { adoptionOf, totalsOf, type AdoptEntry, type AdoptTotals } from "../lifecycle/adopt.js";
import type { Config } from "../lifecycle/config.js";
import type { TrackedItem } from "../lifecycle/repo-snapshot.js";
import type { Octokit } from "../runtime/clients.js";
import { requestCounter } from "../sweep/request-counter.js";
import { decideItem } from "../sweep/sweep-item.js";
import type { MaintainerCheck } from "../sweep/maintainers.js";

export interface AdoptPreview {
  repo: string;
  /** When it was decided (ISO): every clock is read against it. */
  now: string;
  totals: AdoptTotals;
  /** Every open bug, and every community pull request, by number. */
  items: AdoptEntry[];
  /** GitHub requests the preview made. */
  requests: number;
}

export interface PreviewInput {
  octokit: Octokit;
  repo: { owner: string; name: string };
  config: Config;
  now: Date;
  check: MaintainerCheck;
  /** A personal token's login (its comments are the bot's own). */
  self?: string | undefined;
  /** Items read so far, after each page. */
  onPage?: (read: number) => void;
}

export interface PreviewRead {
  preview: AdoptPreview;
  /** For `--apply`: the items' node ids and the repository's. */
  ids: IdBook;
  repositoryId: string;
  /** Times (ms) of the writes the bot made in the hour before `now`, as the timelines show them. */
  recentWrites: number[];
}

const MAINTAINER = new Set(["OWNER", "MEMBER", "COLLABORATOR"]);
const HOUR = 3_600_000;

export async function previewAdoption(input: PreviewInput): Promise<PreviewRead> {
  const { octokit, repo, config, now, check } = input;
  const counter = requestCounter(octokit);
  const before = counter.reads + counter.writes;
  const ids = new IdBook();
  const items: AdoptEntry[] = [];
  const writes = new Set<string>();
  let read = 0;
  const { repositoryId } = await forEachPage(octokit, repo, config, ids, { self: input.self }, async (page) => {
    for (const item of page) {
      noteOwnWrites(item, now, writes);
      // The sweep's own decision, with no board (adopt leaves the board to the first sweep).
      const { plans } = await decideItem(item, config, now, check, null);
      const entry = adoptionOf(item, config, plans);
      if (entry.kind === "bug" || entry.sweep.length || isCommunity(item)) items.push(entry);
    }
    read += page.length;
    input.onPage?.(read);
  });
  items.sort((a, b) => a.number - b.number);
  const recentWrites = [...writes].map((key) => Number(key.split("@")[1]));
  return {
    preview: { repo: `${repo.owner}/${repo.name}`, now: now.toISOString(), totals: totalsOf(items), items, requests: counter.reads + counter.writes - before },
    ids,
    repositoryId,
    recentWrites,
  };
}

/** A PR whose author GitHub does not mark as the repository's (a hint; the sweep confirms before acting). */
function isCommunity(item: TrackedItem): boolean {
  return item.isPullRequest && !item.authorIsBot && !MAINTAINER.has(item.authorAssociation ?? "");
}

/**
 * The bot's own label, assignee, comment and close events of the last hour: one request made them (the
 * write path sends one document per item), so one per item and second. A run started again counts them.
 */
function noteOwnWrites(item: TrackedItem, now: Date, writes: Set<string>): void {
  for (const fact of item.timeline) {
    if (!fact.actorIsBot || fact.kind === "reacted" || fact.kind === "committed") continue;
    const at = Date.parse(fact.at);
    if (at > now.getTime() - HOUR && at <= now.getTime()) writes.add(`${item.number}@${Math.floor(at / 1000) * 1000}`);
  }
}
