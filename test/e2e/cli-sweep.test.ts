//! Purpose: `bug-lifecycle sweep` as people run it: the built executable, argv and environment only, against the double over HTTP.
import { afterEach, describe, expect, it } from "vitest";
import { addNeedsInfoBug, CONFIG, daysAgo, logLines, REPO, runBin, serveDouble, type Served } from "./support/cli.js";

let served: Served | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

const botComments = (s: Served, number: number) => s.double.issue(REPO, number).comments.filter((c) => c.author !== "qa-lead");

describe("bug-lifecycle sweep (the built CLI)", () => {
  // The crash of issue 10: every CLI sweep read `probot.log` before Probot had made it.
  it("with GITHUB_TOKEN and --repo: fires the due reminder, logs JSON lines, one summary line on stderr", async () => {
    served = await serveDouble();
    served.double.addToken("ghp_sweeper", "maint");
    const number = addNeedsInfoBug(served.double, 15);
    const run = await runBin(["sweep", "--repo", REPO], { ...served.host, GITHUB_TOKEN: "ghp_sweeper" });
    expect(run.stderr).toMatch(/^sweep: 1 repositories, 1 open bugs, 0 open PRs: needs-info-reminder 1; 0 orphans, 0 reproduced orphans; \d+ reads, 1 writes in \d+ ms\n$/);
    expect(run.code).toBe(0);
    expect(logLines(run.stdout).find((line) => line.msg === "sweep done")).toMatchObject({ repos: 1, bugs: 1, writes: 1, dryRun: false });
    expect(botComments(served, number)).toHaveLength(1);
    expect(botComments(served, number)[0]?.body).toContain("@reporter");
  });

  it("as the app (APP_ID + PRIVATE_KEY): every installation's repositories; --dry-run and DRY_RUN write nothing", async () => {
    served = await serveDouble();
    const number = addNeedsInfoBug(served.double, 15);
    const env = { ...served.host, ...served.app };
    for (const [args, extra] of [[["sweep", "--dry-run"], {}], [["sweep"], { DRY_RUN: "true" }]] as const) {
      const dry = await runBin([...args], { ...env, ...extra });
      expect(dry.stderr).toContain("sweep (dry run): 1 repositories, 1 open bugs, 0 open PRs: needs-info-reminder 1;");
      expect(dry.code).toBe(0);
    }
    expect(served.double.writes()).toEqual([]);
    const run = await runBin(["sweep"], env);
    expect(run.stderr).toContain("needs-info-reminder 1");
    expect(run.code).toBe(0);
    expect(botComments(served, number).map((c) => c.author)).toEqual(["bug-lifecycle[bot]"]);
  });

  // Issue 11: the contributor's re-request after a maintainer spoke puts the PR back on us; the reminder goes to
  // the requested reviewer (read from GraphQL's reviewRequests), not QA.
  it("a community PR whose contributor re-requested review 4 days ago: one reminder to the requested reviewer", async () => {
    served = await serveDouble();
    const pr = served.double.addPull(REPO, {
      author: "contributor",
      authorAssociation: "CONTRIBUTOR",
      createdAt: daysAgo(6),
      commits: [{ author: "contributor", committedAt: daysAgo(6) }],
      comments: [{ author: "maint", body: "Could you rebase?", createdAt: daysAgo(5) }],
      reviewRequests: ["mdm-em"],
      events: [{ kind: "review_requested", actor: "contributor", createdAt: daysAgo(4), requestedReviewer: { kind: "User", name: "mdm-em" } }],
    }).number;
    const env = { ...served.host, ...served.app };
    const run = await runBin(["sweep"], env);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("pr-response 1");
    const posted = served.double.issue(REPO, pr).comments.filter((c) => c.author === "bug-lifecycle[bot]");
    expect(posted.map((c) => c.body)).toEqual([expect.stringMatching(/^@mdm-em this community pull request by contributor has been waiting on us/)]);
    expect((await runBin(["sweep"], env)).stderr).not.toContain("pr-response");
  });

  // Issue 10: with a personal token the weekly report was posted again on every run (it looked for a Bot's comment).
  it("with a personal token posts the weekly report once, however often it runs", async () => {
    served = await serveDouble();
    served.double.addToken("ghp_sweeper", "maint");
    const tracking = served.double.addIssue(REPO, { title: "Weekly bug report", author: "maint" }).number;
    served.double.setFile(REPO, ".github/bug-lifecycle.yml", `${CONFIG}report:\n  issue: ${tracking}\n`);
    const env = { ...served.host, GITHUB_TOKEN: "ghp_sweeper" };
    for (let run = 0; run < 3; run++) expect((await runBin(["sweep", "--repo", REPO], env)).code).toBe(0);
    const reports = served.double.issue(REPO, tracking).comments.filter((c) => c.body.includes("bug-lifecycle:report:"));
    expect(reports.map((c) => c.author)).toEqual(["maint"]);
  });
});

// docs/issue-types.md: a bug filed with the `Bug` type (no label) goes through its life on the CLI sweep alone:
// each command whose webhook was lost is run again by the sweep, and a needs-info bug whose reporter pushed to a
// linked pull request is neither reminded nor closed.
describe("bug-lifecycle sweep with issue types and linked pull requests", () => {
  it("walks a Bug-typed issue inbox → /reproduced → /release → /fixed → /qa-passed, never adding the bug label", async () => {
    served = await serveDouble();
    const env = { ...served.host, ...served.app };
    const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    const number = served.double.addIssue(REPO, {
      title: "Typed crash",
      author: "reporter",
      type: "Bug",
      createdAt: daysAgo(1),
      labels: [":reproduce"],
      comments: [{ author: "qa-lead", body: "/reproduced #g-mdm", createdAt: minutesAgo(60) }],
    }).number;
    const first = await runBin(["sweep"], env);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain("unanswered-command 1");
    expect(served.double.issue(REPO, number).labels).toEqual(["#g-mdm"]);
    expect(served.double.issue(REPO, number).assignees).toEqual(["mdm-em"]);

    served.double.addComment(REPO, number, { author: "mdm-em", body: "/release", createdAt: minutesAgo(50) });
    served.double.addComment(REPO, number, { author: "mdm-em", body: "/fixed", createdAt: minutesAgo(40) });
    served.double.addComment(REPO, number, { author: "qa-lead", body: "/qa-passed", createdAt: minutesAgo(30) });
    const second = await runBin(["sweep"], env);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain("unanswered-command 3");
    const done = served.double.issue(REPO, number);
    expect(done.labels.sort()).toEqual(["#g-mdm", ":release", "~ready for release"]);
    expect(done.labels).not.toContain("bug");
    expect(done.type).toBe("Bug");
  });

  it("a needs-info bug whose reporter pushed to a linked pull request is neither reminded nor closed", async () => {
    served = await serveDouble();
    const number = addNeedsInfoBug(served.double, 40);
    served.double.addPull(REPO, { author: "reporter", createdAt: daysAgo(50), body: `Fixes #${number}`, commits: [{ author: "reporter", committedAt: daysAgo(2) }] });
    const run = await runBin(["sweep"], { ...served.host, ...served.app });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("needs-info-answered 1");
    expect(run.stderr).not.toContain("needs-info-reminder");
    expect(run.stderr).not.toContain("needs-info-close");
    const issue = served.double.issue(REPO, number);
    expect(issue.state).toBe("open");
    expect(issue.labels).not.toContain("~needs info");
  });
});
