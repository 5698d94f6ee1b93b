//! Purpose: ISO 8601 week names (`2026-W47`) in the config's time zone: the weekly report's identity and marker.

/** The calendar date of `at` in `timeZone`, as UTC midnight of that date (so date arithmetic ignores DST). */
export function localDate(at: Date, timeZone: string): Date {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return new Date(Date.UTC(part("year"), part("month") - 1, part("day")));
}

/** `YYYY-MM-DD` of `at` in `timeZone`. */
export function localDay(at: Date, timeZone: string): string {
  return localDate(at, timeZone).toISOString().slice(0, 10);
}

/**
 * ISO week of `at` as the team sees it on its wall clock: Monday-based weeks, week 1 holds the first
 * Thursday, so 2026-12-31 is `2026-W53` and 2027-01-01 too.
 */
export function isoWeek(at: Date, timeZone: string): string {
  const date = localDate(at, timeZone);
  const weekday = date.getUTCDay() || 7;
  // The Thursday of this week decides the year the week belongs to.
  const thursday = new Date(date.getTime() + (4 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const firstOfYear = Date.UTC(year, 0, 1);
  const week = Math.floor((thursday.getTime() - firstOfYear) / 86_400_000 / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** Minutes `timeZone` is ahead of UTC at `at` (negative west of Greenwich). */
function offsetMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second"));
  return Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** The instant a calendar day (`YYYY-MM-DD`) starts in `timeZone`: `--since 2026-11-13` means the team's midnight. */
export function startOfDay(day: string, timeZone: string): Date {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  let at = utcMidnight - offsetMinutes(new Date(utcMidnight), timeZone) * 60_000;
  // Near a DST change the first guess uses the other side's offset: one correction settles it.
  at = utcMidnight - offsetMinutes(new Date(at), timeZone) * 60_000;
  return new Date(at);
}
