//! Purpose: `/undo` in the built Action: the history comes from GitHub (the status comment), so a fresh runner undoes what an earlier run did; a re-run writes nothing.
import { afterEach, describe, expect, it } from "vitest";
import { GitHubDouble, type Listening } from "@bug-lifecycle/github-double";
import { FLEET_CONFIG, FLEET_LABELS, REPO } from "../support/fleet.js";
import { runAction } from "./support/run-action.js";

const STATUS = "<!-- bug-lifecycle:status -->";
let listening: Listening | undefined;
afterEach(async () => {
  await listening?.close();
  listening = undefined;
});

describe("/undo in the Action", () => {
  it("undoes /reproduced made by an earlier run; the same event run again writes nothing", async () => {
    const double = new GitHubDouble({ appSlug: "github-actions" });
    double.addRepo(REPO, { labels: FLEET_LABELS });
    for (const login of ["maint", "qa-lead", "mdm-em"]) double.addCollaborator(REPO, login, "write");
    double.addUser("reporter");
    double.setFile(REPO, ".github/bug-lifecycle.yml", `${FLEET_CONFIG}\nstatusComment: true\n`);
    listening = await double.listen();
    const token = double.installationToken();
    const run = (payload: unknown) => runAction({ api: listening!.url, token, repository: REPO, event: "issue_comment", payload });
    const { number } = double.addIssue(REPO, { title: "MDM profile fails", author: "reporter", labels: ["bug", ":reproduce"], assignees: ["qa-lead"] });

    const first = await run(double.payload("issue_comment.created", { repo: REPO, actor: "qa-lead", number, body: "/reproduced #g-mdm" }).payload);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(double.issue(REPO, number).labels.sort()).toEqual(["#g-mdm", "bug"]);

    const undo = double.payload("issue_comment.created", { repo: REPO, actor: "maint", number, body: "/undo" }).payload;
    const second = await run(undo);
    expect(second.code, second.stdout + second.stderr).toBe(0);
    const issue = double.issue(REPO, number);
    expect(issue.labels.sort()).toEqual([":reproduce", "bug"]);
    expect(issue.assignees).toEqual(["qa-lead"]);
    expect(issue.comments.filter((c) => c.body.includes(STATUS))).toHaveLength(1);

    const before = double.requests.length;
    const again = await run(undo);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    // Only the 👍 again (GitHub keeps one per person): no label, no assignee, no status edit.
    expect(double.requests.slice(before).filter((r) => r.write).flatMap((r) => r.operationNames ?? [])).toEqual(["addReaction"]);
    expect(double.issue(REPO, number).labels.sort()).toEqual([":reproduce", "bug"]);
  });
});
