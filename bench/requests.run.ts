//! Purpose: `npm run bench:requests`: reads and writes per SPEC §2 row, cold and warm caches, as a markdown table.
import { it } from "vitest";
import { measureRow } from "../test/support/measure.js";
import { specRows } from "../test/support/spec-rows.js";

it("requests per transition", async () => {
  const lines = [
    "| SPEC §2 row | cold: reads / writes | warm: reads / writes | warm: paced slots | what the reads are (warm) |",
    "|---|---|---|---|---|",
  ];
  for (const row of specRows) {
    const cold = (await measureRow(row, { warm: false })).counts;
    const warm = (await measureRow(row, { warm: true })).counts;
    const reads = warm.requests.filter((r) => !r.write).map((r) => (r.kind === "graphql" ? `GraphQL ${r.operationNames?.[0] ?? ""}` : `${r.method} ${r.path.replace(/^\/repos\/[^/]+\/[^/]+/, "")}`));
    // Probot's throttling spaces every write and every GraphQL request (even a query) ≈1 s apart per installation.
    const paced = warm.requests.filter((r) => r.write || r.kind === "graphql").length;
    lines.push(`| ${row.row} | ${cold.reads} / ${cold.writes} | ${warm.reads} / ${warm.writes} | ${paced} | ${reads.join(", ") || "—"} |`);
  }
  console.log(lines.join("\n"));
});
