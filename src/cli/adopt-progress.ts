//! Purpose: what `adopt` says while it works (one redrawn line on a terminal, a line now and then elsewhere) and the summary it ends with.
import type { RepairProgress, RepairSummary } from "../adopt/apply-repairs.js";
import type { AdoptPreview } from "../adopt/preview.js";
import type { Io } from "./command.js";

export interface AdoptProgress {
  read: (items: number) => void;
  repair: (progress: RepairProgress) => void;
  /** Ends the redrawn line. */
  end: () => void;
}

/** On a terminal, one line redrawn in place; otherwise a line every 25 items and one per wait (logs stay short). */
export function adoptProgress(io: Io, started: number): AdoptProgress {
  let drawn = false;
  let lastRead = 0;
  const say = (text: string, always: boolean) => {
    if (io.isTTY) {
      io.stderr(`\r\x1b[K${text}`);
      drawn = true;
    } else if (always) io.stderr(`${text}\n`);
  };
  return {
    read: (items) => {
      const now = Date.now();
      // Past a second only: a quick preview prints nothing but its summary.
      if (now - started < 1000 || now - lastRead < 1000) return;
      lastRead = now;
      say(`adopt: read ${items} items`, !io.isTTY);
    },
    repair: (p) => {
      if (p.waitingUntil !== undefined) {
        say(`adopt: repaired ${p.done}/${p.total} (${p.writes} writes); waiting for GitHub's content limit until ${new Date(p.waitingUntil).toISOString().slice(11, 19)} UTC`, true);
        return;
      }
      say(`adopt: ${p.done}/${p.total} items (${p.writes} writes)`, p.done % 25 === 0 || p.done === p.total);
    },
    end: () => {
      if (drawn) io.stderr("\n");
      drawn = false;
    },
  };
}

/** The closing summary: what was done, what was left and why, and what the first sweep will do. */
export function describeRepairs(repo: string, summary: RepairSummary, preview: AdoptPreview, seconds: number): string {
  const lines = [`adopt --apply: ${repo}: repaired ${summary.repaired.length} items in ${summary.writes} writes, ${seconds.toFixed(1)} s`];
  if (summary.unchanged.length) lines.push(`  already right when re-read: ${summary.unchanged.length} (${numbers(summary.unchanged)})`);
  if (summary.failed.length) lines.push(`  failed (see the log; run again to retry): ${summary.failed.length} (${numbers(summary.failed)})`);
  if (summary.left.length) lines.push(`  left, stopped: ${summary.left.length} (run again to continue)`);
  const rules = Object.entries(preview.totals.sweep).map(([rule, count]) => `${rule} ${count}`).join(", ");
  lines.push(`  left for the first sweep: ${rules || "nothing due"}`);
  const people = preview.items.filter((e) => e.attention.length);
  lines.push(`  left for a person: ${people.length}${people.length ? ` (${numbers(people.map((e) => e.number))})` : ""}`);
  return lines.join("\n");
}

function numbers(list: readonly number[]): string {
  const shown = list.slice(0, 20).map((n) => `#${n}`).join(", ");
  return list.length > 20 ? `${shown} and ${list.length - 20} more` : shown;
}
