//! Purpose: map a config path (as zod and the linter report it) back to a line and column of the YAML text.
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter } from "yaml";
import type { Locate } from "./problem.js";

/**
 * Walks the parsed document rather than searching the text, so anchors, flow maps and quoted keys all
 * resolve. A path that is not written (a missing key) stops at the deepest written ancestor's key,
 * which is where a person would add the missing thing.
 */
export function locatorFor(document: Document, lineCounter: LineCounter): Locate {
  return (path, at = "value") => {
    let node: unknown = document.contents;
    // Where the current node is named: its key, or its first character at the root and in lists.
    let named = startOf(node) ?? 0;
    let offset = named;
    for (const [index, segment] of path.entries()) {
      if (isAlias(node)) node = node.resolve(document);
      const last = index === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) return position(named);
        named = startOf(pair.key) ?? named;
        // An empty value (`labels:`) has no text of its own: its key is the place to point at.
        offset = last && at === "key" ? named : (startOfWritten(pair.value) ?? named);
        node = pair.value;
      } else if (isSeq(node) && typeof segment === "number") {
        const item = node.items[segment];
        if (item === undefined) return position(named);
        named = offset = startOf(item) ?? named;
        node = item;
      } else {
        return position(named);
      }
    }
    return position(offset);
  };

  function position(offset: number) {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  }
}

function startOf(node: unknown): number | undefined {
  if (node && typeof node === "object" && "range" in node) {
    const range = (node as { range?: [number, number, number] | null }).range;
    return range ? range[0] : undefined;
  }
  return undefined;
}

function startOfWritten(node: unknown): number | undefined {
  if (isScalar(node) && node.range && node.range[0] === node.range[1]) return undefined;
  return startOf(node);
}
