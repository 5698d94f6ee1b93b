//! Purpose: what reaches the real server's webhook door: forged or missing signatures, malformed payloads, redeliveries.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sign } from "./support/server.js";
import { createWorld, REPO, type World } from "./support/world.js";

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world?.stop());
beforeEach(() => world.double.resetRecords());

function inboxBug(): number {
  return world.double.addIssue(REPO, { title: "Crash", author: "reporter", labels: ["bug", ":reproduce"] }).number;
}

/** The server still answers a good delivery, and acts on it. */
async function stillServes(): Promise<void> {
  const number = inboxBug();
  const answer = await world.act("issue_comment.created", { actor: "qa-lead", number, body: "/reproduced #g-mdm" });
  expect(answer.status).toBe(200);
  expect(world.issue(number).assignees).toEqual(["mdm-em"]);
}

describe("signatures", () => {
  it.each([
    ["a signature made with another secret", (body: string) => sign(body, "not-the-secret")],
    ["a signature of another body", () => sign("{}", "e2e-webhook-secret")],
    ["a sha1 signature only", () => `sha1=${"0".repeat(40)}`],
    ["an empty signature", () => ""],
    ["no signature header", () => null],
  ])("rejects %s with 400 and writes nothing", async (_name, signature) => {
    const number = inboxBug();
    const delivery = world.double.payload("issue_comment.created", { repo: REPO, actor: "maint", number, body: "/critical" });
    const body = JSON.stringify(delivery.payload);
    const answer = await world.server.send(delivery, { signature: signature(body) });
    // Exactly Probot's refusal: a 500 would mean the check crashed rather than refused.
    expect(answer.status).toBe(400);
    await world.settled();
    expect(world.appRequests()).toEqual([]);
    expect(world.issue(number).labels.sort()).toEqual([":reproduce", "bug"]);
  });
});

describe("malformed deliveries", () => {
  // [name, event, body, the status it gets]: 400 where Probot refuses the body; 200 where the app reads it,
  // finds it malformed, logs and ignores it (a 500 would make GitHub show a failure nobody can fix).
  const malformed: Array<[string, string, string, number]> = [
    ["a body that is not JSON", "issues", "{not json", 400],
    ["an empty body", "issues", "", 400],
    ["JSON that is not an object", "issue_comment", "[1,2,3]", 200],
    ["a comment without an issue", "issue_comment", JSON.stringify({ action: "created", comment: { id: 1, body: "/critical" }, installation: { id: 1 } }), 200],
    ["an issue without labels or repository", "issues", JSON.stringify({ action: "labeled", issue: { number: 1 }, label: { name: ":release" }, installation: { id: 1 } }), 200],
    ["a null issue", "issues", JSON.stringify({ action: "opened", issue: null, repository: { name: "app", owner: { login: "acme" } }, installation: { id: 1 } }), 200],
    ["a milestone without a number", "milestone", JSON.stringify({ action: "closed", milestone: {}, repository: { name: "app", owner: { login: "acme" } }, installation: { id: 1 } }), 200],
    ["an unknown event", "star", JSON.stringify({ action: "created", repository: { name: "app", owner: { login: "acme" } } }), 200],
  ];

  it.each(malformed)("survives %s (no crash, no write) and answers the next delivery", async (_name, event, body, status) => {
    const answer = await world.server.send({ id: `malformed-${Math.random()}`, name: event, payload: null }, { body });
    expect(answer.status, answer.body).toBe(status);
    expect(world.double.writes()).toEqual([]);
    expect(world.server.alive()).toBe(true);
    await stillServes();
  });
});

describe("redeliveries", () => {
  it("the same delivery twice: one set of writes, and the second costs no request", async () => {
    const number = inboxBug();
    const delivery = world.double.payload("issue_comment.created", { repo: REPO, actor: "maint", number, body: "/critical" });
    expect((await world.server.send(delivery)).status).toBe(200);
    await world.settled();
    const first = world.appRequests().length;
    expect(world.double.writes()).toHaveLength(1);

    expect((await world.server.send(delivery)).status).toBe(200);
    await world.settled();
    expect(world.appRequests()).toHaveLength(first);
    const issue = world.issue(number);
    expect(issue.comments.filter((c) => c.author === "bug-lifecycle[bot]")).toHaveLength(1);
    expect(issue.labels.sort()).toEqual([":release", "bug", "~critical bug"]);
  });

  it("the same payload under a new delivery id after a restart (a new process, caches cold) posts no second comment", async () => {
    const number = inboxBug();
    const delivery = world.double.payload("issue_comment.created", { repo: REPO, actor: "maint", number, body: "/critical" });
    expect((await world.server.send(delivery)).status).toBe(200);
    await world.settled();
    const before = structuredClone(world.issue(number));
    const pid = world.server.child.pid;
    await world.restart();
    expect(world.server.child.pid).not.toBe(pid);
    world.double.resetRecords();
    expect((await world.server.send({ ...delivery, id: `${delivery.id}-replayed` })).status).toBe(200);
    await world.settled();
    // Its only memory is GitHub's (the comment's marker): it sends only the 👍, which GitHub keeps once.
    expect(world.appRequests().filter((r) => r.write).map((r) => r.operationNames ?? `${r.method} ${r.path}`)).toEqual([["addReaction"]]);
    expect(world.issue(number)).toEqual(before);
  });
});
