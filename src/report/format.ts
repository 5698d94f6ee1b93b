//! Purpose: how numbers, dates and people's text look in every report format, so md, csv and html agree.
import { BUG_STATES, type BugState } from "../lifecycle/types.js";
import type { Durations, GroupMetrics } from "./metrics.js";

export const STATE_NAMES: Record<BugState, string> = {
  inbox: "inbox",
  reproduced: "reproduced",
  drafting: "drafting",
  engineering: "engineering",
  "awaiting-qa": "awaiting QA",
  "ready-for-release": "ready for release",
  orphan: "orphan",
};

/** Days to a tenth; "—" where there is nothing to average. */
export function days(value: number | null): string {
  return value === null ? "—" : value.toFixed(1);
}

export function durations(value: Durations): string {
  return value.count === 0 ? "—" : `${days(value.median)} / ${days(value.p90)} (${value.count})`;
}

/** `2026-11-20 10:00` in the team's time zone. */
export function localTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")}`;
}

/**
 * An issue title inside markdown: its markup cannot break the table or the list, and an `@login` in it
 * must not notify anyone each week the report is posted (a zero-width joiner breaks the mention).
 */
export function markdownText(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/([\\`*_{}[\]()<>|#!~])/g, "\\$1")
    .replace(/@/g, "@\u200d");
}

export function htmlText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

/** The rows of the per-group table, shared by the markdown and HTML reports. */
export const GROUP_ROWS: ReadonlyArray<readonly [string, (g: GroupMetrics) => string]> = [
  ["opened this week", (g) => String(g.openedThisWeek)],
  ["closed this week", (g) => String(g.closedThisWeek)],
  ["open", (g) => String(g.open)],
  ...BUG_STATES.map((state) => [`… ${STATE_NAMES[state]}`, (g: GroupMetrics) => String(g.perState[state])] as const),
  ["reproduced orphans", (g) => String(g.reproducedOrphans)],
  ["inbox over SLA", (g) => String(g.inboxOverSla)],
  ["average days open", (g) => days(g.averageOpenDays)],
  ["average days open without :release", (g) => days(g.averageOpenDaysWithoutRelease)],
  ["open 32 days or more", (g) => String(g.openAtLeast32Days)],
  ["customer-reported this week", (g) => String(g.customerReportedThisWeek)],
  ["opened → reproduced, days: median / p90 (bugs)", (g) => durations(g.openedToReproduced)],
  ["reproduced → awaiting QA, days: median / p90 (bugs)", (g) => durations(g.reproducedToAwaitingQa)],
];
