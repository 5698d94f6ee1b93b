//! Purpose: which group a command means: a configured group as its first word, else the issue's, else `defaultGroup` (docs/contract.md §2).
import type { Config } from "./config.js";
import { say, listGroups } from "./say.js";
import { groupOf } from "./state.js";
import type { IssueSnapshot } from "./types.js";

export type GroupChoice = { ok: true; group: string | null } | { ok: false; reason: string };

/**
 * A command's first word read against the configured groups. People write prose after commands
 * (`/product Can product confirm…`), so a word is a group only when it names one; a word that looks like a
 * group label (`#g-typo`) is a typo worth a reply; anything else is the start of the person's note.
 */
export type GroupArgument =
  | { kind: "group"; group: string; note: string }
  | { kind: "typo"; token: string; note: string }
  | { kind: "none"; note: string };

const TRAILING_PUNCTUATION = /[,.;:!?)]+$/;

/** The part all group labels share up to a separator (`#g-` for `#g-mdm`, `#g-orchestration`). */
function sharedPrefix(groups: readonly string[]): string {
  const [first, ...rest] = groups.map((group) => group.toLowerCase());
  if (first === undefined) return "#";
  let prefix = first;
  for (const group of rest) while (!group.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const end = Math.max(...[...prefix].map((char, i) => (/[a-z0-9]/.test(char) ? -1 : i)));
  return prefix.slice(0, end + 1) || "#";
}

/** The names a group may be written as: `#g-mdm`, `g-mdm`, `mdm` (lower case). */
function spellings(group: string, prefix: string): string[] {
  const lower = group.toLowerCase();
  const names = new Set([lower, lower.replace(/^#/, "")]);
  if (lower.startsWith(prefix) && lower.length > prefix.length) names.add(lower.slice(prefix.length));
  return [...names];
}

export function groupArgument(text: string, config: Config): GroupArgument {
  const [firstLine = "", ...more] = text.split("\n");
  const match = /^(\S+)\s*([\s\S]*)$/.exec(firstLine.trim());
  if (!match) return { kind: "none", note: text.trim() };
  const token = (match[1] ?? "").replace(TRAILING_PUNCTUATION, "");
  const note = [match[2] ?? "", ...more].join("\n").trim();
  const groups = Object.keys(config.groups);
  const prefix = sharedPrefix(groups);
  const word = token.toLowerCase();
  const known = groups.find((group) => spellings(group, prefix).includes(word));
  if (known) return { kind: "group", group: known, note };
  const bare = prefix.replace(/^#/, "");
  const looksLikeGroup = /^#[a-z]/i.test(token) || (bare !== "" && word.startsWith(bare) && word.length > bare.length);
  if (looksLikeGroup) return { kind: "typo", token, note };
  return { kind: "none", note: text.trim() };
}

/** `required`: the command cannot run without a group (it must assign the group's EM). */
export function resolveGroup(
  command: string,
  argument: GroupArgument,
  issue: IssueSnapshot,
  config: Config,
  required: boolean,
): GroupChoice {
  if (argument.kind === "group") return { ok: true, group: argument.group };
  if (argument.kind === "typo") {
    return { ok: false, reason: say(config, "unknownGroup", { group: argument.token, groups: listGroups(config) }) };
  }
  const group = groupOf(issue.labels, config) ?? config.defaultGroup;
  if (group || !required) return { ok: true, group };
  const example = Object.keys(config.groups)[0];
  if (!example) return { ok: false, reason: say(config, "noGroupsConfigured", { command }) };
  return { ok: false, reason: say(config, "noGroup", { command, example, groups: listGroups(config) }) };
}
