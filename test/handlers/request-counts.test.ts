//! Purpose: every SPEC §2 row through the real app and the double takes at most one write, and no request GitHub refuses.
import { describe, expect, it } from "vitest";
import { measureRow } from "../support/measure.js";
import { specRows } from "../support/spec-rows.js";

describe("requests per transition (warm caches)", () => {
  it.each(specRows.map((row) => [row.row, row] as const))("%s", async (_name, row) => {
    const { counts } = await measureRow(row, { warm: true });
    // A 404 from the permission API is GitHub's answer for "not a collaborator": expected for community authors.
    const refused = counts.requests.filter((r) => r.status >= 400 && !(r.status === 404 && r.path.endsWith("/permission")));
    expect(refused).toEqual([]);
    expect(counts.writes).toBeLessThanOrEqual(row.maxWrites);
    if (row.maxWrites > 0) expect(counts.writes).toBeGreaterThan(0);
    // Probot paces GraphQL like a write: with warm caches the only paced reads left are /why's timeline and a
    // closed milestone's bugs with their comments (REST would need a request per bug for the comments).
    const pacedReads = counts.requests.filter((r) => r.kind === "graphql" && !r.write).map((r) => r.operationNames);
    if (!/\/why|milestone closed/.test(row.row)) expect(pacedReads).toEqual([]);
  });
});
