//! Purpose: render a message by key, preferring the repository's override.
import type { Config } from "./config.js";
import { defaultMessages, render, type MessageKey } from "./messages.js";

/**
 * A message with its placeholders filled. A person who is not configured is an empty value, and the brackets
 * around it in the text go with it ("goes back to product ({owner})" reads "goes back to product"): only the
 * template is touched, never what a person wrote.
 */
export function say(config: Config, key: MessageKey, values: Record<string, string | number> = {}): string {
  let template: string = config.messages[key] ?? defaultMessages[key];
  for (const [name, value] of Object.entries(values)) {
    if (value === "") template = template.split(` ({${name}})`).join("").split(`({${name}})`).join("");
  }
  return render(template, values);
}

export function listGroups(config: Config): string {
  const groups = Object.keys(config.groups);
  return groups.length ? groups.map((group) => `\`${group}\``).join(", ") : "none configured";
}
