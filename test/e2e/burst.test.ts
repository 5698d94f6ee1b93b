//! Purpose: a burst at the real server's door: bad deliveries refused before the queue, duplicates once, the rest land; and a GitHub failing 30 % of writes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sign } from "./support/server.js";
import { createWorld, REPO, type World } from "./support/world.js";

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world?.stop());
beforeEach(() => {
  world.double.clearFaults();
  world.double.resetRecords();
});

function inboxBugs(n: number): number[] {
  return Array.from({ length: n }, () => world.double.addIssue(REPO, { title: "Crash", author: "reporter", labels: ["bug", ":reproduce"], assignees: ["qa-lead"] }).number);
}

function reproduced(numbers: number[]) {
  return numbers.map((number) => world.double.payload("issue_comment.created", { repo: REPO, actor: "qa-lead", number, body: "/reproduced #g-mdm" }));
}

function expectLanded(numbers: number[]): void {
  for (const number of numbers) {
    const issue = world.issue(number);
    expect(issue.labels.sort(), `#${number}`).toEqual(["#g-mdm", "bug"]);
    expect(issue.assignees, `#${number}`).toEqual(["mdm-em"]);
    // The command's 👍, once: a retried job must not react (or comment) twice.
    expect(issue.comments.at(-1)?.reactions, `#${number}`).toHaveLength(1);
    expect(issue.comments.filter((c) => c.author === world.double.botLogin), `#${number}`).toEqual([]);
  }
}

describe("a burst with bad input", () => {
  it("forged signatures and malformed bodies get 400 before the queue, duplicates are accepted once, the rest land", async () => {
    const numbers = inboxBugs(20);
    const good = reproduced(numbers);
    const queueBefore = (await (await fetch(`${world.server.url}/bug-lifecycle/queue`)).json()) as { done: number };
    const forged = good.slice(0, 5).map((d) => world.server.send({ ...d, id: `forged-${d.id}` }, { signature: sign(JSON.stringify(d.payload), "not-the-secret") }));
    const malformed = ["{not json", "", "{\"action\":", "nul", "[1,"].map((body, i) => world.server.send({ id: `malformed-${i}`, name: "issue_comment", payload: null }, { body }));
    const answers = await Promise.all([...good.map((d) => world.server.send(d)), ...good.slice(0, 5).map((d) => world.server.send(d)), ...forged, ...malformed]);
    expect(answers.slice(0, 25).map((a) => a.status)).toEqual(Array(25).fill(200));
    expect(answers.slice(25).map((a) => a.status)).toEqual(Array(10).fill(400));
    await world.settled();
    expectLanded(numbers);
    const queueAfter = (await (await fetch(`${world.server.url}/bug-lifecycle/queue`)).json()) as { done: number; failed: number };
    // 20 jobs, not 25 (duplicates) or 35 (bad ones): plus the bot's own echoes that the loop back sends.
    const echoes = world.botAnswers.length;
    expect(queueAfter.done - queueBefore.done).toBeLessThanOrEqual(20 + echoes);
    expect(queueAfter.done - queueBefore.done).toBeGreaterThanOrEqual(20);
    expect(queueAfter.failed).toBe(0);
  });
});

describe("events no handler acts on", () => {
  it("are answered 200 and never queued (the bot's own issues.assigned and labeled echoes, a star)", async () => {
    const [number] = inboxBugs(1);
    const queueBefore = (await (await fetch(`${world.server.url}/bug-lifecycle/queue`)).json()) as { done: number };
    const issue = world.double.issue(REPO, number!);
    const repository = { name: REPO.split("/")[1], full_name: REPO, owner: { login: REPO.split("/")[0] } };
    const answers = await Promise.all([
      world.server.send({ id: "unrouted-assigned", name: "issues", payload: { action: "assigned", issue: { number: issue.number }, repository, sender: { login: world.double.botLogin, type: "Bot" } } }),
      world.server.send({ id: "unrouted-star", name: "star", payload: { action: "created", repository, sender: { login: "fan", type: "User" } } }),
      // The echo of the bot's own label: the core's gate drops bots, so it is not queued either.
      world.server.send({ ...world.double.payload("issues.labeled", { repo: REPO, actor: world.double.botLogin, number: issue.number, label: "#g-mdm" }), id: "bot-echo-labeled" }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const queueAfter = (await (await fetch(`${world.server.url}/bug-lifecycle/queue`)).json()) as { done: number; waiting: number; running: number };
    expect(queueAfter.done - queueBefore.done + queueAfter.waiting + queueAfter.running).toBe(0);
  });
});

describe("a burst while GitHub fails writes", () => {
  it("502 on 30 % of the transitions' mutations: every transition lands after retries, no duplicate", async () => {
    const numbers = inboxBugs(20);
    const fault = world.double.fault({ graphqlField: "addLabelsToLabelable", status: 502, ratio: 0.3, times: Infinity });
    const answers = await Promise.all(reproduced(numbers).map((d) => world.server.send(d)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    await world.settled();
    expect(fault.hits).toBeGreaterThanOrEqual(6);
    expectLanded(numbers);
    const labelled = world.double.writes().filter((r) => r.operationNames?.includes("addLabelsToLabelable") && r.status === 200);
    expect(labelled).toHaveLength(20);
  });
});

describe("SIGTERM", () => {
  // Last in this file: it stops the world's server.
  it("finishes the accepted deliveries within the grace period, says so, and exits", async () => {
    world.loopBack = false;
    const numbers = inboxBugs(3);
    const answers = await Promise.all(reproduced(numbers).map((d) => world.server.send(d)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    await world.server.stop("SIGTERM");
    expect(world.server.alive()).toBe(false);
    expect(world.server.logs.some((l) => String(l.msg).startsWith("SIGTERM: finishing accepted deliveries"))).toBe(true);
    expect(world.server.logs.some((l) => l.msg === "shutdown: every accepted delivery finished")).toBe(true);
    expectLanded(numbers);
  });
});
