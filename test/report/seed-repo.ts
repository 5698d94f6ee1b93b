//! Purpose: a deterministic busy repository in the GitHub double (bugs in every state, closed bugs, PRs) for tests and the benchmark.
import type { GitHubDouble } from "@bug-lifecycle/github-double";
import type { EventSeed, IssueSeed } from "@bug-lifecycle/github-double";

export const REPO = "acme/app";
const DAY = 86_400_000;

export interface RepoShape {
  openBugs: number;
  closedBugs: number;
  openPulls: number;
  /** Every n-th open bug gets 150 extra label facts (`~needs info` on and off): histories longer than one page. */
  longHistoryEvery?: number;
  now: Date;
}

const STATES = ["inbox", "inbox", "reproduced", "reproduced", "drafting", "engineering", "engineering", "awaiting-qa", "ready-for-release", "orphan"];
const GROUPS = ["#g-mdm", "#g-orchestration"];

export function seedRepo(double: GitHubDouble, shape: RepoShape): void {
  double.addRepo(REPO, { labels: ["bug", ":reproduce", ":product", ":release", "~awaiting QA", "~ready for release", "~needs info", ...GROUPS] });
  for (const login of ["maint", "qa-lead", "mdm-em", "orch-em"]) double.addCollaborator(REPO, login, "write");
  double.setFile(REPO, ".github/bug-lifecycle.yml", 'people: { qa: [qa-lead] }\ngroups:\n  "#g-mdm": { em: mdm-em }\n  "#g-orchestration": { em: orch-em }\n');
  for (let i = 0; i < shape.openBugs; i++) double.addIssue(REPO, bugSeed(i, shape, false));
  for (let i = 0; i < shape.closedBugs; i++) double.addIssue(REPO, bugSeed(shape.openBugs + i, shape, true));
  for (let i = 0; i < shape.openPulls; i++) {
    const created = new Date(shape.now.getTime() - (1 + (i % 30)) * DAY).toISOString();
    double.addPull(REPO, { author: i % 4 === 0 ? "maint" : `contributor-${i % 7}`, draft: i % 5 === 0, createdAt: created, title: `PR ${i}` });
  }
}

/** Bug `i`: its state cycles through STATES; the label history that led there is spread over its age. */
export function bugSeed(i: number, shape: RepoShape, closed: boolean): IssueSeed {
  const now = shape.now.getTime();
  // Closed bugs closed 0.5 to 79.5 days ago (inside the 12 weeks the charts show); their history ends at the close.
  const closedAgo = 0.5 + (i % 80);
  const ageDays = closed ? closedAgo + 20 + (i % 40) : 1 + ((i * 37) % 200) + (i % 3) * 0.25;
  const created = now - ageDays * DAY;
  const end = closed ? now - closedAgo * DAY : now;
  const at = (fraction: number) => new Date(created + (end - created) * fraction).toISOString();
  const state = closed ? "ready-for-release" : (STATES[i % STATES.length] ?? "inbox");
  // Groups alternate, and swap every ten bugs, so every state has bugs of both groups.
  const group = GROUPS[(i + Math.floor(i / 10)) % GROUPS.length]!;
  const labels = ["bug"];
  const events: EventSeed[] = [
    { kind: "labeled", actor: "reporter", createdAt: at(0), label: "bug" },
    { kind: "labeled", actor: "bug-lifecycle[bot]", createdAt: at(0), label: ":reproduce" },
  ];
  const step = (kind: "labeled" | "unlabeled", label: string, fraction: number) => events.push({ kind, actor: "maint", createdAt: at(fraction), label });
  if (state === "inbox") labels.push(":reproduce");
  else if (state === "orphan") step("unlabeled", ":reproduce", 0.3);
  else {
    step("unlabeled", ":reproduce", 0.3);
    step("labeled", group, 0.3);
    labels.push(group);
    if (state === "drafting") {
      step("labeled", ":product", 0.5);
      labels.push(":product");
    }
    if (["engineering", "awaiting-qa", "ready-for-release"].includes(state)) {
      step("labeled", ":release", 0.5);
      labels.push(":release");
    }
    if (state === "awaiting-qa" || state === "ready-for-release") {
      step("labeled", "~awaiting QA", 0.7);
      labels.push("~awaiting QA");
    }
    if (state === "ready-for-release") {
      step("unlabeled", "~awaiting QA", 0.8);
      step("labeled", "~ready for release", 0.8);
      labels.splice(labels.indexOf("~awaiting QA"), 1, "~ready for release");
    }
  }
  if (!closed && shape.longHistoryEvery && i % shape.longHistoryEvery === 0) {
    for (let k = 0; k < 150; k++) step(k % 2 === 0 ? "labeled" : "unlabeled", "~needs info", 0.31 + (k / 150) * 0.1);
  }
  if (i % 13 === 0) labels.push("customer-acme");
  const assigned = state !== "inbox" && state !== "orphan" && i % 3 !== 0;
  return {
    title: `Bug ${i}`,
    author: "reporter",
    labels,
    assignees: assigned ? [group === "#g-mdm" ? "mdm-em" : "orch-em"] : [],
    createdAt: at(0),
    events,
    ...(closed ? { state: "closed" as const, closedAt: new Date(end).toISOString(), closedBy: "qa-lead" } : {}),
  };
}
