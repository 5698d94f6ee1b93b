//! Purpose: small builders for core tests: a config like Fleet's and issue snapshots from labels.
import { configSchema, type Config, type ConfigInput } from "../../src/lifecycle/config.js";
import type { Actor, IssueSnapshot } from "../../src/lifecycle/types.js";

export function fleetConfig(overrides: Partial<ConfigInput> = {}): Config {
  return configSchema.parse({
    people: { qa: ["qa-lead"], headOfProduct: "product-head" },
    groups: {
      "#g-mdm": { em: "mdm-em", pm: "mdm-pm" },
      "#g-orchestration": { em: "orch-em", pm: "orch-pm" },
      "#g-nopm": { em: "nopm-em" },
    },
    ...overrides,
  });
}

export function issue(labels: string[], assignees: string[] = [], extra: Partial<IssueSnapshot> = {}): IssueSnapshot {
  return { number: 7, isPullRequest: false, open: true, author: "reporter", labels, assignees, markers: [], ...extra };
}

export const maintainer: Actor = { login: "maint", isBot: false, isMaintainer: true };
export const reporter: Actor = { login: "reporter", isBot: false, isMaintainer: false };
export const stranger: Actor = { login: "stranger", isBot: false, isMaintainer: false };
export const bot: Actor = { login: "bug-lifecycle[bot]", isBot: true, isMaintainer: false };
export const NOW = new Date("2026-11-18T17:00:00Z"); // a Wednesday
