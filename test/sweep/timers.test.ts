//! Purpose: each timer and repair end to end: seeded past → one sweep → what GitHub (the double) holds after; then idempotence.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { ago, BOT, CONFIG, createSweepHarness, needsInfoBug, NOW, REPO, reproducedBug, waitingPull } from "./sweep-harness.js";
import { escalatingConfig } from "../support/fleet.js";

const markerOf = (body: string) => /<!-- bug-lifecycle:([^ ]+) -->/.exec(body)?.[1];

describe("sweep: timers end to end", () => {
  it("needs-info: reminder at 14 days, mentioning the reporter; a second sweep writes nothing", async () => {
    const h = createSweepHarness();
    const { number } = h.double.addIssue(REPO, needsInfoBug(15));
    const summary = await h.sweep();
    expect(summary.actions).toEqual({ "needs-info-reminder": 1 });
    const comments = h.double.issue(REPO, number).comments.filter((c) => c.author === BOT);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain("@reporter");
    expect(markerOf(comments[0]?.body ?? "")).toBe(`needs-info-reminder:${new Date(ago(15)).toISOString()}`);
    expect(h.requests().filter((r) => r.write)).toHaveLength(1);

    const again = await h.sweep();
    expect(again.actions).toEqual({});
    expect(h.requests().filter((r) => r.write)).toHaveLength(0);
  });

  it("needs-info: closed as not planned at 28 days with a kind comment that saves labels for /reopen", async () => {
    const h = createSweepHarness();
    const asked = new Date(ago(29)).toISOString();
    const { number } = h.double.addIssue(
      REPO,
      needsInfoBug(29, { assignees: ["qa-lead"], comments: [{ author: BOT, body: `Reminder\n\n<!-- bug-lifecycle:needs-info-reminder:${asked} -->`, createdAt: ago(15) }] }),
    );
    await h.sweep();
    const issue = h.double.issue(REPO, number);
    expect(issue.state).toBe("closed");
    expect(issue.stateReason).toBe("not_planned");
    const close = issue.comments.at(-1)?.body ?? "";
    expect(close).toContain("/reopen");
    expect(close).toContain(`<!-- bug-lifecycle:needs-info-close:${asked} -->`);
    expect(close).toContain('<!-- bug-lifecycle-restore {"labels":["bug",":reproduce","~needs info"],"assignees":["qa-lead"]} -->');
    expect((await h.sweep()).writes).toBe(0);
  });

  it("a tracked (+) issue is reminded but never closed", async () => {
    const h = createSweepHarness();
    const { number } = h.double.addIssue(REPO, needsInfoBug(60, { labels: ["bug", ":reproduce", "~needs info", "+customer"] }));
    await h.sweep();
    await h.sweep({ now: new Date(Date.parse(ago(0)) + 30 * 86_400_000) });
    const issue = h.double.issue(REPO, number);
    expect(issue.state).toBe("open");
    expect(issue.comments.filter((c) => c.author === BOT).map((c) => markerOf(c.body)?.split(":")[0])).toEqual(["needs-info-reminder"]);
  });

  it("inbox SLA: QA is mentioned once after a business day, across the weekend", async () => {
    const h = createSweepHarness();
    // Opened Friday 10:00 in Los Angeles; due Monday 10:00, not Saturday.
    const { number } = h.double.addIssue(REPO, { author: "reporter", createdAt: "2026-11-13T18:00:00Z", labels: ["bug", ":reproduce"] });
    expect((await h.sweep({ now: new Date("2026-11-16T17:00:00Z") })).actions).toEqual({});
    expect((await h.sweep({ now: new Date("2026-11-16T18:30:00Z") })).actions).toEqual({ "inbox-sla": 1 });
    expect((await h.sweep()).actions).toEqual({});
    const posted = h.double.issue(REPO, number).comments.filter((c) => c.author === BOT);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.body).toContain("@qa-lead");
  });

  it("six-week rule: back to product with the PM assigned and the rule cited; a bot's label churn does not reset it", async () => {
    const h = createSweepHarness();
    const churn = [
      { kind: "unlabeled" as const, actor: "labeler[bot]", createdAt: ago(2), label: "#g-mdm" },
      { kind: "labeled" as const, actor: "labeler[bot]", createdAt: ago(2, 5), label: "#g-mdm" },
    ];
    const { number } = h.double.addIssue(REPO, reproducedBug(43, { events: churn }));
    const fresh = h.double.addIssue(REPO, reproducedBug(41)).number;
    const summary = await h.sweep();
    expect(summary.actions).toEqual({ "six-week-rule": 1 });
    const issue = h.double.issue(REPO, number);
    expect(issue.labels).toEqual(expect.arrayContaining([":product", "#g-mdm"]));
    expect(issue.assignees).toEqual(expect.arrayContaining(["mdm-pm"]));
    expect(issue.comments.at(-1)?.body).toContain("Six-week rule");
    expect(h.double.issue(REPO, fresh).labels).not.toContain(":product");
    expect((await h.sweep()).writes).toBe(0);
  });

  it("stale community PR: draft after 7 days waiting on the author, with a comment tagging them", async () => {
    const h = createSweepHarness();
    const { number } = h.double.addPull(REPO, waitingPull(8));
    const notYet = h.double.addPull(REPO, waitingPull(6)).number;
    const pushed = h.double.addPull(REPO, waitingPull(9, { commits: [{ author: "contributor", committedAt: ago(20) }, { author: "contributor", committedAt: ago(2) }] })).number;
    const ours = h.double.addPull(REPO, waitingPull(9, { author: "mdm-em", authorAssociation: "COLLABORATOR" })).number;
    const summary = await h.sweep();
    // `pushed` waits on us since the push: the response reminder (its own test below), not a draft.
    expect(summary.actions).toEqual({ "stale-pr-draft": 1, "pr-response": 1 });
    const pr = h.double.issue(REPO, number);
    expect(pr.draft).toBe(true);
    expect(pr.comments.at(-1)?.body).toContain("@contributor");
    for (const other of [notYet, pushed, ours]) expect(h.double.issue(REPO, other).draft).toBe(false);
    expect((await h.sweep()).writes).toBe(0);
  });

  it("community PR waiting on us: one reminder after a business day to its assignees, else the group's EM, else QA; again only in a new waiting period", async () => {
    const h = createSweepHarness();
    // Opened Friday 10:00 in Los Angeles by a contributor; nobody answered. Due Monday 10:00, not Saturday.
    const friday = "2026-11-13T18:00:00Z";
    const open = (extra: Partial<Parameters<typeof h.double.addPull>[1]> = {}) =>
      h.double.addPull(REPO, { author: "contributor", authorAssociation: "CONTRIBUTOR", createdAt: friday, commits: [{ author: "contributor", committedAt: friday }], ...extra }).number;
    const plain = open();
    const assigned = open({ assignees: ["maint"] });
    const grouped = open({ labels: ["#g-mdm"] });
    const draft = open({ draft: true });
    const answered = open({ comments: [{ author: "maint", body: "Looking at it", createdAt: "2026-11-16T17:00:00Z" }] });
    const ours = open({ author: "mdm-em", authorAssociation: "COLLABORATOR" });
    const reviewers = open({ labels: ["#g-mdm"], reviewRequests: ["orch-em", "acme/core"] });
    expect((await h.sweep({ now: new Date("2026-11-16T17:59:00Z") })).actions).toEqual({});
    expect((await h.sweep({ now: new Date("2026-11-16T18:30:00Z") })).actions).toEqual({ "pr-response": 4 });
    // Requested reviewers (a person and a team) come before the group's EM.
    expect(h.double.issue(REPO, reviewers).comments.filter((c) => c.author === BOT).map((c) => c.body)).toEqual([expect.stringMatching(/@orch-em @acme\/core(?![\s\S]*@mdm-em)/)]);
    const posted = (n: number) => h.double.issue(REPO, n).comments.filter((c) => c.author === BOT);
    expect(posted(plain).map((c) => c.body)).toEqual([expect.stringContaining("@qa-lead")]);
    expect(markerOf(posted(plain)[0]?.body ?? "")).toBe(`pr-response:${new Date(friday).toISOString()}`);
    expect(posted(assigned)[0]?.body).toContain("@maint");
    expect(posted(grouped)[0]?.body).toContain("@mdm-em");
    for (const quiet of [draft, answered, ours]) expect(posted(quiet)).toEqual([]);
    expect((await h.sweep({ now: new Date("2026-11-17T18:30:00Z") })).writes).toBe(0);

    // A maintainer answers, the contributor pushes again: a new waiting period, a new reminder. (The
    // double stamps the bot's comments at NOW, Wednesday 17:00 UTC, so the new period starts after it.)
    h.double.addComment(REPO, plain, { author: "maint", body: "Please add a test", createdAt: "2026-11-18T18:00:00Z" });
    h.double.addCommit(REPO, plain, { author: "contributor", committedAt: "2026-11-19T16:00:00Z" });
    expect((await h.sweep({ now: new Date("2026-11-20T15:00:00Z") })).actions).toEqual({});
    expect((await h.sweep({ now: new Date("2026-11-20T16:30:00Z") })).actions).toEqual({ "pr-response": 1 });
    expect(posted(plain).map((c) => markerOf(c.body))).toEqual([`pr-response:${new Date(friday).toISOString()}`, "pr-response:2026-11-19T16:00:00.000Z"]);
    expect((await h.sweep({ now: new Date("2026-11-23T16:30:00Z") })).writes).toBe(0);
  });

  it("community PR: the contributor re-requesting review after a maintainer's review restarts the wait (the double's webhook, the sweep's timeline)", async () => {
    const h = createSweepHarness();
    const monday = "2026-11-16T17:00:00Z";
    const pr = h.double.addPull(REPO, {
      author: "contributor",
      authorAssociation: "CONTRIBUTOR",
      createdAt: "2026-11-09T17:00:00Z",
      commits: [{ author: "contributor", committedAt: "2026-11-09T17:00:00Z" }],
      reviews: [{ author: "maint", state: "COMMENTED", submittedAt: "2026-11-12T17:00:00Z" }],
    }).number;
    // Without the re-request the maintainer spoke last: waiting on the author, no reminder to us.
    expect((await h.sweep({ now: new Date("2026-11-16T16:00:00Z") })).actions).toEqual({});
    const hook = h.double.payload("pull_request.review_requested", { repo: REPO, actor: "contributor", number: pr, reviewers: ["maint"], at: monday });
    expect(hook.payload).toMatchObject({ action: "review_requested", requested_reviewer: { login: "maint" }, sender: { login: "contributor" } });
    expect((await h.sweep({ now: new Date("2026-11-17T16:59:00Z") })).actions).toEqual({});
    expect((await h.sweep({ now: new Date("2026-11-17T17:30:00Z") })).actions).toEqual({ "pr-response": 1 });
    const posted = h.double.issue(REPO, pr).comments.filter((c) => c.author === BOT);
    expect(posted.map((c) => markerOf(c.body))).toEqual([`pr-response:${new Date(monday).toISOString()}`]);
    expect(posted[0]?.body).toContain("@maint");
  });

  it("critical bug nobody in product confirmed: one escalation comment after 60 minutes and one POST to SLACK_ESCALATION_WEBHOOK_URL; re-derived by a later sweep, never twice", async () => {
    const posts: string[] = [];
    const slack = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        posts.push(body);
        response.end("ok");
      });
    });
    await new Promise<void>((resolve) => slack.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(slack.address() as AddressInfo).port}/hook`;
      const h = createSweepHarness({ config: escalatingConfig(["@acme/help-p1"], undefined, CONFIG), env: { SLACK_ESCALATION_WEBHOOK_URL: url } });
      const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
      // The webhook handled `/critical` (its 👍 is on it): the sweep's rule "re-run unanswered commands" leaves it.
      const critical = (extra: { comments?: { author: string; body: string; createdAt: string }[] } = {}) =>
        h.double.addIssue(REPO, {
          author: "reporter",
          createdAt: ago(2),
          labels: ["bug", ":release", "#g-mdm", "~critical bug"],
          assignees: ["mdm-em"],
          comments: [{ author: "mdm-em", body: "/critical", createdAt: NOW.toISOString(), reactions: [{ content: "+1", user: BOT }] }, ...(extra.comments ?? [])],
          events: [{ kind: "labeled", actor: BOT, createdAt: new Date(NOW.getTime() + 1000).toISOString(), label: "~critical bug" }],
        }).number;
      const silent = critical();
      const confirmed = critical({ comments: [{ author: "mdm-pm", body: "Confirmed, expected: no crash", createdAt: at(20).toISOString() }] });
      // The PM's 👍 on the bot's checklist confirms as well as a comment; an engineer's does not.
      const checklist = (user: string) => ({ author: BOT, body: "Checklist\n<!-- bug-lifecycle:critical -->", createdAt: at(0.1).toISOString(), reactions: [{ content: "+1" as const, user, createdAt: at(10).toISOString() }] });
      const reacted = critical({ comments: [checklist("mdm-pm")] });
      const engineer = critical({ comments: [checklist("mdm-em")] });
      expect((await h.sweep({ now: at(59) })).actions).toEqual({});
      expect((await h.sweep({ now: at(61) })).actions).toEqual({ "critical-escalation": 2 });
      const posted = h.double.issue(REPO, silent).comments.filter((c) => c.author === BOT);
      expect(posted).toHaveLength(1);
      expect(h.double.issue(REPO, reacted).comments.filter((c) => c.author === BOT)).toHaveLength(1);
      expect(h.double.issue(REPO, engineer).comments.filter((c) => c.author === BOT)).toHaveLength(2);
      expect(posted[0]?.body).toContain("@acme/help-p1");
      expect(markerOf(posted[0]?.body ?? "")).toBe(`critical-escalation:${NOW.toISOString()}`);
      expect(h.double.issue(REPO, confirmed).comments.filter((c) => c.author === BOT)).toEqual([]);
      expect(posts).toHaveLength(2);
      expect(posts.map((post) => JSON.parse(post).text)).toEqual(expect.arrayContaining([expect.stringContaining(`#${silent}`), expect.stringContaining(`#${engineer}`)]));
      // A restarted server's next tick: the marker on the issue is the memory.
      expect((await h.sweep({ now: at(75) })).writes).toBe(0);
      expect(posts).toHaveLength(2);
    } finally {
      slack.close();
    }
  });

  it("stale community PR: closed after 365 days without an update by its author", async () => {
    const h = createSweepHarness();
    const { number } = h.double.addPull(REPO, {
      author: "contributor",
      createdAt: ago(400),
      draft: true,
      commits: [{ author: "contributor", committedAt: ago(400) }],
      comments: [{ author: "maint", body: "Any news?", createdAt: ago(3) }],
    });
    await h.sweep();
    const pr = h.double.issue(REPO, number);
    expect(pr.state).toBe("closed");
    expect(pr.comments.at(-1)?.body).toContain("@contributor");
    expect((await h.sweep()).writes).toBe(0);
  });

  it("repair: two state labels resolved the way the webhook would have (the label added last wins)", async () => {
    const h = createSweepHarness();
    const { number } = h.double.addIssue(REPO, {
      author: "reporter",
      createdAt: ago(10),
      labels: ["bug", ":reproduce", ":release", "#g-mdm"],
      events: [{ kind: "labeled", actor: "maint", createdAt: ago(1), label: ":release" }],
    });
    const orphan = h.double.addIssue(REPO, { author: "reporter", createdAt: ago(3), labels: ["bug"] }).number;
    const summary = await h.sweep();
    expect(summary.actions).toEqual({ repair: 1 });
    expect(summary.orphans).toEqual({ [REPO]: [orphan] });
    const issue = h.double.issue(REPO, number);
    expect(issue.labels).not.toContain(":reproduce");
    expect(issue.assignees).toEqual(["mdm-em"]);
    expect(h.double.issue(REPO, orphan).labels).toEqual(["bug"]);
    expect((await h.sweep()).writes).toBe(0);
  });
});
