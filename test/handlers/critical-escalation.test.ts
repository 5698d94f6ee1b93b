//! Purpose: /critical schedules one delayed job; when it runs, the sweep's rule decides: escalate once, or nothing after product's word or 👍.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TIMER_EVENT } from "../../src/handlers/timers.js";
import type { Delivery } from "../../src/runtime/delivery.js";
import { createHarness, REPO, seedBug, type Harness } from "../support/app-harness.js";
import { escalatingConfig } from "../support/fleet.js";

const BOT = "bug-lifecycle[bot]";
const CONFIG = escalatingConfig();

let slack: { url: string; posts: string[]; close(): void };
beforeEach(async () => {
  const posts: string[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => (posts.push(body), response.end("ok")));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  slack = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, posts, close: () => server.close() };
});
afterEach(() => slack.close());

/** The app on the double with a clock the test moves, and the delayed jobs it asks its queue for. */
async function world(): Promise<{ h: Harness; jobs: { delivery: Delivery; runAt: number }[]; advance(minutes: number): void }> {
  let offset = 0;
  const jobs: { delivery: Delivery; runAt: number }[] = [];
  const later = async (delivery: Delivery, runAt: number) => void jobs.push({ delivery, runAt });
  const h = await createHarness({ config: CONFIG, env: { SLACK_ESCALATION_WEBHOOK_URL: slack.url }, now: () => new Date(Date.now() + offset), later });
  return { h, jobs, advance: (minutes) => void (offset += minutes * 60_000) };
}

const escalations = (h: Harness, number: number) => h.issue(number).comments.filter((c) => c.author === BOT && c.body.includes("bug-lifecycle:critical-escalation:"));

describe("critical escalation: a delayed job from /critical", () => {
  it("/critical schedules one job at critical.escalateAfterMinutes; run then, nobody from product spoke: one comment to people.escalation and one Slack post", async () => {
    const { h, jobs, advance } = await world();
    const number = seedBug(h, ["bug", ":release", "#g-mdm"], ["mdm-em"]);
    const before = Date.now();
    await h.act("issue_comment.created", { actor: "maint", number, body: "/critical customers lose data" });
    expect(jobs).toHaveLength(1);
    const [job] = jobs;
    expect(job!.delivery).toMatchObject({ name: TIMER_EVENT, payload: { action: "critical-escalation", repository: { full_name: REPO }, issue: { number }, installation: { id: expect.any(Number) } } });
    expect(job!.runAt - before).toBeGreaterThanOrEqual(60 * 60_000);
    expect(job!.runAt - before).toBeLessThan(61 * 60_000);
    // Named after the /critical delivery: a redelivery of it asks for the same job, which the queue de-duplicates.
    expect(job!.delivery.id).toMatch(/^timer-critical-escalation-/);

    advance(61);
    await h.runtime.handle(job!.delivery);
    expect(escalations(h, number)).toHaveLength(1);
    expect(escalations(h, number)[0]?.body).toMatch(/^@acme\/help-p1 escalating/);
    expect(slack.posts.map((post) => JSON.parse(post).text)).toEqual([expect.stringContaining(`#${number}`)]);
    // Run twice (a redelivered job, a sweep after it): nothing more.
    await h.runtime.handle({ ...job!.delivery, id: `${job!.delivery.id}-replay` });
    expect(escalations(h, number)).toHaveLength(1);
    expect(slack.posts).toHaveLength(1);
  });

  it("the group's PM reacted 👍 to the checklist: no escalation", async () => {
    const { h, jobs, advance } = await world();
    const number = seedBug(h, ["bug", ":release", "#g-mdm"], ["mdm-em"]);
    await h.act("issue_comment.created", { actor: "maint", number, body: "/critical" });
    const checklist = h.issue(number).comments.find((c) => c.body.includes("<!-- bug-lifecycle:critical -->"))!;
    h.double.addToken("ghp_pm", "mdm-pm");
    const reacted = await h.double.fetch(`https://api.github.com/repos/${REPO}/issues/comments/${checklist.id}/reactions`, {
      method: "POST",
      headers: { authorization: "token ghp_pm", "content-type": "application/json" },
      body: JSON.stringify({ content: "+1" }),
    });
    expect(reacted.status).toBe(201);
    advance(61);
    const start = h.double.requests.length;
    await h.runtime.handle(jobs[0]!.delivery);
    // The job looked (it read the issue) and wrote nothing.
    const made = h.double.requests.slice(start).filter((r) => !r.path.endsWith("/access_tokens"));
    expect(made.length).toBeGreaterThan(0);
    expect(made.filter((r) => r.write)).toEqual([]);
    expect(escalations(h, number)).toEqual([]);
    expect(slack.posts).toEqual([]);
  });

  it("the job runs early (GitHub's clock ahead of ours): nothing now, one look again at the timeline's time", async () => {
    const { h, jobs, advance } = await world();
    const number = seedBug(h, ["bug", ":release", "#g-mdm"], ["mdm-em"]);
    await h.act("issue_comment.created", { actor: "maint", number, body: "/critical" });
    advance(30);
    await h.runtime.handle(jobs[0]!.delivery);
    expect(escalations(h, number)).toEqual([]);
    expect(jobs.map((job) => job.delivery.id)).toEqual([jobs[0]!.delivery.id, `${jobs[0]!.delivery.id}-again`]);
    advance(31);
    await h.runtime.handle(jobs[1]!.delivery);
    expect(escalations(h, number)).toHaveLength(1);
  });

  it("a person adding ~critical bug by hand schedules the job too; a bug already critical does not", async () => {
    const { h, jobs } = await world();
    const number = seedBug(h, ["bug", ":release", "#g-mdm"], ["mdm-em"]);
    await h.act("issues.labeled", { actor: "maint", number, label: "~critical bug" });
    expect(jobs).toHaveLength(1);
    await h.act("issue_comment.created", { actor: "maint", number, body: "/critical" });
    expect(jobs).toHaveLength(1);
  });
});
