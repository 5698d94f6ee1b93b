//! Purpose: who owns a state, and which roles a login holds, from the config alone.
import type { Config, Role } from "./config.js";
import type { BugState } from "./types.js";

export function emOf(group: string | null, config: Config): string | null {
  return (group && config.groups[group]?.em) || null;
}

/** The group's PM, else the head of product (docs/contract.md §1, `drafting`). */
export function pmOf(group: string | null, config: Config): string | null {
  return (group && config.groups[group]?.pm) || config.people.headOfProduct || null;
}

/** The people the bot assigns when a bug enters `state` (before the "kept if assigned" rules). */
export function ownersOf(state: BugState, group: string | null, config: Config): string[] {
  switch (state) {
    case "inbox":
      return config.inbox.assignQa ? [...config.people.qa] : [];
    case "reproduced":
    case "engineering":
      return compact([emOf(group, config)]);
    case "drafting":
      return compact([pmOf(group, config)]);
    case "awaiting-qa":
      return [...config.people.qa];
    case "ready-for-release":
    case "orphan":
      return [];
  }
}

export function rolesOf(login: string, isMaintainer: boolean, config: Config): Role[] {
  const roles: Role[] = [];
  const groups = Object.values(config.groups);
  if (isMaintainer) roles.push("maintainer");
  if (config.people.qa.some((qa) => same(qa, login))) roles.push("qa");
  if (groups.some((group) => group.em && same(group.em, login))) roles.push("em");
  if (groups.some((group) => group.pm && same(group.pm, login))) roles.push("pm");
  if (config.people.headOfProduct && same(config.people.headOfProduct, login)) roles.push("headOfProduct");
  return roles;
}

/** GitHub logins are case-insensitive. */
export function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function includesLogin(list: readonly string[], login: string): boolean {
  return list.some((item) => same(item, login));
}

export function mention(logins: readonly string[]): string {
  return logins.map((login) => `@${login}`).join(" ");
}

function compact(values: (string | null)[]): string[] {
  return values.filter((value): value is string => Boolean(value));
}
