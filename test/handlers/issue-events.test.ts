//! Purpose: the webhook path end to end against the GitHub double: real payload shapes, real requests, final state.
import pino from "pino";
import { describe, expect, it } from "vitest";
import { createRuntime } from "../../src/runtime/runtime.js";
import { createHarness, REPO, seedBug } from "../support/app-harness.js";

describe("issues and comments through the app", () => {
  it("a community bug gets :reproduce and one acknowledgement, in one write", async () => {
    const h = await createHarness();
    const counts = await h.act("issues.opened", { actor: "reporter", labels: ["bug"], title: "Crash" });
    const issue = h.issue(1);
    expect(issue.labels.sort()).toEqual([":reproduce", "bug"]);
    expect(issue.comments.map((c) => c.author)).toEqual(["bug-lifecycle[bot]"]);
    expect(issue.comments[0]?.body).toContain("@reporter");
    expect(counts.writes).toBe(1);
    // A new issue has no comments, hence no markers: its fresh read is the issue alone.
    expect(counts.requests.filter((r) => r.path.startsWith("/repos/acme/app/issues/1")).map((r) => `${r.method} ${r.path}`)).toEqual(["GET /repos/acme/app/issues/1"]);
  });

  it("/reproduced #g-mdm: labels, EM, QA unassigned and a 👍, in one write", async () => {
    const h = await createHarness();
    const number = seedBug(h, ["bug", ":reproduce"], ["qa-lead"]);
    const counts = await h.act("issue_comment.created", { actor: "qa-lead", number, body: "/reproduced #g-mdm" });
    const issue = h.issue(number);
    expect(issue.labels.sort()).toEqual(["#g-mdm", "bug"]);
    expect(issue.assignees).toEqual(["mdm-em"]);
    expect(issue.comments.at(-1)?.reactions).toEqual([{ content: "+1", user: "bug-lifecycle[bot]" }]);
    expect(counts.writes).toBe(1);
  });

  it("completes a half-done hand edit in one write", async () => {
    const h = await createHarness();
    const number = seedBug(h, ["bug", ":reproduce", "#g-mdm"], ["qa-lead"]);
    const counts = await h.act("issues.unlabeled", { actor: "qa-lead", number, label: ":reproduce" });
    expect(h.issue(number).assignees).toEqual(["mdm-em"]);
    expect(counts.writes).toBe(1);
  });

  it("a no-op event costs no request at all", async () => {
    const h = await createHarness();
    const number = seedBug(h, ["bug", ":reproduce"]);
    const counts = await h.act("issue_comment.created", { actor: "someone", number, body: "me too" });
    expect(counts.reads + counts.writes).toBe(0);
  });

  it("the same delivery twice writes once", async () => {
    const h = await createHarness();
    const number = seedBug(h, ["bug", ":reproduce"]);
    const delivery = h.double.payload("issue_comment.created", { repo: REPO, actor: "maint", number, body: "/reproduced #g-mdm" });
    const first = await h.receive(delivery);
    const second = await h.receive(structuredClone(delivery));
    expect(first.writes).toBe(1);
    expect(second.reads + second.writes).toBe(0);
  });

  it("a replayed comment after a restart (new process, cold caches, same payload) writes nothing new", async () => {
    const h = await createHarness();
    const number = seedBug(h, ["bug", ":reproduce"]);
    const delivery = h.double.payload("issue_comment.created", { repo: REPO, actor: "maint", number, body: "/critical" });
    expect((await h.receive(delivery)).writes).toBe(1);
    const before = structuredClone(h.issue(number));
    await h.restart();
    const again = await h.receive({ ...structuredClone(delivery), id: "redelivered-with-new-id" });
    // The new process knows nothing of the first delivery: the markers and labels on GitHub are its memory.
    expect(again.requests.filter((r) => !r.write).map((r) => r.path)).toContain(`/repos/acme/app/issues/${number}/comments`);
    // Only the 👍 is sent again, and GitHub keeps one reaction per person and content: nothing changes.
    expect(again.requests.filter((r) => r.write).map((r) => r.operationNames)).toEqual([["addReaction"]]);
    expect(h.issue(number)).toEqual(before);
  });

  it("with a personal token, the fresh read knows the token's own comments as the bot's: a replayed /critical posts no second checklist", async () => {
    const h = await createHarness();
    h.double.addToken("ghp_lifecycle", "lifecycle-bot");
    h.double.addCollaborator(REPO, "lifecycle-bot", "write");
    const number = seedBug(h, ["bug", "#g-mdm"]);
    const delivery = h.double.payload("issue_comment.created", { repo: REPO, actor: "maint", number, body: "/critical" });
    // Each run a new process (cold caches, no memory of the delivery), as a CLI or an Action run with a PAT is.
    const run = (id: string) => createRuntime({ env: { GITHUB_TOKEN: "ghp_lifecycle" }, fetch: h.double.fetch, log: pino({ level: "silent" }) }).handle({ ...structuredClone(delivery), id });
    await run("first");
    const checklists = () => h.issue(number).comments.filter((c) => c.body.includes("<!-- bug-lifecycle:critical -->"));
    expect(checklists().map((c) => c.author)).toEqual(["lifecycle-bot"]);
    await run("redelivered");
    expect(checklists()).toHaveLength(1);
  });

  it("a burst of concurrent /critical comments posts the checklist once", async () => {
    const h = await createHarness();
    const number = seedBug(h, ["bug", "#g-mdm"]);
    const deliveries = ["maint", "qa-lead", "mdm-em", "mdm-pm", "maint"].map((actor) =>
      h.double.payload("issue_comment.created", { repo: REPO, actor, number, body: "/critical" }),
    );
    await Promise.all(deliveries.map((delivery) => h.receive(delivery)));
    const checklists = h.issue(number).comments.filter((c) => c.body.includes("<!-- bug-lifecycle:critical -->"));
    expect(checklists).toHaveLength(1);
    expect(h.issue(number).labels.sort()).toEqual([":release", "#g-mdm", "bug", "~critical bug"].sort());
  });

  it("/why names the next timer from the timeline (the six-week rule of a reproduced bug)", async () => {
    // A fixed clock far from today's: an app reading the real clock would call the timer long overdue.
    const now = new Date("2024-03-01T12:00:00Z");
    const h = await createHarness({ now: () => now });
    const day = 24 * 60 * 60 * 1000;
    const reproduced = new Date(now.getTime() - 10 * day);
    const { number } = h.double.addIssue(REPO, {
      author: "reporter",
      labels: ["bug", "#g-mdm"],
      assignees: ["mdm-em"],
      createdAt: new Date(now.getTime() - 20 * day).toISOString(),
      events: [{ kind: "labeled", label: "#g-mdm", actor: "qa-lead", createdAt: reproduced.toISOString() }],
    });
    const counts = await h.act("issue_comment.created", { actor: "someone", number, body: "/why" });
    // One GraphQL read has the timeline, the labels and the markers: no REST read of the issue besides.
    expect(counts.requests.filter((r) => r.path.startsWith(`/repos/acme/app/issues/${number}`))).toEqual([]);
    expect(counts.requests.filter((r) => r.kind === "graphql").map((r) => r.operationNames)).toEqual([["node"], ["addComment", "addReaction"]]);
    const answer = h.issue(number).comments.at(-1)?.body ?? "";
    expect(answer).toContain("`reproduced` in `#g-mdm`");
    expect(answer).toContain("`six-week-rule` on");
    expect(answer).toContain("`six-week-rule` on 2024-04-02");
    expect(new Date(reproduced.getTime() + 42 * day).toISOString().slice(0, 10)).toBe("2024-04-02");
  });

  it("a non-maintainer gets one refusal and nothing changes", async () => {
    const h = await createHarness();
    const number = seedBug(h, ["bug", ":reproduce"]);
    await h.act("issue_comment.created", { actor: "reader", number, body: "/reproduced #g-mdm" });
    const issue = h.issue(number);
    expect(issue.labels.sort()).toEqual([":reproduce", "bug"]);
    expect(issue.comments.filter((c) => c.author === "bug-lifecycle[bot]")).toHaveLength(1);
    expect(issue.comments.at(-1)?.body).toContain("maintainers");
  });

  it("the triage role counts as a maintainer; author_association alone does not", async () => {
    const h = await createHarness();
    const number = seedBug(h, ["bug", ":reproduce"]);
    await h.act("issue_comment.created", { actor: "triager", number, body: "/reproduced #g-mdm" });
    expect(h.issue(number).labels).toContain("#g-mdm");
  });

  it("asks GitHub for a person's permission once, then uses the cache", async () => {
    const h = await createHarness();
    const first = seedBug(h, ["bug", ":reproduce"]);
    const second = seedBug(h, ["bug", ":reproduce"]);
    const a = await h.act("issue_comment.created", { actor: "qa-lead", number: first, body: "/reproduced #g-mdm" });
    const b = await h.act("issue_comment.created", { actor: "qa-lead", number: second, body: "/reproduced #g-mdm" });
    const permission = (counts: typeof a) => counts.requests.filter((r) => r.path.endsWith("/collaborators/qa-lead/permission"));
    expect(permission(a)).toHaveLength(1);
    expect(permission(b)).toHaveLength(0);
  });

  it("a directory read survives a configured login that is not a GitHub user", async () => {
    const h = await createHarness({ config: "people: { qa: [qa-lead, no-such-person] }\ngroups: { '#g-mdm': { em: mdm-em } }\n" });
    const number = seedBug(h, ["bug", ":reproduce"]);
    await h.act("issue_comment.created", { actor: "maint", number, body: "/reproduced #g-mdm" });
    expect(h.issue(number).assignees).toEqual(["mdm-em"]);
  });

  it("ignores the webhooks its own writes cause (no loops)", async () => {
    const h = await createHarness();
    h.loopBack();
    const number = seedBug(h, ["bug", ":reproduce", "~needs info"]);
    const counts = await h.act("issue_comment.created", { actor: "maint", number, body: "/product #g-mdm" });
    const requests = h.double.requests.length;
    // Waits on the deliveries themselves: every looped-back webhook (and anything it caused) was handled.
    await h.double.settled();
    const caused = h.double.webhooks.map((w) => `${w.name}.${String(w.payload.action)}`).sort();
    expect(caused).toEqual(["issues.assigned", "issues.labeled", "issues.labeled", "issues.unlabeled"]);
    expect(counts.writes).toBe(1);
    // The bot's own webhooks cost no request at all (not even a read), so they cannot cause a write either.
    expect(h.double.requests.slice(requests).filter((r) => !r.path.endsWith("/access_tokens"))).toEqual([]);
    expect(h.double.webhooks).toHaveLength(caused.length);
  });

  it("creates a label the repository does not have yet", async () => {
    const h = await createHarness({ config: FLEET_WITH_NEW_GROUP });
    const number = seedBug(h, ["bug", ":reproduce"]);
    const counts = await h.act("issue_comment.created", { actor: "maint", number, body: "/reproduced #g-new" });
    expect(h.issue(number).labels).toContain("#g-new");
    expect(h.double.labels(REPO).map((l) => l.name)).toContain("#g-new");
    expect(counts.writes).toBe(2);
  });

  it("/reopen by the reporter is refused when a person closed the issue after the bot's close", async () => {
    const h = await createHarness();
    const number = seedBug(h, ["bug", ":reproduce"]);
    h.double.addComment(REPO, number, { author: h.double.botLogin, body: 'closed\n<!-- bug-lifecycle-restore {"labels":["bug"],"assignees":[]} -->' });
    h.double.payload("issues.closed", { repo: REPO, actor: "maint", number });
    await h.act("issue_comment.created", { actor: "reporter", number, body: "/reopen" });
    expect(h.issue(number).state).toBe("closed");
    expect(h.issue(number).comments.at(-1)?.body).toContain("closed by @maint");
  });

  it("/reopen by the reporter restores what the bot's close saved", async () => {
    const h = await createHarness();
    h.double.addUser("dev-1");
    h.double.addMilestone(REPO, { title: "4.60.0" });
    const number = h.double.addIssue(REPO, { author: "reporter", labels: ["bug", ":release", "~ready for release", "#g-mdm"], assignees: ["dev-1"], milestone: "4.60.0" }).number;
    await h.act("milestone.closed", { actor: "maint", milestone: "4.60.0" });
    expect(h.issue(number).state).toBe("closed");
    await h.act("issue_comment.created", { actor: "reporter", number, body: "/reopen it is back" });
    const issue = h.issue(number);
    expect(issue.state).toBe("open");
    expect(issue.labels.sort()).toEqual([":release", "#g-mdm", "bug", "~ready for release"].sort());
  });

  it("a command fixed by editing the comment runs once, and further edits run nothing", async () => {
    const h = await createHarness();
    const number = seedBug(h, ["bug", ":reproduce"], ["qa-lead"]);
    await h.act("issue_comment.created", { actor: "qa-lead", number, body: "/reproducd #g-orchestration" });
    // The typo gets one "did you mean" reply (docs/rules.md); the person fixes their own comment.
    const id = h.issue(number).comments.find((c) => c.author === "qa-lead")?.id ?? 0;
    expect(h.issue(number).labels.sort()).toEqual([":reproduce", "bug"]);
    expect(h.issue(number).comments.at(-1)?.body).toContain("did you mean `/reproduced`?");

    const fixed = await h.act("issue_comment.edited", { actor: "qa-lead", commentId: id, body: "/reproduced #g-orchestration" });
    expect(h.issue(number).labels.sort()).toEqual(["#g-orchestration", "bug"]);
    expect(h.issue(number).assignees).toEqual(["orch-em"]);
    expect(fixed.writes).toBe(1);

    const again = await h.act("issue_comment.edited", { actor: "qa-lead", commentId: id, body: "/reproduced #g-orchestration\nthanks!" });
    expect(again.reads + again.writes).toBe(0);
    const removed = await h.act("issue_comment.edited", { actor: "qa-lead", commentId: id, body: "never mind" });
    expect(removed.reads + removed.writes).toBe(0);
    expect(h.issue(number).labels.sort()).toEqual(["#g-orchestration", "bug"]);
  });

  it("/product followed by prose runs and changes the state (no `Can` group)", async () => {
    const h = await createHarness();
    const number = seedBug(h, ["bug", "#g-mdm"], ["mdm-em"]);
    await h.act("issue_comment.created", { actor: "mdm-em", number, body: "/product Can product confirm this is the intended behaviour?" });
    const issue = h.issue(number);
    expect(issue.labels.sort()).toEqual(["#g-mdm", ":product", "bug"]);
    expect(issue.comments.filter((c) => c.author === "bug-lifecycle[bot]")).toEqual([]);
  });

  it("/critical with a note quotes it in the checklist; a #g-typo gets the list of groups", async () => {
    const h = await createHarness();
    const number = seedBug(h, ["bug", "#g-mdm"]);
    await h.act("issue_comment.created", { actor: "maint", number, body: "/critical, customers lose data on upgrade" });
    const checklist = h.issue(number).comments.find((c) => c.body.includes("<!-- bug-lifecycle:critical -->"));
    expect(checklist?.body).toContain("> customers lose data on upgrade");
    const other = seedBug(h, ["bug", ":reproduce"]);
    await h.act("issue_comment.created", { actor: "maint", number: other, body: "/reproduced #g-typo as discussed" });
    const reply = h.issue(other).comments.at(-1);
    expect(reply?.author).toBe("bug-lifecycle[bot]");
    expect(reply?.body).toContain("I don't know the group `#g-typo`");
    expect(reply?.body).toContain("> as discussed");
    expect(h.issue(other).labels.sort()).toEqual([":reproduce", "bug"]);
  });
});

const FLEET_WITH_NEW_GROUP = `
people: { qa: [qa-lead] }
groups:
  "#g-new": { em: mdm-em }
`;
