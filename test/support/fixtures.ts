//! Purpose: the tests' one set of fixtures: the fixed clock (NOW, daysAgo), one RSA key, a config like Fleet's and issue snapshots from labels.
import { generateKeyPairSync } from "node:crypto";
import { parse } from "yaml";
import { configSchema, type Config, type ConfigInput } from "../../src/lifecycle/config.js";
import { FLEET_CONFIG } from "./fleet.js";

/** A Wednesday, 9:00 in Los Angeles: the fixed clock of core, handler and sweep tests. */
export const NOW = new Date("2026-11-18T17:00:00Z");
/** The report tests' moment: Friday two days later, 10:00 in Los Angeles (ISO week 2026-W47). */
export const REPORT_NOW = new Date("2026-11-20T18:00:00Z");
export const DAY = 86_400_000;

/** The moment `days` (fractions allowed) plus `seconds` before `from` (default NOW; pass `new Date()` for a process that reads the real clock). */
export function before(days: number, seconds = 0, from: Date = NOW): Date {
  return new Date(from.getTime() - days * DAY + seconds * 1000);
}

/** `before(...)` as GitHub writes times: ISO, whole seconds. */
export function daysAgo(days: number, seconds = 0, from: Date = NOW): string {
  return before(days, seconds, from).toISOString().replace(/\.\d{3}Z$/, "Z");
}

let key: string | undefined;
/** An app's private key (PKCS#1 PEM), generated once per test process: 2048-bit generation costs ~100 ms of CPU each time. */
export function rsaKey(): string {
  key ??= generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
  }).privateKey;
  return key;
}
import type { Actor, IssueSnapshot } from "../../src/lifecycle/types.js";

/** FLEET_CONFIG parsed, with one more group that has no PM (`#g-nopm`), and `overrides` on top. */
export function fleetConfig(overrides: Partial<ConfigInput> = {}): Config {
  const fleet = parse(FLEET_CONFIG) as { people: object; groups: object };
  return configSchema.parse({ ...fleet, groups: { ...fleet.groups, "#g-nopm": { em: "nopm-em" } }, ...overrides });
}

export function issue(labels: string[], assignees: string[] = [], extra: Partial<IssueSnapshot> = {}): IssueSnapshot {
  return { number: 7, isPullRequest: false, open: true, author: "reporter", labels, assignees, markers: [], ...extra };
}

export const maintainer: Actor = { login: "maint", isBot: false, isMaintainer: true };
export const reporter: Actor = { login: "reporter", isBot: false, isMaintainer: false };
export const stranger: Actor = { login: "stranger", isBot: false, isMaintainer: false };
export const bot: Actor = { login: "bug-lifecycle[bot]", isBot: true, isMaintainer: false };
