//! Purpose: which group a command means: its argument, else the issue's, else `defaultGroup` (SPEC §2).
import type { Config } from "./config.js";
import { say, listGroups } from "./say.js";
import { groupOf } from "./state.js";
import type { IssueSnapshot } from "./types.js";

export type GroupChoice = { ok: true; group: string | null } | { ok: false; reason: string };

/** `required`: the command cannot run without a group (it must assign the group's EM). */
export function resolveGroup(
  command: string,
  arg: string | undefined,
  issue: IssueSnapshot,
  config: Config,
  required: boolean,
): GroupChoice {
  if (arg) {
    const known = Object.keys(config.groups).find((group) => group.toLowerCase() === arg.toLowerCase());
    return known ? { ok: true, group: known } : { ok: false, reason: say(config, "unknownGroup", { group: arg, groups: listGroups(config) }) };
  }
  const group = groupOf(issue.labels, config) ?? config.defaultGroup;
  if (group || !required) return { ok: true, group };
  const example = Object.keys(config.groups)[0];
  if (!example) return { ok: false, reason: say(config, "noGroupsConfigured", { command }) };
  return { ok: false, reason: say(config, "noGroup", { command, example, groups: listGroups(config) }) };
}
