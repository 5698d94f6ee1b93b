//! Purpose: small builders for report tests: bugs and PRs as a bulk read returns them, at a fixed `now`.
import { configSchema } from "../../src/lifecycle/config.js";
import type { RepoSnapshot, TimelineFact, TrackedItem } from "../../src/lifecycle/repo-snapshot.js";
import { before, REPORT_NOW } from "../support/fixtures.js";
import { FLEET_CONFIG } from "../support/fleet.js";
import { parse } from "yaml";

/** Friday 2026-11-20, 10:00 in Los Angeles (the default time zone): ISO week 2026-W47. */
export const NOW = REPORT_NOW;
export const SINCE = new Date("2026-11-13T18:00:00Z");

/** Fleet's config (FLEET_CONFIG). */
export const config = configSchema.parse(parse(FLEET_CONFIG));

/** ISO time `days` days before NOW (fractions allowed). */
export function ago(days: number): string {
  return before(days, 0, NOW).toISOString();
}

export const labeled = (label: string, days: number, actor = "maint"): TimelineFact => ({
  kind: "labeled",
  at: ago(days),
  actor,
  actorIsBot: false,
  label,
});
export const unlabeled = (label: string, days: number, actor = "maint"): TimelineFact => ({
  kind: "unlabeled",
  at: ago(days),
  actor,
  actorIsBot: false,
  label,
});
export const closed = (days: number): TimelineFact => ({ kind: "closed", at: ago(days), actor: "qa-lead", actorIsBot: false });
export const reopened = (days: number): TimelineFact => ({ kind: "reopened", at: ago(days), actor: "reporter", actorIsBot: false });

interface BugOptions {
  /** Days before NOW, or an ISO time. */
  created: number | string;
  closed?: number;
  assignees?: string[];
  timeline?: TimelineFact[];
  title?: string;
}

let counter = 0;

export function bug(labels: string[], options: BugOptions, number = ++counter): TrackedItem {
  return {
    number,
    title: options.title ?? `Bug ${number}`,
    url: `https://github.com/acme/app/issues/${number}`,
    isPullRequest: false,
    open: options.closed === undefined,
    author: "reporter",
    labels,
    assignees: options.assignees ?? [],
    createdAt: typeof options.created === "string" ? options.created : ago(options.created),
    closedAt: options.closed === undefined ? null : ago(options.closed),
    authorIsBot: false,
    timeline: options.timeline ?? [],
  };
}

export function pull(options: { created: number; draft?: boolean; maintainer?: boolean; bot?: boolean; closed?: boolean }, number = ++counter): TrackedItem {
  return {
    number,
    title: `PR ${number}`,
    url: `https://github.com/acme/app/pull/${number}`,
    isPullRequest: true,
    open: !options.closed,
    author: options.bot ? "dependabot[bot]" : options.maintainer ? "maint" : "contributor",
    authorIsMaintainer: Boolean(options.maintainer),
    labels: [],
    assignees: [],
    createdAt: ago(options.created),
    closedAt: options.closed ? ago(0) : null,
    isDraft: Boolean(options.draft),
    merged: false,
    authorIsBot: Boolean(options.bot),
    timeline: [],
  };
}

export function snapshot(items: TrackedItem[]): RepoSnapshot {
  return { repo: { owner: "acme", name: "app" }, fetchedAt: NOW.toISOString(), items };
}
