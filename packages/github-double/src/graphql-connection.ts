//! Purpose: Relay connections as GitHub serves them (first/last required, at most 100, opaque cursors), and `orderBy` ordering.
import { DoubleError } from "./store.js";

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

export interface Connection<T> {
  totalCount: number;
  nodes: T[];
  edges: Array<{ node: T; cursor: string }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

export function encodeCursor(index: number): string {
  return Buffer.from(`cursor:v2:${index}`).toString("base64");
}

function decodeCursor(cursor: string, field: string): number {
  const found = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, "base64").toString("utf8"));
  if (!found) throw new DoubleError(422, `\`${cursor}\` does not appear to be a valid cursor.`, "INVALID_CURSOR_ARGUMENTS", { field });
  return Number(found[1]);
}

/** Pages `all` with GitHub's rules: one of `first`/`last` is required and neither may exceed 100. */
export function connection<T>(all: T[], args: PageArgs, field: string): Connection<T> {
  const { first, last } = args;
  if ((first === undefined || first === null) && (last === undefined || last === null)) {
    throw new DoubleError(422, `You must provide a \`first\` or \`last\` value to properly paginate the \`${field}\` connection.`, "MISSING_PAGINATION_BOUNDARIES");
  }
  for (const [name, value] of [["first", first], ["last", last]] as const) {
    if (typeof value === "number" && (value > 100 || value < 0)) {
      throw new DoubleError(
        422,
        value < 0 ? `\`${name}\` on the \`${field}\` connection cannot be less than zero.` : `Requesting ${value} records on the \`${field}\` connection exceeds the \`${name}\` limit of 100 records.`,
        "EXCESSIVE_PAGINATION",
      );
    }
  }
  let start = args.after ? decodeCursor(args.after, field) + 1 : 0;
  const bound = args.before ? decodeCursor(args.before, field) : all.length;
  let end = bound;
  if (typeof first === "number") end = Math.min(end, start + first);
  if (typeof last === "number") start = Math.max(start, end - last);
  const nodes = all.slice(start, end);
  const edges = nodes.map((node, i) => ({ node, cursor: encodeCursor(start + i) }));
  return {
    totalCount: all.length,
    nodes,
    edges,
    pageInfo: {
      hasNextPage: end < bound,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** A GraphQL `orderBy` argument (its field is the enum value, e.g. `CREATED_AT`). */
export type Order = { field: string; direction: "ASC" | "DESC" } | null | undefined;

export function ordered<T>(list: T[], order: Order, key: (item: T, field: string) => string | number): T[] {
  if (!order) return list;
  const sorted = [...list].sort((a, b) => {
    const x = key(a, order.field);
    const y = key(b, order.field);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return order.direction === "DESC" ? sorted.reverse() : sorted;
}
