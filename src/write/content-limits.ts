//! Purpose: GitHub's content-creation limits (80 writes a minute, 500 an hour per installation) as a sliding window: how long to wait before the next write.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface Limits {
  perMinute: number;
  perHour: number;
}

/** GitHub's secondary rate limits on content creation (docs: "Rate limits for the REST API"). */
export const GITHUB_CONTENT_LIMITS: Limits = { perMinute: 80, perHour: 500 };

/**
 * Counts every write request, not every item: one item's document is one request, a label it had to create
 * another. `earlier` seeds the window with writes this process did not make (a previous, stopped run: their
 * times are read back from GitHub), so a run started again does not spend the same hour twice.
 */
export class ContentLimits {
  private readonly times: number[];

  constructor(
    readonly limits: Limits,
    earlier: readonly number[] = [],
  ) {
    this.times = [...earlier].sort((a, b) => a - b);
  }

  /** Milliseconds to wait at `now` before one more write keeps both windows within their limits (0: now). */
  waitAt(now: number): number {
    this.forget(now);
    let wait = 0;
    const inMinute = this.times.filter((at) => at > now - MINUTE);
    if (inMinute.length >= this.limits.perMinute) wait = Math.max(wait, inMinute[inMinute.length - this.limits.perMinute]! + MINUTE - now);
    if (this.times.length >= this.limits.perHour) wait = Math.max(wait, this.times[this.times.length - this.limits.perHour]! + HOUR - now);
    return Math.max(0, wait);
  }

  /** `count` writes made at `at`. */
  record(at: number, count = 1): void {
    for (let i = 0; i < count; i++) this.times.push(at);
  }

  /** Writes counted in the hour before `now`. */
  inLastHour(now: number): number {
    this.forget(now);
    return this.times.length;
  }

  private forget(now: number): void {
    while (this.times.length && this.times[0]! <= now - HOUR) this.times.shift();
  }
}
