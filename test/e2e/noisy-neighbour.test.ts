//! Purpose: fairness between installations: one installation's backlog of 100 commands does not hold up another's command, on one process and on 2 replicas + Redis, Probot's pacing on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisAvailable } from "../support/redis.js";
import { waitFor } from "./support/server.js";
import { issueKey, startTenants, type Tenants } from "./support/tenants.js";

const available = redisAvailable();
const BACKLOG = 100;
/** Installation 2 must land while at least this many of installation 1's are unlanded: well before the backlog is done. */
const STILL_UNLANDED = 50;
const BUG = { title: "Crash", author: "reporter", labels: ["bug", "#g-mdm"], assignees: ["mdm-em"] };

/**
 * No timing is asserted: the clock is installation 1's own progress. Each `/why` is two paced requests of its
 * installation (GitHub's pacing: ≥ 1 s apart), so its 100 take ≥ 200 s; a fair engine lands installation 2's
 * reply within its own pacing (~2 s), while installation 1 has landed a handful at most. An engine where
 * installation 1's waiting jobs hold the capacity (shards, workers) installation 2 needs lands it only after
 * most of the backlog.
 */
async function noisyNeighbour(t: Tenants): Promise<void> {
  const [noisyRepo, quietRepo] = t.repos as [string, string];
  const command = (repo: string, number: number) => t.double.payload("issue_comment.created", { repo, number, actor: "reporter", body: "/why" });
  const noisy = Array.from({ length: BACKLOG }, () => t.double.addIssue(noisyRepo, BUG).number);
  const quiet = t.double.addIssue(quietRepo, BUG).number;
  const unlanded = () => noisy.filter((n) => !t.landed.has(issueKey(noisyRepo, n))).length;

  const answers = await Promise.all(noisy.map((n) => t.next().send(command(noisyRepo, n))));
  expect(answers.map((a) => a.status)).toEqual(Array(BACKLOG).fill(200));
  // Installation 1's backlog is being worked (its paced GraphQL requests have begun) before installation 2 speaks.
  const sentAt = t.double.requests.length;
  await waitFor(() => (t.double.requests.slice(sentAt).filter((r) => r.path === "/graphql").length >= 2 ? true : undefined), 60_000, "installation 1's work to start");
  expect((await t.next().send(command(quietRepo, quiet))).status).toBe(200);

  // Whichever comes first: installation 2's reply, or installation 1's backlog half done (the rule broken).
  await waitFor(() => (t.landed.has(issueKey(quietRepo, quiet)) || unlanded() < STILL_UNLANDED ? true : undefined), 400_000, "installation 2's reply or half of installation 1's");
  const left = unlanded();
  expect(t.landed.has(issueKey(quietRepo, quiet)), `installation 2's reply had not landed when ${BACKLOG - left} of installation 1's had`).toBe(true);
  expect(left, `installation 1's replies still unlanded when installation 2's landed`).toBeGreaterThanOrEqual(STILL_UNLANDED);
}

describe("a noisy neighbour on one process (no Redis)", () => {
  let t: Tenants;
  beforeAll(async () => {
    t = await startTenants({ installations: 2, replicas: 0, marker: "why" });
  }, 60_000);
  afterAll(() => t?.stop());

  it("installation 2's command lands while installation 1's 100 are mostly queued", () => noisyNeighbour(t), 450_000);
});

describe.skipIf(!available)("a noisy neighbour on 2 replicas + Redis", () => {
  let t: Tenants;
  // Production settings (default lanes and leases): the capacity a backlog can hold is what is under test.
  beforeAll(async () => {
    t = await startTenants({ installations: 2, replicas: 2, marker: "why" });
  }, 60_000);
  afterAll(() => t?.stop());

  it("installation 2's command lands while installation 1's 100 are mostly queued", () => noisyNeighbour(t), 450_000);
});
