//! Purpose: the bulk read turns GitHub's GraphQL answers into the facts clocks use (who, when, what), in ⌈N/100⌉ pages.
import { Probot, ProbotOctokit } from "probot";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { readItem, readRepo } from "../../src/github/bulk-read.js";
import { IdBook } from "../../src/github/ids.js";
import { defaultConfig } from "../../src/lifecycle/config.js";
import { ago, BOT, createSweepHarness, privateKey, REPO } from "./sweep-harness.js";

async function read(h: ReturnType<typeof createSweepHarness>) {
  const fetch = h.double.fetch;
  const Octokit = ProbotOctokit.defaults((defaults: Record<string, unknown>) => ({ ...defaults, retry: { enabled: false }, throttle: { enabled: false }, request: { fetch } }));
  const probot = new Probot({ appId: h.double.appId, privateKey, Octokit, log: pino({ level: "silent" }), request: { fetch } });
  const octokit = await probot.auth(1);
  const ids = new IdBook();
  return { ...(await readRepo(octokit, { owner: "acme", name: "app" }, defaultConfig, ids)), ids };
}

async function readOne(h: ReturnType<typeof createSweepHarness>, number: number) {
  const fetch = h.double.fetch;
  const Octokit = ProbotOctokit.defaults((defaults: Record<string, unknown>) => ({ ...defaults, retry: { enabled: false }, throttle: { enabled: false }, request: { fetch } }));
  const probot = new Probot({ appId: h.double.appId, privateKey, Octokit, log: pino({ level: "silent" }), request: { fetch } });
  return readItem(await probot.auth(1), h.double.issue(REPO, number).nodeId, new IdBook());
}

describe("bulk read", () => {
  it("reads facts with people and bots told apart, commands and markers, PR commits and reviews", async () => {
    const h = createSweepHarness();
    const bug = h.double.addIssue(REPO, {
      author: "reporter",
      createdAt: ago(10),
      labels: ["bug", ":reproduce", "~needs info"],
      comments: [
        { author: "qa-lead", body: "Can you share logs?\n/needs-info", createdAt: ago(5) },
        { author: BOT, body: "Reminder\n<!-- bug-lifecycle:needs-info-reminder:x -->", createdAt: ago(1) },
      ],
      events: [{ kind: "labeled", actor: BOT, createdAt: ago(5, 1), label: "~needs info" }],
    }).number;
    const pr = h.double.addPull(REPO, {
      author: "contributor",
      authorAssociation: "CONTRIBUTOR",
      createdAt: ago(20),
      commits: [{ author: "contributor", committedAt: ago(20) }, { author: null, committedAt: ago(15) }],
      reviews: [{ author: "maint", state: "CHANGES_REQUESTED", submittedAt: ago(12) }],
    }).number;
    const { snapshot, requests, ids } = await read(h);
    // One GraphQL page, and the one REST listing of the bugs by type (docs/issue-types.md).
    expect(requests).toBe(2);
    const issue = snapshot.items.find((item) => item.number === bug)!;
    expect(issue).toMatchObject({ isPullRequest: false, author: "reporter", authorIsBot: false, markers: ["needs-info-reminder:x"], timelineStart: null });
    expect(issue.timeline.map((f) => [f.kind, f.actor, f.actorIsBot, f.label ?? f.commands?.join() ?? f.markers?.join()])).toEqual([
      ["labeled", "reporter", false, "bug"],
      ["labeled", "reporter", false, ":reproduce"],
      ["commented", "qa-lead", false, "needs-info"],
      ["labeled", BOT, true, "~needs info"],
      ["commented", BOT, true, "needs-info-reminder:x"],
    ]);
    const pull = snapshot.items.find((item) => item.number === pr)!;
    expect(pull).toMatchObject({ isPullRequest: true, isDraft: false, authorAssociation: "CONTRIBUTOR" });
    expect(pull.timeline.map((f) => [f.kind, f.actor, f.reviewState ?? null, f.association ?? null])).toEqual([
      ["committed", "contributor", null, null],
      ["committed", null, null, null],
      ["reviewed", "maint", "CHANGES_REQUESTED", "COLLABORATOR"],
    ]);
    expect(ids.issues.get(bug)).toBe(h.double.issue(REPO, bug).nodeId);
  });

  it("reads a PR's pending review requests (people and teams) and the author's re-request; reactions to the bot's comments", async () => {
    const h = createSweepHarness();
    const pr = h.double.addPull(REPO, {
      author: "contributor",
      createdAt: ago(6),
      reviewRequests: ["maint", "acme/core"],
      events: [{ kind: "review_requested", actor: "contributor", createdAt: ago(2), requestedReviewer: { kind: "User", name: "maint" } }],
    }).number;
    const bug = h.double.addIssue(REPO, {
      author: "reporter",
      createdAt: ago(1),
      labels: ["bug", ":release", "~critical bug"],
      comments: [
        { author: BOT, body: "Checklist\n<!-- bug-lifecycle:critical -->", createdAt: ago(0.5), reactions: [{ content: "+1", user: "mdm-pm", createdAt: ago(0.4) }] },
        { author: "dev-1", body: "on it", createdAt: ago(0.3), reactions: [{ content: "heart", user: "mdm-pm", createdAt: ago(0.2) }] },
      ],
    }).number;
    const { snapshot } = await read(h);
    const pull = snapshot.items.find((item) => item.number === pr)!;
    expect(pull.requestedReviewers).toEqual(["maint", "acme/core"]);
    expect(pull.timeline.filter((f) => f.kind === "review-requested").map((f) => [f.actor, f.reviewer, Date.parse(f.at)])).toEqual([
      ["contributor", "acme/core", Date.parse(ago(6))],
      ["contributor", "maint", Date.parse(ago(2))],
    ]);
    // The bulk read leaves reactions out (they would multiply its cost); the re-check of one item has them:
    // only reactions to the bot's comments are facts, each with the markers of what was reacted to.
    expect(snapshot.items.find((item) => item.number === bug)!.timeline.filter((f) => f.kind === "reacted")).toEqual([]);
    const fresh = await readOne(h, bug);
    expect(fresh?.timeline.filter((f) => f.kind === "reacted").map((f) => [f.actor, f.reaction, f.markers])).toEqual([["mdm-pm", "THUMBS_UP", ["critical"]]]);
  });

  it("marks where a long timeline was cut, so clocks never start before what was read", async () => {
    const h = createSweepHarness();
    const comments = Array.from({ length: 40 }, (_, i) => ({ author: "stranger", body: `+1 (${i})`, createdAt: ago(40 - i) }));
    h.double.addIssue(REPO, { author: "reporter", createdAt: ago(50), labels: ["bug", ":reproduce"], comments });
    const { snapshot } = await read(h);
    expect(snapshot.items[0]?.timelineStart).toBe(new Date(ago(30)).toISOString());
    expect(snapshot.items[0]?.eventsStart).toBeNull();
    expect(snapshot.items[0]?.timeline.filter((f) => f.kind === "commented")).toHaveLength(30);
  });

  it("pages 100 bugs and 100 PRs per request", async () => {
    const h = createSweepHarness();
    for (let i = 0; i < 230; i++) h.double.addIssue(REPO, { author: "reporter", authorAssociation: "NONE", createdAt: ago(1), labels: ["bug", ":reproduce"] });
    for (let i = 0; i < 120; i++) h.double.addPull(REPO, { author: "contributor", authorAssociation: "NONE", createdAt: ago(1) });
    h.double.addIssue(REPO, { author: "reporter", labels: ["question"] });
    const { snapshot, requests } = await read(h);
    // ⌈230/100⌉ GraphQL pages, and one REST listing of the bugs by type (none here: nothing more to read).
    expect(requests).toBe(4);
    expect(snapshot.items.filter((item) => !item.isPullRequest)).toHaveLength(230);
    expect(snapshot.items.filter((item) => item.isPullRequest)).toHaveLength(120);
  });
});
