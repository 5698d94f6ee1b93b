//! Purpose: GitHub's pacing across a lane's hand-over: the new owner waits out the last owner's last second.

/** GitHub asks for writes ≥ 1 s apart per installation. */
export const PACE_MS = 1_000;

/** What a lane's owner leaves in Redis when its turn ends: who, and when (ms since the epoch). */
export function paceRecord(replica: string, at: number): string {
  return `${replica} ${at}`;
}

/**
 * How long the replica `me` waits before its turn of a lane whose last turn left `record`: nothing after its
 * own turn (its own limiter knows its last write), nothing once a second has passed, else the rest of it.
 */
export function paceWait(record: string | null, me: string, now: number): number {
  if (!record) return 0;
  const [owner, at] = record.split(" ");
  const last = Number(at);
  if (owner === me || !Number.isFinite(last)) return 0;
  return Math.max(0, Math.min(PACE_MS, last + PACE_MS - now));
}
