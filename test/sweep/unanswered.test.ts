//! Purpose: the sweep re-runs command comments the bot never answered (a run GitHub cancelled, a lost webhook) through the webhook's handler, once, on the double.
import { describe, expect, it } from "vitest";
import type { IssueSeed } from "@bug-lifecycle/github-double";
import { ago, BOT, createSweepHarness, REPO } from "./sweep-harness.js";

const MINUTE = 60_000 / 86_400_000; // in days, for ago()

/** A new bug in the inbox: the bot put `:reproduce` on it when it was filed, two hours ago. */
function inboxBug(comments: IssueSeed["comments"] = []): IssueSeed {
  return {
    title: "MDM profile fails to install",
    author: "reporter",
    createdAt: ago(120 * MINUTE),
    labels: ["bug", ":reproduce"],
    events: [
      { kind: "labeled", actor: "reporter", createdAt: ago(120 * MINUTE), label: "bug" },
      { kind: "labeled", actor: BOT, createdAt: ago(120 * MINUTE, 1), label: ":reproduce" },
    ],
    comments,
  };
}

const thumbsBy = (comment: { reactions: { content: string; user: string }[] }) => comment.reactions.filter((r) => r.content === "+1").map((r) => r.user);

describe("sweep: unanswered commands run again", () => {
  it("a command comment with no answer is handled once, as its webhook would have; a second sweep does nothing", async () => {
    const h = createSweepHarness();
    const { number } = h.double.addIssue(REPO, inboxBug([{ author: "qa-lead", body: "/reproduced #g-mdm", createdAt: ago(30 * MINUTE) }]));

    const first = await h.sweep();
    const issue = h.double.issue(REPO, number);
    expect(issue.labels.sort()).toEqual(["#g-mdm", "bug"]);
    expect(issue.assignees).toEqual(["mdm-em"]);
    expect(thumbsBy(issue.comments[0]!)).toEqual([BOT]);
    expect(first.actions["unanswered-command"]).toBe(1);
    // The permission check of a webhook's command ran (qa-lead is confirmed a maintainer, not trusted by association).
    expect(h.requests().some((r) => r.path.endsWith("/collaborators/qa-lead/permission"))).toBe(true);

    const second = await h.sweep();
    expect(second.actions["unanswered-command"]).toBeUndefined();
    expect(h.requests().filter((r) => r.write)).toEqual([]);
    expect(thumbsBy(h.double.issue(REPO, number).comments[0]!)).toEqual([BOT]);
  });

  it("runs before the timers: a bug an unanswered /reproduced moved out of the inbox gets no inbox reminder", async () => {
    const h = createSweepHarness();
    // Filed three days ago (past the inbox's one business day); QA's /reproduced two hours ago never ran.
    const old = { ...inboxBug([{ author: "qa-lead", body: "/reproduced #g-mdm", createdAt: ago(120 * MINUTE) }]), createdAt: ago(3) };
    old.events = [
      { kind: "labeled", actor: "reporter", createdAt: ago(3), label: "bug" },
      { kind: "labeled", actor: BOT, createdAt: ago(3, 1), label: ":reproduce" },
    ];
    const { number } = h.double.addIssue(REPO, old);
    const summary = await h.sweep();
    expect(summary.actions["unanswered-command"]).toBe(1);
    expect(summary.actions["inbox-sla"]).toBeUndefined();
    const issue = h.double.issue(REPO, number);
    expect(issue.labels.sort()).toEqual(["#g-mdm", "bug"]);
    expect(issue.comments.filter((c) => c.author === BOT)).toEqual([]);
  });

  it("an acknowledged command (the bot's 👍) is not run again", async () => {
    const h = createSweepHarness();
    // The bot answered /needs-info with its 👍 and the label, then a person took the label off by hand.
    const { number } = h.double.addIssue(REPO, inboxBug([
      { author: "qa-lead", body: "/needs-info", createdAt: ago(30 * MINUTE), reactions: [{ content: "+1", user: BOT }] },
    ]));
    const summary = await h.sweep();
    expect(summary.actions["unanswered-command"]).toBeUndefined();
    const issue = h.double.issue(REPO, number);
    expect(issue.labels).not.toContain("~needs info");
    expect(issue.comments).toHaveLength(1);
  });

  it("a refused command (the bot's reply names it) is not run again; another person's 👍 is no acknowledgement", async () => {
    const h = createSweepHarness();
    const { number } = h.double.addIssue(REPO, inboxBug([
      { author: "qa-lead", body: "/release", createdAt: ago(40 * MINUTE) },
      { author: "maint", body: "/reproduced #g-mdm", createdAt: ago(35 * MINUTE), reactions: [{ content: "+1", user: "mdm-em" }] },
    ]));
    const [release] = h.double.issue(REPO, number).comments;
    h.double.addComment(REPO, number, { author: BOT, body: `\`/release\` applies to reproduced.\n\n<!-- bug-lifecycle:reply:${release!.id} -->`, createdAt: ago(39 * MINUTE) });

    const summary = await h.sweep();
    expect(summary.actions["unanswered-command"]).toBe(1);
    const issue = h.double.issue(REPO, number);
    // /reproduced ran; /release was not run a second time (it would be refused again: one more reply).
    expect(issue.labels.sort()).toEqual(["#g-mdm", "bug"]);
    expect(issue.comments.filter((c) => c.author === BOT)).toHaveLength(1);
    expect(thumbsBy(issue.comments[1]!).sort()).toEqual([BOT, "mdm-em"].sort());
  });

  it("a bot's comment is never run, whichever bot wrote it", async () => {
    const h = createSweepHarness();
    h.double.addUser("renovate[bot]", "Bot");
    const { number } = h.double.addIssue(REPO, inboxBug([
      { author: BOT, body: "/reproduced #g-mdm", createdAt: ago(30 * MINUTE) },
      { author: "renovate[bot]", body: "/product", createdAt: ago(25 * MINUTE) },
    ]));
    const summary = await h.sweep();
    expect(summary.actions["unanswered-command"]).toBeUndefined();
    expect(h.double.issue(REPO, number).labels.sort()).toEqual([":reproduce", "bug"]);
    expect(h.requests().filter((r) => r.write)).toEqual([]);
  });

  it("leaves a comment younger than 10 minutes to its own run, and one older than a day alone", async () => {
    const h = createSweepHarness();
    const fresh = h.double.addIssue(REPO, inboxBug([{ author: "qa-lead", body: "/reproduced #g-mdm", createdAt: ago(5 * MINUTE) }]));
    const old = h.double.addIssue(REPO, inboxBug([{ author: "qa-lead", body: "/reproduced #g-mdm", createdAt: ago(25 * 60 * MINUTE) }]));
    await h.sweep();
    expect(h.double.issue(REPO, fresh.number).labels).toContain(":reproduce");
    expect(h.double.issue(REPO, old.number).labels).toContain(":reproduce");
  });

  it("several unanswered comments on one issue run oldest first, each on the state the previous left; `/reopen` on a closed issue too", async () => {
    const h = createSweepHarness();
    const { number } = h.double.addIssue(REPO, inboxBug([
      { author: "qa-lead", body: "/reproduced #g-mdm", createdAt: ago(50 * MINUTE) },
      { author: "maint", body: "/release", createdAt: ago(40 * MINUTE) },
    ]));
    const closed = h.double.addIssue(REPO, {
      title: "Closed by a person",
      author: "reporter",
      state: "closed",
      closedBy: "maint",
      createdAt: ago(3),
      labels: ["bug", "#g-mdm"],
      comments: [{ author: "maint", body: "/reopen", createdAt: ago(30 * MINUTE) }],
    });
    const summary = await h.sweep();
    expect(summary.actions["unanswered-command"]).toBe(3);
    expect(h.double.issue(REPO, number).labels.sort()).toEqual(["#g-mdm", ":release", "bug"]);
    expect(h.double.issue(REPO, closed.number).state).toBe("open");
  });

  it("dry run: says which commands it would run again, and writes nothing", async () => {
    const h = createSweepHarness();
    const { number } = h.double.addIssue(REPO, inboxBug([{ author: "qa-lead", body: "/reproduced #g-mdm", createdAt: ago(30 * MINUTE) }]));
    const summary = await h.sweep({ dryRun: true });
    expect(summary.actions["unanswered-command"]).toBe(1);
    expect(h.requests().filter((r) => r.write)).toEqual([]);
    expect(h.double.issue(REPO, number).labels).toContain(":reproduce");
    expect(h.logs.some((line) => line.msg === "sweep: would run unanswered commands again (dry run)")).toBe(true);
  });

  it("costs no request of its own: the recent talk rides in the bulk read", async () => {
    const h = createSweepHarness();
    h.double.addIssue(REPO, inboxBug([{ author: "qa-lead", body: "thanks", createdAt: ago(30 * MINUTE) }]));
    await h.sweep();
    // The bulk read (bugs, PRs and the recent talk in one document) and the closed-by-merge repair's read: no more.
    const graphql = h.requests().filter((r) => r.kind === "graphql");
    expect(graphql.map((r) => r.operationNames)).toEqual([["repository"], ["repository"]]);
  });
});
