//! Purpose: an unconfirmed critical bug through the built server: /critical → the queue's delayed job → one escalation comment and one Slack post.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escalatingConfig } from "../support/fleet.js";
import { waitFor } from "./support/server.js";
import { BOT, CONFIG, createWorld, eventually, REPO, type World } from "./support/world.js";

// 0.05 minutes (3 s) instead of 60: the server's own delayed job fires it, on real time, with nothing faked.
const ESCALATING = escalatingConfig(["@acme/help-p1", "oncall"], 0.05, CONFIG);

let world: World;
beforeAll(async () => {
  world = await createWorld({ config: ESCALATING });
});
afterAll(() => world?.stop());

const escalations = (number: number) => world.issue(number).comments.filter((c) => c.author === BOT && c.body.includes("bug-lifecycle:critical-escalation:"));
const escalationPosts = () => world.slack.filter((post) => post.path.endsWith("/escalation"));
const engineeringBug = (title: string) =>
  world.double.addIssue(REPO, { title, author: "reporter", labels: ["bug", ":release", "#g-mdm"], assignees: ["mdm-em"] }).number;
/** Timers the server holds (its work queue's delayed jobs), from its queue status. */
const delayedJobs = async (w: World = world) => ((await fetch(`${w.server.url}/bug-lifecycle/queue`).then((r) => r.json())) as { delayed: number }).delayed;

describe("critical bug nobody in product confirmed (the built server, its work queue's delayed job)", () => {
  it("/critical, nobody from product answers: one comment mentioning people.escalation and one POST to SLACK_ESCALATION_WEBHOOK_URL", async () => {
    const number = engineeringBug("Data loss on upgrade");
    const answer = await world.act("issue_comment.created", { actor: "maint", number, body: "/critical" });
    expect(answer.status).toBe(200);
    expect(await delayedJobs()).toBe(1);
    expect(escalations(number)).toEqual([]);
    await eventually(() => escalations(number).length > 0, "the escalation comment");
    await world.settled();
    expect(escalations(number)).toHaveLength(1);
    expect(escalations(number)[0]?.body).toMatch(/^@acme\/help-p1 @oncall escalating: .*@product-head, @mdm-pm/);
    expect(escalationPosts()).toEqual([
      { path: "POST /services/T000/B000/escalation", contentType: "application/json", body: { text: expect.stringContaining(`#${number}: Data loss on upgrade`) } },
    ]);
  });

  it("the group's PM reacts 👍 to the checklist in time: no escalation", async () => {
    const before = escalationPosts().length;
    const number = engineeringBug("Enrollment stuck");
    await world.act("issue_comment.created", { actor: "maint", number, body: "/critical" });
    const checklist = world.issue(number).comments.find((c) => c.body.includes("<!-- bug-lifecycle:critical -->"));
    expect(checklist).toBeDefined();
    // The PM reacts on GitHub (the REST call the web UI makes); GitHub sends no webhook for a reaction.
    world.double.addToken("ghp_mdm_pm", "mdm-pm");
    const reacted = await world.double.fetch(`https://api.github.com/repos/${REPO}/issues/comments/${checklist!.id}/reactions`, {
      method: "POST",
      headers: { authorization: "token ghp_mdm_pm", "content-type": "application/json" },
      body: JSON.stringify({ content: "+1" }),
    });
    expect(reacted.status).toBe(201);
    // The delayed job ran (the server holds none now) and its work is done: it wrote nothing.
    expect(await delayedJobs()).toBe(1);
    await waitFor(async () => ((await delayedJobs()) === 0 ? true : undefined), 20_000, "the delayed job to run");
    await world.settled();
    expect(escalations(number)).toEqual([]);
    expect(escalationPosts()).toHaveLength(before);
  });
});

describe("a restart before the escalation is due (the delayed job lived in memory)", () => {
  let ticking: World;
  beforeAll(async () => {
    // Every second (croner's six-field form), as `SWEEP_SCHEDULE` would tick every few minutes in production.
    // 6 s rather than 3: the restart must be over before the old process's job would fire, even on a busy machine.
    ticking = await createWorld({ config: ESCALATING.replace("escalateAfterMinutes: 0.05", "escalateAfterMinutes: 0.1"), env: { SWEEP_SCHEDULE: "* * * * * *" } });
  });
  afterAll(() => ticking?.stop());

  it("the job is dropped with the process; the new process's sweep re-derives the escalation from the timeline, once", async () => {
    const number = ticking.double.addIssue(REPO, { title: "Upgrade bricks hosts", author: "reporter", labels: ["bug", ":release", "#g-mdm"], assignees: ["mdm-em"] }).number;
    await ticking.act("issue_comment.created", { actor: "maint", number, body: "/critical" });
    const before = ticking.server;
    await ticking.restart();
    // The operator's shutdown line names the dropped job.
    expect(before.logs.filter((line) => Array.isArray(line.delayed)).map((line) => line.delayed)).toEqual([[expect.any(String)]]);
    const ours = () => ticking.issue(number).comments.filter((c) => c.author === BOT && c.body.includes("bug-lifecycle:critical-escalation:"));
    await eventually(() => ours().length > 0, "the new process's sweep to escalate");
    const runs = ticking.server.logs.filter((l) => l.msg === "sweep done").length;
    await eventually(() => ticking.server.logs.filter((l) => l.msg === "sweep done").length >= runs + 2, "two more scheduled runs");
    expect(ours()).toHaveLength(1);
    // The new process never held the job: its escalation is the sweep's.
    expect(await delayedJobs(ticking)).toBe(0);
  });
});
