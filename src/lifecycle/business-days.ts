//! Purpose: business-day arithmetic in a time zone, with Intl only (the core reads no clock and no `node:`).

const DAY = 24 * 60 * 60 * 1000;

function weekday(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { weekday: "short", timeZone }).format(at);
}

export function isBusinessDay(at: Date, timeZone: string): boolean {
  const day = weekday(at, timeZone);
  return day !== "Sat" && day !== "Sun";
}

/** The instant `days` business days after `start`: a Friday-afternoon bug is due Monday afternoon. */
export function addBusinessDays(start: Date, days: number, timeZone: string): Date {
  let at = start;
  for (let counted = 0; counted < days; ) {
    at = new Date(at.getTime() + DAY);
    if (isBusinessDay(at, timeZone)) counted++;
  }
  return at;
}

export function addDays(start: Date, days: number): Date {
  return new Date(start.getTime() + days * DAY);
}
