//! Purpose: the few statistics the report needs, defined like a spreadsheet's so the KPI sheet and the bot agree.

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole and fractional days between two instants (negative when `to` is earlier). */
export function daysBetween(from: Date | string, to: Date | string): number {
  return (new Date(to).getTime() - new Date(from).getTime()) / DAY_MS;
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * The p-th percentile (0–100) with linear interpolation between closest ranks: the R-7 method of
 * Excel's PERCENTILE.INC and Google Sheets' PERCENTILE, so a number pasted into the weekly KPI sheet
 * matches what the sheet would compute from the same durations. The median is percentile 50.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lower = sorted[low] ?? 0;
  const upper = sorted[high] ?? lower;
  return lower + (upper - lower) * (rank - low);
}

export function median(values: readonly number[]): number | null {
  return percentile(values, 50);
}

/** Rounds for display and data files: a tenth of a day (2.4 hours) is finer than anyone reads a KPI. */
export function round1(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}
