//! Purpose: a repository with history for `adopt`: open bugs in every state (some half done, some nobody can decide) and community PRs, each kind's expected outcome beside it.
import type { GitHubDouble } from "@bug-lifecycle/github-double";
import type { EventSeed, IssueSeed } from "@bug-lifecycle/github-double";
import { daysAgo } from "./fixtures.js";
import { REPO } from "./fleet.js";

/** What adopt must find for a kind of bug: the repair's end state (labels, assignees), the first sweep's rules, and what is left for a person. */
export interface Expected {
  kind: string;
  /** After the repair; undefined: no repair. */
  repaired?: { labels: string[]; assignees: string[] };
  sweep: string[];
  attention: string[];
}

interface Kind extends Expected {
  seed: (now: Date) => IssueSeed;
}

const at = (days: number, now: Date, seconds = 0) => daysAgo(days, seconds, now);
const labeled = (label: string, actor: string, createdAt: string): EventSeed => ({ kind: "labeled", actor, createdAt, label });

/** Twelve kinds of bug, in the order the seed cycles through them. */
export const BUG_KINDS: readonly Kind[] = [
  { kind: "inbox, new", sweep: [], attention: [], seed: (now) => ({ labels: ["bug", ":reproduce"], createdAt: at(0.02, now) }) },
  { kind: "inbox, past its SLA", sweep: ["inbox-sla"], attention: [], seed: (now) => ({ labels: ["bug", ":reproduce"], createdAt: at(10, now) }) },
  { kind: "reproduced, owned", sweep: [], attention: [], seed: (now) => ({ labels: ["bug", "#g-mdm"], assignees: ["mdm-em"], createdAt: at(3, now) }) },
  {
    kind: "reproduced, nobody assigned",
    repaired: { labels: ["bug", "#g-mdm"], assignees: ["mdm-em"] },
    sweep: [],
    attention: [],
    seed: (now) => ({ labels: ["bug", "#g-mdm"], createdAt: at(3, now) }),
  },
  {
    kind: "two state labels, :reproduce added last",
    repaired: { labels: ["bug", ":reproduce"], assignees: [] },
    sweep: [],
    attention: [],
    seed: (now) => ({
      labels: ["bug", ":release", ":reproduce"],
      createdAt: at(0.05, now),
      events: [labeled(":release", "maint", at(0.04, now)), labeled(":reproduce", "maint", at(0.03, now))],
    }),
  },
  {
    kind: "drafting, nobody assigned",
    repaired: { labels: ["bug", ":product", "#g-orchestration"], assignees: ["orch-pm"] },
    sweep: [],
    attention: [],
    seed: (now) => ({ labels: ["bug", ":product", "#g-orchestration"], createdAt: at(4, now) }),
  },
  { kind: "engineering, owned", sweep: [], attention: [], seed: (now) => ({ labels: ["bug", ":release", "#g-mdm"], assignees: ["dev-1"], createdAt: at(5, now) }) },
  {
    kind: "awaiting QA without :release",
    repaired: { labels: ["bug", "~awaiting QA", "#g-mdm", ":release"], assignees: ["qa-lead"] },
    sweep: [],
    attention: [],
    seed: (now) => ({ labels: ["bug", "~awaiting QA", "#g-mdm"], createdAt: at(6, now) }),
  },
  { kind: "no state (orphan)", sweep: [], attention: ["no-state"], seed: (now) => ({ labels: ["bug"], createdAt: at(7, now) }) },
  {
    kind: "reproduced in a group nobody configured",
    sweep: [],
    attention: ["no-owner", "group-without-em"],
    seed: (now) => ({ labels: ["bug", "#g-web"], createdAt: at(2, now) }),
  },
  {
    kind: "needs info, 20 days unanswered",
    sweep: ["needs-info-reminder"],
    attention: [],
    seed: (now) => ({
      labels: ["bug", ":reproduce", "~needs info"],
      createdAt: at(25, now),
      comments: [{ author: "qa-lead", body: "/needs-info", createdAt: at(20, now) }],
      events: [labeled("~needs info", "bug-lifecycle[bot]", at(20, now, 1))],
    }),
  },
  {
    kind: "reproduced 50 days, not released",
    sweep: ["six-week-rule"],
    attention: [],
    seed: (now) => ({ labels: ["bug", "#g-mdm"], assignees: ["mdm-em"], createdAt: at(55, now), events: [labeled("#g-mdm", "qa-lead", at(50, now))] }),
  },
];

export interface Seeded {
  /** Issue number → its kind. */
  kinds: Map<number, Expected>;
  /** Community PRs due for the draft rule, and the maintainers' PRs (never listed). */
  stalePulls: number[];
  ownPulls: number[];
}

/** `bugs` bugs cycling through the kinds, then `pulls` PRs: every other one a community PR waiting on its author for 10 days. */
export function seedAdoption(double: GitHubDouble, options: { bugs: number; pulls: number; now: Date; repo?: string }): Seeded {
  const repo = options.repo ?? REPO;
  const seeded: Seeded = { kinds: new Map(), stalePulls: [], ownPulls: [] };
  for (let i = 0; i < options.bugs; i++) {
    const kind = BUG_KINDS[i % BUG_KINDS.length]!;
    const { number } = double.addIssue(repo, { title: `${kind.kind} ${i}`, author: "reporter", ...kind.seed(options.now) });
    seeded.kinds.set(number, kind);
  }
  for (let i = 0; i < options.pulls; i++) {
    if (i % 2 === 0) {
      const { number } = double.addPull(repo, {
        title: `Community fix ${i}`,
        author: "contributor",
        authorAssociation: "CONTRIBUTOR",
        createdAt: at(12, options.now),
        commits: [{ author: "contributor", committedAt: at(12, options.now) }],
        comments: [{ author: "maint", body: "Could you add a test?", createdAt: at(10, options.now), authorAssociation: "MEMBER" }],
      });
      seeded.stalePulls.push(number);
    } else {
      const { number } = double.addPull(repo, { title: `Own change ${i}`, author: "maint", authorAssociation: "MEMBER", createdAt: at(12, options.now) });
      seeded.ownPulls.push(number);
    }
  }
  return seeded;
}
