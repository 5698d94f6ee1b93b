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

  // Before commit 0edb2a3 the executor logged the failed write and returned: the server answered 200 (GitHub
  // recorded a success) and remembered the delivery id, so the redelivery did nothing.
  it("a secondary rate limit on the mutation: nothing half done, and GitHub's redelivery of the delivery repairs it", async () => {
    const number = inboxBug(["qa-lead"]);
    world.double.fault({ graphqlField: "addLabelsToLabelable", ...SECONDARY });
    const delivery = world.double.payload("issue_comment.created", { repo: REPO, actor: "qa-lead", number, body: "/reproduced #g-mdm" });
    const failed = await world.server.send(delivery);
    await world.settled();
    expect(world.issue(number).labels.sort()).toEqual([":reproduce", "bug"]);
    expect(world.issue(number).assignees).toEqual(["qa-lead"]);
    await eventually(() => writeLines(delivery.id).some((l) => l.result === "failed"), "the failed write to be logged");

    const again = await world.server.send(delivery);
    await world.settled();
    expect(again.status).toBe(200);
    expect(world.issue(number).labels.sort()).toEqual(["#g-mdm", "bug"]);
    expect(world.issue(number).assignees).toEqual(["mdm-em"]);
    // And GitHub must have been told the first attempt failed, or nobody would press "Redeliver".
    // 500 (the handler threw): GitHub lists it as failed; a 2xx would hide it, a 4xx would blame the sender.
    expect(failed.status).toBe(500);
  });

  it("a rate-limited hand edit is completed by the person's next event", async () => {
    const number = world.double.addIssue(REPO, { title: "Crash", author: "reporter", labels: ["bug", ":reproduce", "#g-mdm"], assignees: ["qa-lead"] }).number;
    world.double.fault({ graphqlField: "addAssigneesToAssignable", ...SECONDARY });
    await world.act("issues.unlabeled", { actor: "qa-lead", number, label: ":reproduce" });
    expect(world.issue(number).assignees).toEqual(["qa-lead"]); // nothing half-applied
    const later = await world.act("issue_comment.created", { actor: "maint", number, body: "/group #g-mdm" });
    await world.settled();
    expect(later.status).toBe(200);
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
