//! Purpose: the one failure policy of every write: which failed writes fail the job (and are retried), which are only logged.
import type { WriteRecord } from "../github/execute.js";

/**
 * A write to the issue itself failed (a label, an assignee, a comment, the state): the job fails, so the work
 * queue retries it (with the worst failure's status and `retry-after`), GitHub lists the delivery as failed,
 * and a redelivery is not skipped as a duplicate. The desired-state plan makes the retry write only what is
 * still missing. The sweep catches it per item and tries again on its next run.
 */
export class WriteFailed extends Error {
  override readonly name = "WriteFailed";
  constructor(
    message: string,
    /** Every record of the change, the failed ones among them (the sweep still counts what did land). */
    readonly records: readonly WriteRecord[],
    readonly status: number | undefined,
    readonly retryAfter: string | undefined,
  ) {
    super(message);
  }
}

/**
 * Failed writes that do not fail the job: the board's Status and a new card (the labels are the truth; the
 * next transition or the sweep repairs the card, and a refused option is a person's fix, reported as a board
 * problem) and Slack posts (nothing on GitHub depends on them). Both are logged where they fail.
 */
function failsTheJob(record: WriteRecord): boolean {
  // The status comment alone failing: a retry would write nothing (the fields are already right), and the
  // sweep recreates a missing one (src/lifecycle/sweep-plan.ts, status-repair).
  return record.result === "failed" && record.action !== "notify" && record.action !== "status-comment" && !record.action.startsWith("board-");
}

/** The change's failure, or null when nothing that matters failed. */
export function failureOf(records: readonly WriteRecord[]): WriteFailed | null {
  const failed = records.filter(failsTheJob);
  if (!failed.length) return null;
  const message = `${failed.length} of ${records.length} writes failed: ${failed.map((r) => `${r.action} ${r.detail}: ${r.error}`).join("; ")}`;
  const worst = failed.reduce<WriteRecord | undefined>((a, r) => ((r.status ?? 0) > (a?.status ?? 0) ? r : a), undefined);
  return new WriteFailed(message, records, worst?.status, worst?.retryAfter);
}
