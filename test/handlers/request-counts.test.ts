//! Purpose: every docs/contract.md §2 row through the real app and the double takes at most one write, and no request GitHub refuses.
import { describe, expect, it } from "vitest";
import { FLEET_CONFIG } from "../support/fleet.js";
import { measureEscalation, measureRow } from "../support/measure.js";
import { specRows } from "../support/spec-rows.js";

describe("requests per transition (warm caches)", () => {
  it.each(specRows.map((row) => [row.row, row] as const))("%s", async (_name, row) => {
    const { counts } = await measureRow(row, { warm: true });
    // A 404 from the permission API is GitHub's answer for "not a collaborator": expected for community authors.
    const refused = counts.requests.filter((r) => r.status >= 400 && !(r.status === 404 && r.path.endsWith("/permission")));
    expect(refused).toEqual([]);
    expect(counts.writes).toBeLessThanOrEqual(row.maxWrites);
    // A row that writes at all writes something here (and one that writes nothing, nothing).
    expect(counts.writes > 0, `${counts.writes} writes`).toBe(row.maxWrites > 0);
    // Probot paces GraphQL like a write: with warm caches the only paced reads left are /why's timeline, a
    // closed milestone's bugs with their comments (REST would need a request per bug for the comments), and a
    // bug a merge closed with its closing keyword: who closed it (`ClosedEvent.closer`) is in GraphQL only, one
    // read per webhook of the two GitHub sends (the PR's merge and the issue's close).
    const pacedReads = counts.requests.filter((r) => r.kind === "graphql" && !r.write).map((r) => r.operationNames);
    // Two bugs: GitHub sends one issues.closed per bug besides the merge.
    const allowed = /Fixes #N, fixes #M/.test(row.row) ? 3 : /Fixes #N/.test(row.row) ? 2 : /\/why|milestone closed/.test(row.row) ? 1 : 0;
    expect(pacedReads.length, JSON.stringify(pacedReads)).toBeLessThanOrEqual(allowed);
  });
});

describe("the critical escalation's delayed job", () => {
  it.each([false, true])("warm caches %s: one GraphQL read of the issue, one write (the comment) when nobody confirmed, none after a 👍", async (warm) => {
    const escalated = await measureEscalation({ warm });
    expect(escalated.counts.writes).toBe(1);
    expect(escalated.counts.requests.filter((r) => r.kind === "graphql" && !r.write).map((r) => r.operationNames?.[0])).toEqual(["node"]);
    expect(escalated.h.issue(escalated.bug).comments.filter((c) => c.body.includes("bug-lifecycle:critical-escalation:"))).toHaveLength(1);
    const confirmed = await measureEscalation({ warm, confirmed: true });
    expect(confirmed.counts.writes).toBe(0);
  });
});

describe("requests per transition with statusComment: true (warm caches)", () => {
  const config = `${FLEET_CONFIG}\nstatusComment: true\n`;
  it.each(specRows.map((row) => [row.row, row] as const))("%s", async (_name, row) => {
    const { counts, h, bug } = await measureRow(row, { warm: true, config });
    expect(counts.requests.filter((r) => r.status >= 400 && !(r.status === 404 && r.path.endsWith("/permission")))).toEqual([]);
    // Still one write: the status comment's create or edit rides in the transition's mutation document.
    expect(counts.writes).toBeLessThanOrEqual(row.maxWrites);
    const statusWrites = counts.requests.filter((r) => r.write).flatMap((r) => r.operationNames ?? []).filter((name) => name === "addComment" || name === "updateIssueComment");
    const statuses = h.issue(bug).comments.filter((c) => c.body.includes("<!-- bug-lifecycle:status -->"));
    expect(statuses.length).toBeLessThanOrEqual(1);
    if (statuses.length) expect(statusWrites.length).toBeGreaterThan(0);
    // The status comment's own read is REST (not paced): no GraphQL read beyond the rows' own.
    const pacedReads = counts.requests.filter((r) => r.kind === "graphql" && !r.write);
    const allowed = /Fixes #N, fixes #M/.test(row.row) ? 3 : /Fixes #N/.test(row.row) ? 2 : /\/why|milestone closed/.test(row.row) ? 1 : 0;
    expect(pacedReads.length).toBeLessThanOrEqual(allowed);
  });
});
