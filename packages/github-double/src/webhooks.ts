//! Purpose: webhook deliveries shaped like GitHub's (issues, pull_request, issue_comment, review, milestone).
import { pullJson, reviewJson } from "./rest-shapes-pull.js";
import { commentJson, issueJson, labelJson, loginJson, milestoneJson, orgJson, repoJson, userJson } from "./rest-shapes.js";
import type { Store } from "./store.js";
import type { Comment, Delivery, Issue, Label, Milestone, Repo, Review } from "./types.js";

type Json = Record<string, unknown>;

/** Wraps a payload with what every delivery carries: repository, sender, installation. */
export function delivery(store: Store, repo: Repo, name: string, payload: Json, sender: string): Delivery {
  const installation = store.installationFor(repo);
  const full: Json = {
    ...payload,
    repository: repoJson(store, repo),
    sender: userJson(store.user(sender)),
  };
  if (installation) full.installation = { id: installation.id, node_id: installation.nodeId };
  if (store.findUser(repo.owner)?.type === "Organization") full.organization = orgJson(store.user(repo.owner));
  return { id: store.deliveryId(), name, payload: full as Delivery["payload"] };
}

/**
 * `issues.<action>` for an issue, `pull_request.<action>` for a PR: GitHub sends label, assignee,
 * milestone and state changes of a pull request as `pull_request` events.
 */
export function issueDelivery(store: Store, repo: Repo, issue: Issue, action: string, sender: string, extra: Json = {}): Delivery {
  const payload = issue.pull
    ? { action, number: issue.number, pull_request: pullJson(store, repo, issue), ...extra }
    : { action, issue: issueJson(store, repo, issue), ...extra };
  return delivery(store, repo, issue.pull ? "pull_request" : "issues", payload, sender);
}

export function labelExtra(repo: Repo, label: Label): Json {
  return { label: labelJson(repo, label) };
}

export function assigneeExtra(store: Store, login: string): Json {
  return { assignee: loginJson(store, login) };
}

export function milestoneExtra(store: Store, repo: Repo, milestone: Milestone): Json {
  return { milestone: milestoneJson(store, repo, milestone) };
}

export function commentDelivery(
  store: Store,
  repo: Repo,
  issue: Issue,
  comment: Comment,
  action: "created" | "edited" | "deleted",
  sender: string,
  changes?: Json,
): Delivery {
  const payload: Json = {
    action,
    issue: issueJson(store, repo, issue),
    comment: commentJson(store, repo, issue, comment),
  };
  if (changes) payload.changes = changes;
  return delivery(store, repo, "issue_comment", payload, sender);
}

export function reviewDelivery(store: Store, repo: Repo, issue: Issue, review: Review, sender: string): Delivery {
  const payload = {
    action: "submitted",
    review: { ...reviewJson(store, repo, issue, review), state: review.state.toLowerCase() },
    pull_request: pullJson(store, repo, issue),
  };
  return delivery(store, repo, "pull_request_review", payload, sender);
}

export function milestoneDelivery(store: Store, repo: Repo, milestone: Milestone, action: string, sender: string): Delivery {
  return delivery(store, repo, "milestone", { action, milestone: milestoneJson(store, repo, milestone) }, sender);
}
