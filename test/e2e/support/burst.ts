//! Purpose: the burst the replica tests send (steps that commute, so one end state), and what an issue looks like at the end.
import type { GitHubDouble, PayloadName, PersonAction } from "@bug-lifecycle/github-double";
import { BOT } from "./fleet-world.js";
import type { Answer } from "./server.js";

export type Step = [PayloadName, Omit<PersonAction, "repo" | "number">];
const comment = (actor: string, body: string): Step => ["issue_comment.created", { actor, body }];
const label = (actor: string, name: string): Step => ["issues.labeled", { actor, label: name }];

/** Ten deliveries on one bug, valid in every order (the single-process concurrency test's first ten). */
export const STEPS: Step[] = [
  comment("maint", "/critical"),
  comment("mdm-em", "/critical"),
  comment("product-head", "/critical"),
  comment("reporter", "/why"),
  comment("dev-1", "/why"),
  comment("maint", "/unreleased #g-mdm"),
  comment("mdm-em", "/unreleased"),
  label("mdm-em", ":release"),
  label("maint", "~critical bug"),
  comment("reporter", "me too, on 4.59"),
];

export const NEW_BUG = { title: "Crash", author: "reporter", labels: ["bug", "#g-mdm"], assignees: ["mdm-em"] };

/** What must be equal between a replica fleet's issue and one process's. */
export function endState(double: GitHubDouble, repo: string, number: number) {
  const issue = double.issue(repo, number);
  return {
    labels: [...issue.labels].sort(),
    assignees: [...issue.assignees].sort(),
    markers: issue.comments
      .filter((c) => c.author === BOT)
      .map((c) => /<!-- bug-lifecycle:([^ :]+)/.exec(c.body)?.[1] ?? "(none)")
      .sort(),
    reactions: issue.comments.filter((c) => c.body.startsWith("/")).map((c) => c.reactions.map((r) => `${r.content}:${r.user}`).join(",")),
    unlabeled: issue.events.filter((e) => e.kind === "unlabeled").map((e) => e.label),
  };
}

/** The delivery of each step on each issue, interleaved across issues (issue 1 step 1, issue 2 step 1, …). */
export function burstDeliveries(double: GitHubDouble, repo: string, numbers: number[]) {
  const deliveries = [];
  for (const step of STEPS) for (const number of numbers) deliveries.push({ number, step });
  return deliveries.map(({ number, step: [name, action] }) => () => double.payload(name, { repo, number, ...action }));
}

/** A send that may hit a dead replica: a refused connection is a failed delivery (status 0), as GitHub records it. */
export async function trySend(send: () => Promise<Answer>): Promise<Answer> {
  try {
    return await send();
  } catch {
    return { status: 0, body: "connection failed", ms: 0 };
  }
}
