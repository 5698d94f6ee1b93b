//! Purpose: `/undo` of the sweep's timers as people run them: the built CLI's sweep fires a six-week move, a stale PR's draft and a needs-info close; the built server undoes each on `/undo`, reading the history from GitHub alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLEET_CONFIG } from "../support/fleet.js";
import { daysAgo, REPO, runBin, serveDouble, type Served } from "./support/cli.js";
import { startServer, waitFor, type ServerProcess } from "./support/server.js";

const BOT = "bug-lifecycle[bot]";
const STATUS = "<!-- bug-lifecycle:status -->";
let served: Served;
let server: ServerProcess;
let numbers: { moved: number; pull: number; closed: number };

beforeAll(async () => {
  served = await serveDouble();
  served.double.setFile(REPO, ".github/bug-lifecycle.yml", `${FLEET_CONFIG}\nstatusComment: true\n`);
  const d = served.double;
  const moved = d.addIssue(REPO, {
    title: "Reproduced long ago", author: "reporter", createdAt: daysAgo(46), labels: ["bug", "#g-mdm"], assignees: ["mdm-em"],
    comments: [{ author: "qa-lead", body: "/reproduced #g-mdm", createdAt: daysAgo(43), reactions: [{ content: "+1", user: BOT }] }],
    events: [
      { kind: "labeled", actor: "reporter", createdAt: daysAgo(46), label: "bug" },
      { kind: "labeled", actor: BOT, createdAt: daysAgo(43, 2), label: "#g-mdm" },
      { kind: "assigned", actor: BOT, createdAt: daysAgo(43, 2), assignee: "mdm-em" },
    ],
  }).number;
  const pull = d.addPull(REPO, {
    author: "contributor", authorAssociation: "CONTRIBUTOR", createdAt: daysAgo(18),
    commits: [{ author: "contributor", committedAt: daysAgo(18) }],
    reviews: [{ author: "maint", state: "CHANGES_REQUESTED", submittedAt: daysAgo(8) }],
  }).number;
  const asked = new Date(daysAgo(29)).toISOString();
  const closed = d.addIssue(REPO, {
    title: "Needs details", author: "reporter", createdAt: daysAgo(34), labels: ["bug", ":reproduce", "~needs info"],
    comments: [
      { author: "qa-lead", body: "/needs-info", createdAt: daysAgo(29) },
      { author: BOT, body: `Reminder\n\n<!-- bug-lifecycle:needs-info-reminder:${asked} -->`, createdAt: daysAgo(15) },
    ],
    events: [{ kind: "labeled", actor: BOT, createdAt: daysAgo(29, 1), label: "~needs info" }],
  }).number;
  numbers = { moved, pull, closed };
  const sweep = await runBin(["sweep"], { ...served.host, ...served.app });
  expect(sweep.code, sweep.stderr).toBe(0);
  expect(sweep.stderr).toContain("six-week-rule 1");
  expect(sweep.stderr).toContain("stale-pr-draft 1");
  expect(sweep.stderr).toContain("needs-info-close 1");
  server = await startServer({ appId: served.double.appId, gheHost: served.host.GHE_HOST!, env: {} });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await served?.close();
});

/** The server answers before it works (its queue): wait for the delivery's one transition line. */
const undo = async (number: number) => {
  const delivery = served.double.payload("issue_comment.created", { repo: REPO, actor: "maint", number, body: "/undo" });
  expect((await server.send(delivery)).status).toBe(200);
  const line = await waitFor(() => server.logs.find((l) => l["delivery"] === delivery.id && l["msg"] === "transition"), 30_000, "the /undo transition");
  expect(String(line["rule"])).toMatch(/^\/undo: reverted/);
};
const statuses = (number: number) => served.double.issue(REPO, number).comments.filter((c) => c.author === BOT && c.body.includes(STATUS));

describe("/undo after the CLI sweep's timers, on the built server", () => {
  it("after a six-week move: back in reproduced with its EM", async () => {
    expect(served.double.issue(REPO, numbers.moved).labels).toContain(":product");
    await undo(numbers.moved);
    const issue = served.double.issue(REPO, numbers.moved);
    expect(issue.labels.sort()).toEqual(["#g-mdm", "bug"]);
    expect(issue.assignees).toEqual(["mdm-em"]);
    expect(statuses(numbers.moved)).toHaveLength(1);
    expect(statuses(numbers.moved)[0]!.body).toContain("(undone)");
  });

  it("after a stale PR's draft: ready for review again", async () => {
    expect(served.double.issue(REPO, numbers.pull).draft).toBe(true);
    await undo(numbers.pull);
    expect(served.double.issue(REPO, numbers.pull).draft).toBe(false);
    expect(statuses(numbers.pull)).toHaveLength(1);
  });

  it("after a close: open again with its labels; the close comment stays", async () => {
    expect(served.double.issue(REPO, numbers.closed).state).toBe("closed");
    await undo(numbers.closed);
    const issue = served.double.issue(REPO, numbers.closed);
    expect(issue.state).toBe("open");
    expect(issue.labels.sort()).toEqual([":reproduce", "bug", "~needs info"]);
    expect(issue.comments.some((c) => c.body.includes("bug-lifecycle:needs-info-close:"))).toBe(true);
    expect(server.alive()).toBe(true);
  });
});
