//! Purpose: run one docs/contract.md §2 row through the app against the double, with cold or warm caches, and count its requests.
import { REPO, createHarness, seedBug } from "./app-harness.js";
import { escalatingConfig } from "./fleet.js";
import type { Delivery } from "../../src/runtime/delivery.js";
import type { SpecRow } from "./spec-rows.js";

export async function measureRow(row: SpecRow, options: { warm: boolean; config?: string }) {
  const h = await createHarness(options.config ? { config: options.config } : {});
  await prepare(h, options);
  const bug = seedBug(h, row.labels, row.assignees ?? [], row.author);
  const target = row.setup?.(h, bug) ?? bug;
  const counts = await h.act(row.event, row.action(target));
  return { h, bug, counts };
}

/**
 * The critical escalation's delayed job, run when it is due (`/critical` 61 minutes before, nobody from
 * product spoke): the requests of the job alone. `confirmed`: the group's PM reacted 👍 to the checklist.
 */
export async function measureEscalation(options: { warm: boolean; confirmed?: boolean }) {
  let offset = 0;
  const config = escalatingConfig();
  const jobs: Delivery[] = [];
  const h = await createHarness({ config, now: () => new Date(Date.now() + offset), later: async (delivery) => void jobs.push(delivery) });
  await prepare(h, options);
  const bug = seedBug(h, ["bug", ":release", "#g-mdm"], ["mdm-em"]);
  await h.act("issue_comment.created", { actor: "maint", number: bug, body: "/critical" });
  if (options.confirmed) {
    const checklist = h.issue(bug).comments.find((c) => c.body.includes("<!-- bug-lifecycle:critical -->"))!;
    h.double.addToken("ghp_measure_pm", "mdm-pm");
    const url = `https://api.github.com/repos/${REPO}/issues/comments/${checklist.id}/reactions`;
    const answer = await h.double.fetch(url, { method: "POST", headers: { authorization: "token ghp_measure_pm", "content-type": "application/json" }, body: JSON.stringify({ content: "+1" }) });
    if (answer.status !== 201) throw new Error(`the PM's reaction: ${answer.status}`);
  }
  // A job runs in a process whose caches are as the row says: cold is a restart since /critical.
  if (!options.warm) await h.restart();
  offset = 61 * 60_000;
  const job = jobs[0];
  if (!job) throw new Error("/critical scheduled no delayed job");
  const start = h.double.requests.length;
  await h.runtime.handle(job);
  const requests = h.double.requests.slice(start).filter((r) => !r.path.endsWith("/access_tokens"));
  return { h, bug, counts: { reads: requests.filter((r) => !r.write).length, writes: requests.filter((r) => r.write).length, requests } };
}

async function prepare(h: Awaited<ReturnType<typeof createHarness>>, options: { warm: boolean }): Promise<void> {
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
}
