//! Purpose: the built server in its production configuration: NODE_ENV=production, the sweep schedule on, Slack posts for /critical, config reloaded on push.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { daysAgo } from "../support/fixtures.js";
import { BOT, createWorld, eventually, REPO, type World } from "./support/world.js";

// The server reads the real clock.
const ago = (days: number, seconds = 0) => daysAgo(days, seconds, new Date());

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world?.stop());

function inboxBug(title = "Enrollment crashes"): number {
  return world.double.addIssue(REPO, { title, author: "reporter", labels: ["bug", ":reproduce"] }).number;
}

describe("the production server", () => {
  it("starts its sweep schedule (NODE_ENV=production, SWEEP_SCHEDULE set)", () => {
    expect(world.server.logs.find((l) => l.msg === "sweep scheduled")).toMatchObject({ schedule: "0 0 1 1 *", next: expect.stringMatching(/-01-01T/) });
  });

  it("/critical posts one Slack message to SLACK_WEBHOOK_URL, and a repeated /critical none", async () => {
    world.slack.length = 0;
    const number = inboxBug("Data loss on upgrade");
    const answer = await world.act("issue_comment.created", { actor: "maint", number, body: "/critical" });
    await world.settled();
    expect(answer.status).toBe(200);
    expect(world.slack).toEqual([
      {
        path: "POST /services/T000/B000/e2e",
        contentType: "application/json",
        body: { text: `🚨 Critical bug raised by maint: Data loss on upgrade https://github.com/${REPO}/issues/${number}` },
      },
    ]);
    const again = await world.act("issue_comment.created", { actor: "qa-lead", number, body: "/critical" });
    await world.settled();
    expect(again.status).toBe(200);
    expect(world.slack).toHaveLength(1);
    expect(world.issue(number).comments.filter((c) => c.author === BOT && c.body.includes("<!-- bug-lifecycle:critical -->"))).toHaveLength(1);
  });

  it("a push changing .github/bug-lifecycle.yml: the next command uses the new config", async () => {
    const file = ".github/bug-lifecycle.yml";
    const original = world.double.store.repo(REPO).files.get(file)!;
    try {
      const first = inboxBug();
      await world.act("issue_comment.created", { actor: "qa-lead", number: first, body: "/reproduced #g-mdm" });
      expect(world.issue(first).assignees).toEqual(["mdm-em"]);

      // The group gets a new EM. Without a push the server keeps its cached config (up to a minute).
      world.double.setFile(REPO, file, original.replace(/em: mdm-em/, "em: orch-em"));
      expect(world.double.store.repo(REPO).files.get(file)).not.toEqual(original);
      const cached = inboxBug();
      await world.act("issue_comment.created", { actor: "qa-lead", number: cached, body: "/reproduced #g-mdm" });
      expect(world.issue(cached).assignees).toEqual(["mdm-em"]);

      expect((await world.push([file])).status).toBe(200);
      const after = inboxBug();
      await world.act("issue_comment.created", { actor: "qa-lead", number: after, body: "/reproduced #g-mdm" });
      await world.settled();
      expect(world.issue(after).assignees).toEqual(["orch-em"]);
    } finally {
      world.double.setFile(REPO, file, original);
      await world.push([file]);
    }
  });

  it("a push that does not touch the config keeps the cache (no config read)", async () => {
    const number = inboxBug();
    await world.act("issue_comment.created", { actor: "qa-lead", number, body: "/reproduced #g-mdm" });
    await world.settled();
    world.double.resetRecords();
    expect((await world.push(["README.md"])).status).toBe(200);
    const next = inboxBug();
    await world.act("issue_comment.created", { actor: "qa-lead", number: next, body: "/reproduced #g-mdm" });
    expect(world.appRequests().filter((r) => r.path.includes("/contents/"))).toEqual([]);
  });
});

describe("the config check, through the built server", () => {
  it("a PR changing .github/bug-lifecycle.yml to an invalid file gets a failing check run on its head", async () => {
    const delivery = world.double.payload("pull_request.opened", { repo: REPO, actor: "dev-1", title: "Tune the process", body: "", files: { ".github/bug-lifecycle.yml": "groups:\n  '#g-mdm': { em: 3 }\n" } });
    expect((await world.server.send(delivery)).status).toBe(200);
    await world.settled();
    expect(world.double.checkRuns(REPO).filter((r) => r.headSha === delivery.payload.pull_request.head.sha)).toMatchObject([
      { name: "bug-lifecycle config", status: "completed", conclusion: "failure", output: { title: "1 error" } },
    ]);
  });
});

describe("the schedule, firing", () => {
  let ticking: World;
  beforeAll(async () => {
    // Every second (croner's six-field form): the server sweeps on its own, as it does hourly in production.
    ticking = await createWorld({ env: { SWEEP_SCHEDULE: "* * * * * *" } });
  });
  afterAll(() => ticking?.stop());

  it("sweeps without being asked: a due needs-info reminder is posted once, and later runs add nothing", async () => {
    const { number } = ticking.double.addIssue(REPO, {
      title: "Crash on login",
      author: "reporter",
      createdAt: ago(20),
      labels: ["bug", ":reproduce", "~needs info"],
      comments: [{ author: "qa-lead", body: "/needs-info", createdAt: ago(15) }],
      events: [{ kind: "labeled", actor: BOT, createdAt: ago(15, 1), label: "~needs info" }],
    });
    const reminders = () => ticking.issue(number).comments.filter((c) => c.author === BOT);
    await eventually(() => reminders().length > 0, "the scheduled sweep to post the reminder");
    const runs = ticking.server.logs.filter((l) => l.msg === "sweep done").length;
    // Two more completed runs (observed in the log, not slept for) find the marker and write nothing.
    await eventually(() => ticking.server.logs.filter((l) => l.msg === "sweep done").length >= runs + 2, "two more scheduled runs");
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]?.body).toContain("@reporter");
    expect(ticking.server.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });
});
