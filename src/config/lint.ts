//! Purpose: warnings about a valid config that will not do what its author meant (missing labels, strangers, timers).
import { ROLES, type Config } from "../lifecycle/config.js";
import { defaultMessages, type MessageKey } from "../lifecycle/messages.js";
import { missingColumns } from "../lifecycle/board/columns.js";
import { closest } from "./closest.js";
import { sortProblems, startOfFile, type Locate, type Problem } from "./problem.js";
import { validateConfigText, type ValidatedConfig } from "./validate-text.js";

/** What the repository has. A list left out is unknown (offline, or no permission) and its checks are skipped. */
export interface RepoFacts {
  labels?: readonly string[];
  collaborators?: readonly string[];
  /** The bugs board as read now: its field's option names, or why it could not be read. */
  board?: BoardFacts;
  /** The issue types the repository offers (`GET /repos/{owner}/{repo}/issue-types`; none: an empty list). */
  issueTypes?: readonly string[];
}

export type BoardFacts = { options: readonly string[] } | { problem: string; key: "project" | "field" };

type Path = (string | number)[];

/** Validation, then (for a valid config) the warnings: everything a person should see about a file. */
export function checkConfigText(text: string, repoFacts: RepoFacts = {}): ValidatedConfig {
  const validated = validateConfigText(text);
  if (!validated.config) return validated;
  const warnings = lintConfig(validated.config, repoFacts, validated.locate);
  return { ...validated, problems: sortProblems([...validated.problems, ...warnings]) };
}

export function lintConfig(config: Config, repoFacts: RepoFacts = {}, locate: Locate = startOfFile): Problem[] {
  const problems: Problem[] = [];
  const warn = (path: Path, message: string, at: "key" | "value" = "value") =>
    problems.push({ severity: "warning", message, path, ...locate(path, at) });

  if (repoFacts.labels) lintLabels(config, repoFacts.labels, warn);
  if (repoFacts.collaborators) lintLogins(config, repoFacts.collaborators, warn);
  if (repoFacts.board) lintBoard(config, repoFacts.board, warn);
  if (repoFacts.issueTypes) lintIssueType(config, repoFacts.issueTypes, warn);
  lintGroups(config, warn);
  lintCommands(config, warn);
  lintTimers(config, warn);
  lintMessages(config, warn);
  return sortProblems(problems);
}

type Warn = (path: Path, message: string, at?: "key" | "value") => void;

/** A board the bot cannot follow is a warning: the labels still work, the cards just stay where they are. */
function lintBoard(config: Config, facts: BoardFacts, warn: Warn): void {
  if ("problem" in facts) return warn(["board", facts.key], facts.problem);
  for (const { state, option } of missingColumns(config, facts.options)) {
    const near = closest(option, facts.options);
    const suggestion = near ? ` (did you mean ${quote(near)}?)` : "";
    warn(["board", "columns", state], `field ${quote(config.board?.field ?? "Status")} has no option ${quote(option)}${suggestion}: bugs in \`${state}\` would not move on the board`);
  }
}

/** docs/issue-types.md: a `bugType` the repository lacks marks no bug; the `bug` label still does. */
function lintIssueType(config: Config, types: readonly string[], warn: Warn): void {
  const name = config.bugType;
  if (!name || types.some((type) => type.toLowerCase() === name.toLowerCase())) return;
  const offered = types.length ? `its types are ${types.map(quote).join(", ")}` : "it has no issue types";
  warn(["bugType"], `issue type ${quote(name)} does not exist for this repository (${offered}): only the label ${quote(config.labels.bug)} marks a bug here; set \`bugType\` to one of its types, or to null`);
}

function lintLabels(config: Config, existing: readonly string[], warn: Warn): void {
  const check = (name: string, path: Path, at: "key" | "value") => {
    if (existing.includes(name)) return;
    // The bot compares label names exactly, so a difference in case is as bad as a missing label.
    const spelled = existing.find((label) => label.toLowerCase() === name.toLowerCase());
    if (spelled) return warn(path, `label ${quote(name)} is spelled ${quote(spelled)} in this repository`, at);
    const near = closest(name, existing);
    const suggestion = near ? ` (did you mean ${quote(near)}?)` : "";
    warn(path, `label ${quote(name)} does not exist in this repository${suggestion}`, at);
  };
  for (const [key, name] of Object.entries(config.labels)) {
    if (!key.endsWith("Prefix")) check(name, ["labels", key], "value");
  }
  for (const group of Object.keys(config.groups)) check(group, ["groups", group], "key");
}

function lintLogins(config: Config, collaborators: readonly string[], warn: Warn): void {
  const known = new Set(collaborators.map((login) => login.toLowerCase()));
  for (const { login, path } of loginsIn(config)) {
    if (!known.has(login.toLowerCase())) {
      warn(path, `@${login} is not a collaborator of this repository: the bot cannot assign them`);
    }
  }
}

function loginsIn(config: Config): { login: string; path: Path }[] {
  const found: { login: string; path: Path }[] = [];
  config.people.qa.forEach((login, index) => found.push({ login, path: ["people", "qa", index] }));
  const head = config.people.headOfProduct;
  if (head) found.push({ login: head, path: ["people", "headOfProduct"] });
  for (const [group, { em, pm }] of Object.entries(config.groups)) {
    if (em) found.push({ login: em, path: ["groups", group, "em"] });
    if (pm) found.push({ login: pm, path: ["groups", group, "pm"] });
  }
  for (const [command, allowed] of Object.entries(config.commands)) {
    allowed?.forEach((entry, index) => {
      if (!isRole(entry) && isLogin(entry)) found.push({ login: entry, path: ["commands", command, index] });
    });
  }
  return found;
}

function lintGroups(config: Config, warn: Warn): void {
  for (const [group, { em, pm }] of Object.entries(config.groups)) {
    if (!em) warn(["groups", group], `group ${quote(group)} has no em: its reproduced bugs get no owner`, "key");
    if (!pm && !config.people.headOfProduct) {
      const message = `group ${quote(group)} has no pm and people.headOfProduct is not set`;
      warn(["groups", group], `${message}: its drafting bugs get no owner`, "key");
    }
  }
}

function lintCommands(config: Config, warn: Warn): void {
  for (const [command, allowed] of Object.entries(config.commands)) {
    allowed?.forEach((entry, index) => {
      if (isRole(entry) || isLogin(entry)) return;
      const near = closest(entry, ROLES);
      const hint = entry.startsWith("@") && isLogin(entry.slice(1))
        ? "write logins without @"
        : near ? `did you mean ${quote(near)}?` : `roles are ${ROLES.join(", ")}`;
      const message = `${quote(entry)} is neither a role nor a GitHub login, so nobody matches it; ${hint}`;
      warn(["commands", command, index], message);
    });
  }
}

function lintTimers(config: Config, warn: Warn): void {
  const { remindAfterDays, closeAfterDays } = config.needsInfo;
  if (remindAfterDays >= closeAfterDays) {
    warn(
      ["needsInfo", "remindAfterDays"],
      `the needs-info reminder (day ${remindAfterDays}) comes at or after the close (day ${closeAfterDays}), ` +
        "so it is never sent",
    );
  }
  const { draftAfterDays, closeAfterDays: closePrAfterDays } = config.pullRequests;
  if (draftAfterDays >= closePrAfterDays) {
    warn(
      ["pullRequests", "draftAfterDays"],
      `community PRs are converted to draft (day ${draftAfterDays}) ` +
        `no earlier than they are closed (day ${closePrAfterDays})`,
    );
  }
}

/** An override with a placeholder the default does not have would show `{typo}` to people, as written. */
function lintMessages(config: Config, warn: Warn): void {
  for (const [key, text] of Object.entries(config.messages) as [MessageKey, string | undefined][]) {
    if (!text) continue;
    const known = placeholders(defaultMessages[key]);
    for (const name of placeholders(text)) {
      if (known.includes(name)) continue;
      const list = known.length ? `: it knows ${known.map((known) => `{${known}}`).join(", ")}` : "";
      warn(["messages", key], `{${name}} is not a placeholder of this message and would be shown as written${list}`);
    }
  }
}

function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? ""))];
}

function isRole(entry: string): boolean {
  return (ROLES as readonly string[]).includes(entry);
}

function isLogin(entry: string): boolean {
  return /^[A-Za-z0-9-]+(\[bot\])?$/.test(entry);
}

function quote(text: string): string {
  return JSON.stringify(text);
}
