//! Purpose: sensible without a config (docs/rules.md): the repository's own group labels (`#g-*`) are groups, and a group nobody owns is answered with whom to configure.
import type { Config } from "./config.js";
import { ownersOf } from "./people.js";
import { say } from "./say.js";
import { groupOf, stateOf } from "./state.js";
import type { IssueSnapshot } from "./types.js";

/** Commands whose first word may be a group (docs/contract.md §2). */
export const GROUP_COMMANDS: ReadonlySet<string> = new Set(["reproduced", "product", "engineering", "unreleased", "group"]);

/**
 * The config with every label of the repository that starts with `labels.groupPrefix` as a group (with no EM or
 * PM) when the config does not name it: a team that made `#g-mdm` can say `/reproduced #g-mdm` before writing a
 * config. Configured groups win; a label differing only in case is the configured group.
 */
export function withRepoGroups(config: Config, labels: readonly string[]): Config {
  const prefix = config.labels.groupPrefix.toLowerCase();
  const known = new Set(Object.keys(config.groups).map((group) => group.toLowerCase()));
  const added = labels.filter((label) => label.toLowerCase().startsWith(prefix) && label.length > prefix.length && !known.has(label.toLowerCase()));
  if (!added.length) return config;
  return { ...config, groups: { ...config.groups, ...Object.fromEntries(added.map((label) => [label, {}])) } };
}

/**
 * After a command moved a bug into a state someone owns, nobody is assigned and the config names nobody for it:
 * one sentence saying whom to configure, and where (null when an owner is there or known).
 */
export function missingOwner(before: IssueSnapshot, after: IssueSnapshot, config: Config): string | null {
  const state = stateOf(after.labels, config);
  if (!after.open || after.assignees.length || (state !== "reproduced" && state !== "engineering" && state !== "drafting")) return null;
  if (state === stateOf(before.labels, config) && groupOf(before.labels, config) === groupOf(after.labels, config)) return null;
  const group = groupOf(after.labels, config);
  // A bug in no group (`/critical` on an inbox bug) has no one to configure yet: that is the group's choice.
  if (ownersOf(state, group, config).length || (!group && state !== "drafting")) return null;
  const quoted = group ? JSON.stringify(group) : null;
  const [who, key] =
    state !== "drafting"
      ? [`the engineering manager of \`${group}\``, `\`groups: { ${quoted}: { em: <login> } }\``]
      : group
        ? [`the product manager of \`${group}\``, `\`groups: { ${quoted}: { pm: <login> } }\` (or \`people.headOfProduct\`)`]
        : ["the head of product", "`people: { headOfProduct: <login> }`"];
  return say(config, "noOwner", { who, key });
}
