//! Purpose: `report --format csv`: one line per week in the column order of the weekly KPI spreadsheet (docs/reports.md lists it).
import { localDay } from "./iso-week.js";
import type { Metrics } from "./metrics.js";

type Cell = string | number | null;

/** The spreadsheet's columns, left to right. Append-only: a new column goes at the end so old sheets keep lining up. */
export const CSV_COLUMNS: ReadonlyArray<readonly [string, (m: Metrics, timeZone: string) => Cell]> = [
  ["week", (m) => m.week],
  ["date", (m, zone) => localDay(new Date(m.now), zone)],
  ["repository", (m) => m.repo],
  ["opened", (m) => m.all.openedThisWeek],
  ["closed", (m) => m.all.closedThisWeek],
  ["open", (m) => m.all.open],
  ["inbox", (m) => m.all.perState.inbox],
  ["reproduced", (m) => m.all.perState.reproduced],
  ["drafting", (m) => m.all.perState.drafting],
  ["engineering", (m) => m.all.perState.engineering],
  ["awaiting QA", (m) => m.all.perState["awaiting-qa"]],
  ["ready for release", (m) => m.all.perState["ready-for-release"]],
  ["orphans", (m) => m.all.orphans],
  ["reproduced orphans", (m) => m.all.reproducedOrphans],
  ["inbox over SLA", (m) => m.all.inboxOverSla],
  ["average days open", (m) => m.all.averageOpenDays],
  ["average days open without :release", (m) => m.all.averageOpenDaysWithoutRelease],
  ["open 32+ days", (m) => m.all.openAtLeast32Days],
  ["customer-reported", (m) => m.all.customerReportedThisWeek],
  ["community PRs", (m) => m.communityPullRequests.open],
  ["community PR average days open", (m) => m.communityPullRequests.averageOpenDays],
  ["opened→reproduced median days", (m) => m.all.openedToReproduced.median],
  ["opened→reproduced p90 days", (m) => m.all.openedToReproduced.p90],
  ["reproduced→awaiting QA median days", (m) => m.all.reproducedToAwaitingQa.median],
  ["reproduced→awaiting QA p90 days", (m) => m.all.reproducedToAwaitingQa.p90],
];

/** One line, no header, so it pastes (or `>>` appends) under the sheet's existing rows. Empty cell: nothing to average. */
export function renderCsv(metrics: Metrics, timeZone: string): string {
  return `${CSV_COLUMNS.map(([, value]) => cell(value(metrics, timeZone))).join(",")}\n`;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.map(([name]) => cell(name)).join(",")}\n`;
}

function cell(value: Cell): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
