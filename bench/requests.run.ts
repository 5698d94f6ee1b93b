//! Purpose: `npm run bench:requests`: reads and writes per docs/contract.md §2 row and per delayed timer job, cold and warm caches, as markdown tables.
import { it } from "vitest";
import type { RequestRecord } from "@bug-lifecycle/github-double";
import { measureEscalation, measureRow } from "../test/support/measure.js";
import { specRows } from "../test/support/spec-rows.js";
import { FLEET_CONFIG } from "../test/support/fleet.js";

const readsOf = (requests: RequestRecord[]) =>
  requests.filter((r) => !r.write).map((r) => (r.kind === "graphql" ? `GraphQL ${r.operationNames?.[0] ?? ""}` : `${r.method} ${r.path.replace(/^\/repos\/[^/]+\/[^/]+/, "")}`));
// Probot's throttling spaces every write and every GraphQL request (even a query) ≈1 s apart per installation.
const pacedOf = (requests: RequestRecord[]) => requests.filter((r) => r.write || r.kind === "graphql").length;

it("requests per transition", async () => {
  const lines = [
    "| docs/contract.md §2 row | cold: reads / writes | warm: reads / writes | warm: paced slots | what the reads are (warm) |",
    "|---|---|---|---|---|",
  ];
  for (const row of specRows) {
    const cold = (await measureRow(row, { warm: false })).counts;
    const warm = (await measureRow(row, { warm: true })).counts;
    lines.push(`| ${row.row} | ${cold.reads} / ${cold.writes} | ${warm.reads} / ${warm.writes} | ${pacedOf(warm.requests)} | ${readsOf(warm.requests).join(", ") || "—"} |`);
  }
  console.log(lines.join("\n"));
});

it("requests per transition, statusComment: true", async () => {
  const config = `${FLEET_CONFIG}\nstatusComment: true\n`;
  const lines = [
    "| docs/contract.md §2 row, statusComment: true | warm: reads / writes | warm: paced slots | status comment | what the reads are (warm) |",
    "|---|---|---|---|---|",
  ];
  for (const row of specRows) {
    const { counts, h, bug } = await measureRow(row, { warm: true, config });
    const names = counts.requests.filter((r) => r.write).flatMap((r) => r.operationNames ?? []);
    const has = h.issue(bug).comments.some((c) => c.body.includes("<!-- bug-lifecycle:status -->"));
    const what = names.includes("updateIssueComment") ? "edited" : has && names.includes("addComment") ? "created" : "—";
    lines.push(`| ${row.row} | ${counts.reads} / ${counts.writes} | ${pacedOf(counts.requests)} | ${what} | ${readsOf(counts.requests).join(", ") || "—"} |`);
  }
  console.log(lines.join("\n"));
});

it("requests per delayed timer job", async () => {
  const lines = [
    "| timer job (the work queue's `later`) | cold: reads / writes | warm: reads / writes | warm: paced slots | what the reads are (warm) |",
    "|---|---|---|---|---|",
  ];
  for (const [name, confirmed] of [["critical escalation, nobody from product spoke → comment + Slack", false], ["critical escalation, the PM reacted 👍 to the checklist → nothing", true]] as const) {
    const cold = (await measureEscalation({ warm: false, confirmed })).counts;
    const warm = (await measureEscalation({ warm: true, confirmed })).counts;
    lines.push(`| ${name} | ${cold.reads} / ${cold.writes} | ${warm.reads} / ${warm.writes} | ${pacedOf(warm.requests)} | ${readsOf(warm.requests).join(", ") || "—"} |`);
  }
  console.log(lines.join("\n"));
});
