//! Purpose: the real server under concurrent deliveries on one issue, and the bot's own webhooks sent back to it (no loops).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PayloadName, PersonAction } from "@bug-lifecycle/github-double";
import { BOT, createWorld, REPO, type World } from "./support/world.js";

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world?.stop());

type Step = [PayloadName, Omit<PersonAction, "repo" | "number">];
const comment = (actor: string, body: string): Step => ["issue_comment.created", { actor, body }];
const label = (actor: string, name: string): Step => ["issues.labeled", { actor, label: name }];

describe("20 concurrent deliveries on one issue", () => {
  it("converge on one state, post each comment once, and never drop a label a person added meanwhile", async () => {
    const w = world;
    const number = w.double.addIssue(REPO, { title: "Crash", author: "reporter", labels: ["bug", "#g-mdm"], assignees: ["mdm-em"] }).number;
    // Every step is valid in every order, so the end state is known; label edits are built before any is handled.
    const first: Step[] = [
      comment("maint", "/critical"),
      comment("mdm-em", "/critical"),
      comment("product-head", "/critical"),
      comment("reporter", "/why"),
      comment("dev-1", "/why"),
      comment("maint", "/unreleased #g-mdm"),
      comment("mdm-em", "/unreleased"),
      label("mdm-em", ":release"),
      label("maint", "~critical bug"),
      comment("reporter", "me too, on 4.59"),
    ];
    const second: Step[] = [
      comment("qa-lead", "/critical"),
      comment("maint", "/critical"),
      comment("reporter", "/why"),
      comment("qa-lead", "/why"),
      comment("maint", "/group #g-mdm"),
      comment("qa-lead", "/unreleased"),
      label("maint", "+watch"),
      comment("someone", "any update?"),
      comment("product-head", "/critical\n/why"),
    ];
    const send = (steps: Step[]) => steps.map(([name, action]) => w.server.send(w.double.payload(name, { repo: REPO, number, ...action })));

    const answers = send(first);
    // A person's unrelated label lands while the bot is busy with the first ten.
    answers.push(w.server.send(w.double.payload("issues.labeled", { repo: REPO, number, actor: "reporter-friend", label: "customer-acme" })));
    answers.push(...send(second));
    expect(answers).toHaveLength(20);
    const statuses = (await Promise.all(answers)).map((a) => a.status);
    await w.settled();

    expect(statuses).toEqual(Array(20).fill(200));
    const issue = w.issue(number);
    expect(issue.labels.sort()).toEqual(["#g-mdm", "+watch", ":release", "bug", "customer-acme", "~critical bug", "~unreleased bug"].sort());
    expect(issue.assignees).toEqual(["mdm-em"]);
    const unlabeled = issue.events.filter((e) => e.kind === "unlabeled").map((e) => e.label);
    expect(unlabeled).toEqual([]);

    const bot = issue.comments.filter((c) => c.author === BOT);
    const markers = bot.map((c) => /<!-- bug-lifecycle:([^ :]+)/.exec(c.body)?.[1]);
    expect(markers.filter((m) => m === "critical")).toHaveLength(1);
    expect(markers.filter((m) => m === "why")).toHaveLength(5);
    expect(markers.filter((m) => m !== "critical" && m !== "why")).toEqual([]);
    for (const command of issue.comments.filter((c) => c.body.startsWith("/"))) {
      expect(command.reactions, command.body).toEqual([{ content: "+1", user: BOT }]);
    }
    expect(w.server.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });
});

describe("a marked comment under concurrency", () => {
  // Each delivery reads the issue's markers, then writes: without one-at-a-time handling per issue, five reads
  // can all pass before the first write lands (the checklist was posted four times before commit 0edb2a3).
  it("five concurrent /critical commands post the critical checklist once", async () => {
    const w = world;
    const number = w.double.addIssue(REPO, { title: "Crash", author: "reporter", labels: ["bug", "#g-mdm"], assignees: ["mdm-em"] }).number;
    const deliveries = ["maint", "mdm-em", "qa-lead", "product-head", "dev-1"].map((actor) =>
      w.double.payload("issue_comment.created", { repo: REPO, number, actor, body: "/critical" }),
    );
    const answers = await Promise.all(deliveries.map((d) => w.server.send(d)));
    await w.settled();
    expect(answers.map((a) => a.status)).toEqual(Array(5).fill(200));
    const critical = w.issue(number).comments.filter((c) => c.author === BOT && c.body.includes("<!-- bug-lifecycle:critical -->"));
    expect(critical).toHaveLength(1);
  });
});

/** What `/reproduced #g-mdm` then `/critical` on an inbox bug assigned to QA makes GitHub send. */
const CAUSED = [
  "issue_comment.created", // the critical checklist
  "issues.assigned", // mdm-em
  "issues.labeled", // #g-mdm
  "issues.labeled", // :release
  "issues.labeled", // ~critical bug
  "issues.unassigned", // qa-lead
  "issues.unlabeled", // :reproduce
];

describe("the bot's own webhooks", () => {
  it("are answered and ignored: no request, no write, no further webhook", async () => {
    const w = world;
    w.loopBack = false;
    try {
      const number = w.double.addIssue(REPO, { title: "Crash", author: "reporter", labels: ["bug", ":reproduce"], assignees: ["qa-lead"] }).number;
      w.double.resetRecords();
      const answer = await w.act("issue_comment.created", { actor: "qa-lead", number, body: "/reproduced #g-mdm\n/critical" });
      expect(answer.status).toBe(200);
      const requests = w.appRequests().length;
      const caused = [...w.double.webhooks];
      // Each write is a webhook GitHub sends to every app, this one included (a reaction causes none).
      expect(caused.map((d) => `${d.name}.${String(d.payload.action)}`).sort()).toEqual(CAUSED);
      expect(caused.every((d) => (d.payload.sender as { login: string }).login === BOT)).toBe(true);

      const answers = await Promise.all(caused.map((d) => w.server.send(d)));
      expect(answers.map((a) => a.status)).toEqual(caused.map(() => 200));
      await w.settled();
      expect(w.appRequests()).toHaveLength(requests);
      expect(w.double.webhooks).toHaveLength(caused.length);
    } finally {
      w.loopBack = true;
    }
  });

  it("looped back live, the webhooks settle", async () => {
    const w = world;
    const number = w.double.addIssue(REPO, { title: "Crash", author: "reporter", labels: ["bug", ":reproduce"] }).number;
    w.double.resetRecords();
    const before = w.botAnswers.length;
    await w.act("issue_comment.created", { actor: "qa-lead", number, body: "/needs-info which version?" });
    await w.settled();
    const writes = w.double.writes().length;
    expect(writes).toBe(1);
    expect(w.botAnswers.length - before).toBe(w.double.webhooks.length);
    expect(w.botAnswers.slice(before).every((a) => a.status === 200)).toBe(true);
    // The label the bot added comes back as `issues.labeled` by the bot: it must not ask again.
    expect(w.issue(number).comments.filter((c) => c.author === BOT)).toHaveLength(1);
  });
});
