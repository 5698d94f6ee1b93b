//! Purpose: who may run which command (docs/contract.md §3), including the config's narrowing to roles or logins.
import { ROLES, type CommandName, type Config, type Role } from "./config.js";
import { rolesOf, same } from "./people.js";
import type { Actor, IssueSnapshot } from "./types.js";

export type Authorization = { ok: true } | { ok: false; who: string };

const ROLE_NAMES: Record<Role, string> = {
  qa: "QA",
  em: "engineering managers",
  pm: "product managers",
  headOfProduct: "the head of product",
  maintainer: "maintainers",
};

export function authorize(command: CommandName, actor: Actor, issue: IssueSnapshot, config: Config): Authorization {
  if (command === "why") return { ok: true };
  if (command === "reopen" && same(actor.login, issue.author)) return { ok: true };
  const base = command === "reopen" ? "the issue's author or maintainers" : "maintainers";
  if (!actor.isMaintainer) return { ok: false, who: base };

  const allowed = config.commands[command];
  if (!allowed) return { ok: true };
  const roles = rolesOf(actor.login, actor.isMaintainer, config);
  const ok = allowed.some((entry) => (isRole(entry) ? roles.includes(entry) : same(entry, actor.login)));
  return ok ? { ok: true } : { ok: false, who: describe(allowed) };
}

function describe(allowed: readonly string[]): string {
  const parts = allowed.map((entry) => (isRole(entry) ? ROLE_NAMES[entry] : `@${entry}`));
  return parts.length > 1 ? `${parts.slice(0, -1).join(", ")} or ${parts.at(-1)}` : (parts[0] ?? "nobody");
}

function isRole(entry: string): entry is Role {
  return (ROLES as readonly string[]).includes(entry);
}
