//! Purpose: render a message by key, preferring the repository's override.
import type { Config } from "./config.js";
import { defaultMessages, render, type MessageKey } from "./messages.js";

export function say(config: Config, key: MessageKey, values: Record<string, string | number> = {}): string {
  return render(config.messages[key] ?? defaultMessages[key], values);
}

export function listGroups(config: Config): string {
  const groups = Object.keys(config.groups);
  return groups.length ? groups.map((group) => `\`${group}\``).join(", ") : "none configured";
}
