//! Purpose: the report's read and the sweep's read map the same GitHub data to the same facts (one mapping, src/github/facts.ts).
import { describe, expect, it } from "vitest";
import { readRepo } from "../../src/github/bulk-read.js";
import { IdBook } from "../../src/github/ids.js";
import { configSchema } from "../../src/lifecycle/config.js";
import type { TimelineFact, TrackedItem } from "../../src/lifecycle/repo-snapshot.js";
import { GitHubDouble } from "@bug-lifecycle/github-double";
import { readReportSnapshot } from "../../src/report/read.js";
import { botClient } from "./client.js";

const REPO = "acme/app";
const BOT = "bug-lifecycle[bot]";
/** The login of a personal token the CLI would run with: its comments are the bot's. */
const SELF = "octo-token";
const config = configSchema.parse({ groups: { "#g-mdm": { em: "mdm-em" } } });
const at = (day: number, hour = 0) => new Date(Date.UTC(2026, 10, day, hour)).toISOString();

function seeded(): GitHubDouble {
  const double = new GitHubDouble({ appSlug: "bug-lifecycle" });
  double.addRepo(REPO, { labels: ["bug", ":reproduce", "~needs info", "#g-mdm"] });
  double.addIssue(REPO, {
    number: 1,
    author: "dependabot[bot]",
    createdAt: at(1),
    labels: ["bug", "#g-mdm"],
    events: [
      { kind: "labeled", actor: BOT, createdAt: at(2), label: ":reproduce" },
      { kind: "closed", actor: "maint", createdAt: at(3) },
      { kind: "reopened", actor: "renovate[bot]", createdAt: at(4) },
      { kind: "unlabeled", actor: "maint", createdAt: at(5), label: ":reproduce" },
    ],
  });
  double.addPull(REPO, {
    number: 2,
    author: "contributor",
    authorAssociation: "CONTRIBUTOR",
    createdAt: at(1),
    draft: false,
    commits: [{ author: "contributor", committedAt: at(1, 1) }],
    reviews: [{ author: "maint", state: "CHANGES_REQUESTED", submittedAt: at(2), authorAssociation: "MEMBER" }],
    comments: [
      { author: SELF, body: "Still waiting on a fix.\n<!-- bug-lifecycle:stale-pr:x -->", createdAt: at(3), authorAssociation: "MEMBER" },
      { author: "contributor", body: "Pushed.", createdAt: at(4), authorAssociation: "CONTRIBUTOR" },
      { author: "ci[bot]", body: "Coverage 80%", createdAt: at(5) },
    ],
    events: [{ kind: "ready_for_review", actor: "contributor", createdAt: at(1, 2) }],
  });
  double.resetRecords();
  return double;
}

/** The fields both reads fill: the report asks for no comment body or id (no markers, commands, commentId). */
function shared(item: TrackedItem, kinds: ReadonlySet<string>): Array<Partial<TimelineFact>> {
  return item.timeline
    .filter((fact) => kinds.has(fact.kind))
    .map(({ kind, at, actor, actorIsBot, label, reviewState, association }) => ({ kind, at, actor, actorIsBot, label, reviewState, association }));
}

describe("the report's facts agree with the sweep's", () => {
  it("the same bugs and PRs give the same authors, labels and facts, bots spelled name[bot] and a personal token's comment the bot's", async () => {
    const double = seeded();
    const client = botClient(double);
    const sweep = await readRepo(client, { owner: "acme", name: "app" }, config, new IdBook(), { self: SELF });
    const report = await readReportSnapshot(client, { owner: "acme", name: "app" }, config, { closedSince: null, self: SELF });
    // What the report asks GitHub for (queries.ts): state events of bugs; comments, commits, reviews, ready-for-review of PRs.
    const kinds = {
      1: new Set(["labeled", "unlabeled", "closed", "reopened"]),
      2: new Set(["commented", "committed", "reviewed", "ready-for-review"]),
    } as const;
    for (const number of [1, 2] as const) {
      const fromSweep = sweep.snapshot.items.find((item) => item.number === number)!;
      const fromReport = report.snapshot.items.find((item) => item.number === number)!;
      const fields = (item: TrackedItem) => ({ author: item.author, authorIsBot: item.authorIsBot, labels: item.labels, assignees: item.assignees, createdAt: item.createdAt });
      expect(fields(fromReport)).toEqual(fields(fromSweep));
      expect(shared(fromReport, kinds[number])).toEqual(shared(fromSweep, kinds[number]));
      expect(shared(fromReport, kinds[number]).length).toBeGreaterThan(3);
    }
    const bug = report.snapshot.items.find((item) => item.number === 1)!;
    expect(bug.author).toBe("dependabot[bot]");
    // The seed labels a bug at its creation by its author (here a bot).
    expect(bug.timeline.filter((fact) => fact.actorIsBot).map((fact) => [fact.kind, fact.label ?? null, fact.actor])).toEqual([
      ["labeled", "bug", "dependabot[bot]"],
      ["labeled", "#g-mdm", "dependabot[bot]"],
      ["labeled", ":reproduce", "bug-lifecycle[bot]"],
      ["reopened", null, "renovate[bot]"],
    ]);
    const pull = report.snapshot.items.find((item) => item.number === 2)!;
    expect(pull.timeline.filter((fact) => fact.kind === "commented").map((fact) => [fact.actor, fact.actorIsBot])).toEqual([
      [SELF, true],
      ["contributor", false],
      ["ci[bot]", true],
    ]);
  });
});
