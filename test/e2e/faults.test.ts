//! Purpose: GitHub failing under the real server (5xx, secondary rate limits): nothing half done, and the state ends right.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createWorld, eventually, REPO, type World } from "./support/world.js";

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world?.stop());
afterEach(() => world.double.clearFaults());

const SECONDARY = {
  status: 403,
  headers: { "retry-after": "1" },
  body: { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits" },
};

function inboxBug(assignees: string[] = []): number {
  return world.double.addIssue(REPO, { title: "Crash", author: "reporter", labels: ["bug", ":reproduce"], assignees }).number;
}

const writeLines = (delivery: string) => world.server.logs.filter((l) => String(l.msg).startsWith("write") && l.delivery === delivery);

describe("GitHub failures under the real server", () => {
  it("a 502 on the transition's GraphQL mutation is retried, and the transition lands once", async () => {
    const number = inboxBug(["qa-lead"]);
    const fault = world.double.fault({ graphqlField: "addLabelsToLabelable", status: 502 });
    const delivery = world.double.payload("issue_comment.created", { repo: REPO, actor: "qa-lead", number, body: "/reproduced #g-mdm" });
    const answer = await world.server.send(delivery);
    await world.settled();
    expect(answer.status).toBe(200);
    expect(fault.hits).toBe(1);
    const issue = world.issue(number);
    expect(issue.labels.sort()).toEqual(["#g-mdm", "bug"]);
    expect(issue.assignees).toEqual(["mdm-em"]);
    expect(issue.comments.at(-1)?.reactions).toHaveLength(1);
  });

  // Before the work queue (issue 12) a failed write failed the delivery (a 500 GitHub records) and waited for
  // someone to press "Redeliver". Now the delivery is answered 200 at once and the queue retries the job after
  // GitHub's retry-after: nothing half done in between, the transition lands once, with no redelivery.
  it("a secondary rate limit on the mutation: answered at once, retried after retry-after, lands once", async () => {
    const number = inboxBug(["qa-lead"]);
    const fault = world.double.fault({ graphqlField: "addLabelsToLabelable", ...SECONDARY });
    const delivery = world.double.payload("issue_comment.created", { repo: REPO, actor: "qa-lead", number, body: "/reproduced #g-mdm" });
    const answer = await world.server.send(delivery);
    expect(answer.status).toBe(200);
    await eventually(() => writeLines(delivery.id).some((l) => l.result === "failed"), "the failed write to be logged");
    expect(world.issue(number).labels.sort()).toEqual([":reproduce", "bug"]); // nothing half-applied
    await world.settled();
    expect(fault.hits).toBe(1);
    expect(world.server.logs.some((l) => l.msg === "job failed; retrying" && l.delivery === delivery.id && l.retryInMs === 1_000)).toBe(true);
    expect(world.issue(number).labels.sort()).toEqual(["#g-mdm", "bug"]);
    expect(world.issue(number).assignees).toEqual(["mdm-em"]);
    expect(world.issue(number).comments.at(-1)?.reactions).toHaveLength(1);
  });

  it("a rate-limited hand edit is completed by the queue's retry", async () => {
    const number = world.double.addIssue(REPO, { title: "Crash", author: "reporter", labels: ["bug", ":reproduce", "#g-mdm"], assignees: ["qa-lead"] }).number;
    world.double.fault({ graphqlField: "addAssigneesToAssignable", ...SECONDARY });
    const answer = await world.act("issues.unlabeled", { actor: "qa-lead", number, label: ":reproduce" });
    expect(answer.status).toBe(200);
    expect(world.issue(number).assignees).toEqual(["mdm-em"]);
    expect(world.server.alive()).toBe(true);
  });

  it("a slow GitHub (2 s per request) still ends in the right state", async () => {
    const number = inboxBug();
    world.double.fault({ path: "/graphql", delayMs: 2_000, times: 1 });
    const answer = await world.act("issue_comment.created", { actor: "maint", number, body: "/reproduced #g-orchestration" });
    await world.settled();
    expect(answer.status).toBe(200);
    expect(world.issue(number).assignees).toEqual(["orch-em"]);
  });
});
