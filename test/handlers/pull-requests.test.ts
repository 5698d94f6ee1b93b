//! Purpose: "Fixes #N" merged anyway, through the app on the double: either webhook first, a person's close, the switch.
import { describe, expect, it } from "vitest";
import { createHarness, REPO, seedBug } from "../support/app-harness.js";

const BOT = "bug-lifecycle[bot]";

async function mergedWithKeyword(order: "pull-first" | "issue-first" | "pull-only" | "issue-only", config?: string) {
  const h = await createHarness(config ? { config } : {});
  const bug = seedBug(h, ["bug", ":release", "#g-mdm"], ["mdm-em"]);
  const other = seedBug(h, ["bug", ":release", "#g-mdm"], ["mdm-em"]);
  const pr = h.double.addPull(REPO, { author: "mdm-em", title: "Fix it", body: `Fixes #${bug}, closes acme/app#${other}` }).number;
  const merge = h.double.payload("pull_request.closed", { repo: REPO, actor: "maint", number: pr, merged: true });
  const closes = h.double.caused(merge);
  const deliveries = order === "pull-first" ? [merge, ...closes] : order === "issue-first" ? [...closes, merge] : order === "pull-only" ? [merge] : closes;
  let writes = 0;
  for (const delivery of deliveries) writes += (await h.receive(delivery)).writes;
  return { h, bug, other, pr, closes, writes };
}

describe("a bug closed by merging a PR with a closing keyword", () => {
  it.each(["pull-first", "issue-first", "pull-only", "issue-only"] as const)(
    "%s: reopened into awaiting QA with one comment linking the PR",
    async (order) => {
      const { h, bug, other, pr, closes } = await mergedWithKeyword(order);
      expect(closes.map((d) => `${d.name}.${String(d.payload.action)}#${(d.payload as { issue: { number: number } }).issue.number}`)).toEqual([
        `issues.closed#${bug}`,
        `issues.closed#${other}`,
      ]);
      for (const number of [bug, other]) {
        const issue = h.issue(number);
        expect(issue.state).toBe("open");
        expect(issue.labels.sort()).toEqual([":release", "#g-mdm", "bug", "~awaiting QA"].sort());
        expect(issue.assignees.sort()).toEqual(["mdm-em", "qa-lead"]);
        const comments = issue.comments.filter((c) => c.author === BOT);
        expect(comments).toHaveLength(1);
        expect(comments[0]?.body).toContain(`/pull/${pr}`);
        expect(comments[0]?.body).toContain("closing keyword");
      }
    },
  );

  it("one write per request: the merge that reopens two bugs costs one write when GitHub's closes come first", async () => {
    const { writes } = await mergedWithKeyword("issue-first");
    // Each issues.closed: one mutation (reopen, labels, QA, comment); the PR's own webhook then finds nothing to do.
    expect(writes).toBe(2);
  });

  it("a bug a person closed stays closed", async () => {
    const h = await createHarness();
    const bug = seedBug(h, ["bug", ":release", "#g-mdm"], ["mdm-em"]);
    const counts = await h.act("issues.closed", { actor: "maint", number: bug });
    expect(h.issue(bug).state).toBe("closed");
    expect(counts.writes).toBe(0);
  });

  it("pullRequests.reopenClosedByMerge: false leaves GitHub's close alone", async () => {
    const config = `people: { qa: [qa-lead] }\ngroups:\n  "#g-mdm": { em: mdm-em, pm: mdm-pm }\npullRequests: { reopenClosedByMerge: false }\n`;
    const { h, bug } = await mergedWithKeyword("pull-first", config);
    expect(h.issue(bug).state).toBe("closed");
    expect(h.issue(bug).comments.filter((c) => c.author === BOT)).toEqual([]);
  });
});

// Issue 10: the handler's "ignore bots' PRs" filter used to block the core's merge rule; a person merged it.
describe("a pull request written by a bot", () => {
  it("merged: the bug it fixes moves to awaiting QA, and nobody is thanked", async () => {
    const h = await createHarness();
    const bug = seedBug(h, ["bug", ":release", "#g-mdm"], ["mdm-em"]);
    const pr = h.double.addPull(REPO, { author: "renovate[bot]", title: "Fix it", body: `Refs #${bug}` }).number;
    await h.receive(h.double.payload("pull_request.closed", { repo: REPO, actor: "maint", number: pr, merged: true }));
    expect(h.issue(bug).labels).toContain("~awaiting QA");
    expect(h.issue(pr).comments.filter((c) => c.author === BOT)).toEqual([]);
  });

  it("opened with a closing keyword: no request to edit its body", async () => {
    const h = await createHarness();
    const bug = seedBug(h, ["bug", ":release", "#g-mdm"], ["mdm-em"]);
    const delivery = h.double.payload("pull_request.opened", { repo: REPO, actor: "renovate[bot]", title: "Fix it", body: `Fixes #${bug}` });
    const counts = await h.receive(delivery);
    expect(counts.writes).toBe(0);
    expect(h.issue((delivery.payload as { number: number }).number).comments).toEqual([]);
    // A person's PR with the same body is asked once (the rule is there; only the bot is spared).
    const person = h.double.payload("pull_request.opened", { repo: REPO, actor: "dev-1", title: "Fix it too", body: `Fixes #${bug}` });
    await h.receive(person);
    const asked = h.issue((person.payload as { number: number }).number).comments.filter((c) => c.author === BOT);
    expect(asked.map((c) => c.body.includes("bug-lifecycle:closing-keyword"))).toEqual([true]);
  });
});
