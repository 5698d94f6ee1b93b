//! Purpose: run one SPEC §2 row through the app against the double, with cold or warm caches, and count its requests.
import { createHarness, seedBug } from "./app-harness.js";
import type { SpecRow } from "./spec-rows.js";

export async function measureRow(row: SpecRow, options: { warm: boolean }) {
  const h = await createHarness();
  h.double.addUser("contributor");
  h.double.addUser("someone");
  if (options.warm) {
    // Fill the caches (config, permissions, ids) the way a busy repository keeps them warm.
    const warm = seedBug(h, ["bug", ":reproduce"]);
    await h.act("issue_comment.created", { actor: "maint", number: warm, body: "/reproduced #g-mdm" });
    for (const login of ["qa-lead", "mdm-em", "reporter", "someone", "reader", "contributor"]) {
      await h.act("issue_comment.created", { actor: login, number: warm, body: "/backlog" });
    }
  }
  const bug = seedBug(h, row.labels, row.assignees ?? [], row.author);
  const target = row.setup?.(h, bug) ?? bug;
  const counts = await h.act(row.event, row.action(target));
  return { h, bug, counts };
}
