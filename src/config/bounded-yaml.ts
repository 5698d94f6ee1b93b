//! Purpose: a config file's YAML parsed in bounded time: a size limit checked before parsing, and a linear duplicate-key check in place of the parser's quadratic one.
import { isMap, isScalar, LineCounter, parseDocument, visit, type Document } from "yaml";

/**
 * The largest config file the bot reads (docs/durability.md): 64 KiB, about 2,000 lines; a team's file is a
 * few KB. GitHub's contents API gives no content above 1 MB anyway; this limit is what keeps a parse short:
 * linear in the text, ~30 ms at the limit (the `yaml` parser does 2 MB in 0.9 s without its duplicate check).
 */
export const CONFIG_SIZE_LIMIT = 64 * 1024;

/** The one short problem an oversized file gets, instead of a parse (and a list of its errors). */
export function tooLargeMessage(bytes: number): string {
  return `the file is ${Math.ceil(bytes / 1024)} KiB; a config file may be at most ${CONFIG_SIZE_LIMIT / 1024} KiB (docs/durability.md)`;
}

/** The text's size in bytes when it is over the limit, else null. */
export function oversized(text: string): number | null {
  // Cheap first: a string's UTF-8 size is at most 3 bytes per UTF-16 unit and at least 1.
  if (text.length * 3 <= CONFIG_SIZE_LIMIT) return null;
  const bytes = Buffer.byteLength(text, "utf8");
  return bytes > CONFIG_SIZE_LIMIT ? bytes : null;
}

export interface DuplicateKey {
  key: string;
  /** Offset of the repeated key in the text. */
  offset: number;
}

/**
 * `parseDocument` without the parser's own `uniqueKeys` check (it compares every key of a mapping with every
 * other: 10 s on a 2 MB file), and the same rule checked here with one set per mapping.
 */
export function parseYaml(text: string, lineCounter?: LineCounter): { document: Document.Parsed; duplicates: DuplicateKey[] } {
  const document = parseDocument(text, { ...(lineCounter && { lineCounter }), prettyErrors: false, uniqueKeys: false });
  const duplicates: DuplicateKey[] = [];
  visit(document, {
    Map(_key, map) {
      if (!isMap(map)) return;
      const seen = new Set<string>();
      for (const pair of map.items) {
        // Scalars compare by value (and type: 1 is not "1") as the parser does; a complex key (rare in a config) by its YAML text.
        const key = isScalar(pair.key) ? `${typeof pair.key.value}:${String(pair.key.value)}` : `node:${String(pair.key)}`;
        if (seen.has(key)) duplicates.push({ key: isScalar(pair.key) ? String(pair.key.value) : String(pair.key), offset: (pair.key as { range?: [number] } | null)?.range?.[0] ?? 0 });
        else seen.add(key);
      }
    },
  });
  return { document, duplicates };
}

/** The file's value as plain data, or the first reason it is not valid YAML (bounded: see `parseYaml`). */
export function parseConfigYaml(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  const bytes = oversized(text);
  if (bytes !== null) return { ok: false, reason: tooLargeMessage(bytes) };
  const { document, duplicates } = parseYaml(text);
  const error = document.errors[0];
  if (error) return { ok: false, reason: `invalid YAML: ${error.message.split("\n")[0]}` };
  if (duplicates[0]) return { ok: false, reason: `invalid YAML: the key ${JSON.stringify(duplicates[0].key)} appears twice in one mapping` };
  try {
    // A small alias budget: a "billion laughs" file must fail here, not exhaust the bot's memory.
    return { ok: true, value: document.toJS({ maxAliasCount: 100 }) };
  } catch (error) {
    return { ok: false, reason: `invalid YAML: ${error instanceof Error ? error.message : String(error)}` };
  }
}
