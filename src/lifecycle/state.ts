//! Purpose: derive a bug's state, group and owner from its labels: labels are the only state there is.
import type { Config } from "./config.js";
import type { BugState } from "./types.js";

/** The three mutually exclusive state labels and the two QA sub-labels of `:release`. */
export function stateLabels(config: Config): string[] {
  const l = config.labels;
  return [l.reproduce, l.product, l.release];
}

export function qaLabels(config: Config): string[] {
  return [config.labels.awaitingQa, config.labels.readyForRelease];
}

/** Every label whose presence the bot may change on its own. Anything else belongs to people. */
export function isManagedLabel(label: string, config: Config): boolean {
  const l = config.labels;
  return (
    [l.bug, l.reproduce, l.product, l.release, l.awaitingQa, l.readyForRelease, l.needsInfo, l.critical, l.unreleased].includes(
      label,
    ) || isGroupLabel(label, config)
  );
}

export function isGroupLabel(label: string, config: Config): boolean {
  return label in config.groups || label.startsWith(config.labels.groupPrefix);
}

export function groupsOf(labels: readonly string[], config: Config): string[] {
  return labels.filter((label) => isGroupLabel(label, config));
}

/** The group: a configured one first, so a stray `#g-` label does not hide the real owner. */
export function groupOf(labels: readonly string[], config: Config): string | null {
  const groups = groupsOf(labels, config);
  return groups.find((group) => group in config.groups) ?? groups[0] ?? null;
}

/**
 * docs/contract.md §1: a bug by label or by type. `type` is the issue type's name (null: none; undefined: not
 * read, e.g. a timeline reconstruction that only knows labels). Names compare case-insensitively, as GitHub does.
 */
export function isBug(labels: readonly string[], config: Config, type?: string | null): boolean {
  return labels.includes(config.labels.bug) || isBugType(type, config);
}

/** What makes an issue a bug, for people: "`bug`", or "`bug` or type `Bug`" when types are on. */
export function bugMarks(config: Config): string {
  return config.bugType ? `${config.labels.bug}\` or type \`${config.bugType}` : config.labels.bug;
}

/** The issue type `config.bugType` names (never when types are off: `bugType: null`). */
export function isBugType(type: string | null | undefined, config: Config): boolean {
  return Boolean(type && config.bugType && type.toLowerCase() === config.bugType.toLowerCase());
}

export function isTracked(labels: readonly string[], config: Config): boolean {
  return labels.some((label) => label.startsWith(config.labels.trackedPrefix));
}

/**
 * docs/contract.md §1. When state labels conflict (a hand edit the bot has not completed yet),
 * the furthest state wins, so a bug never looks less advanced than it is.
 */
export function stateOf(labels: readonly string[], config: Config, type?: string | null): BugState | null {
  if (!isBug(labels, config, type)) return null;
  const l = config.labels;
  const has = (label: string) => labels.includes(label);
  if (has(l.release)) {
    if (has(l.readyForRelease)) return "ready-for-release";
    if (has(l.awaitingQa)) return "awaiting-qa";
    return "engineering";
  }
  if (has(l.product)) return "drafting";
  if (has(l.reproduce)) return "inbox";
  return groupOf(labels, config) ? "reproduced" : "orphan";
}

/** States at or past `reproduced`: a bug there with nobody assigned is a "reproduced orphan". */
export function isReproducedOrLater(state: BugState | null): boolean {
  return state !== null && state !== "inbox" && state !== "orphan";
}
