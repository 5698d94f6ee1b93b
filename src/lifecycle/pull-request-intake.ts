//! Purpose: which pull_request deliveries can matter, what their decision needs, and the decision itself (docs/contract.md §5): the handler's only filter is this gate.
import type { Config } from "./config.js";
import { onPullRequestChanged, onPullRequestMerged, referencesIn, type PullRequestSnapshot, type Reference } from "./pull-requests.js";
import type { Effect, IssueSnapshot } from "./types.js";

/** What a `pull_request` delivery says, as the core needs it. */
export interface PullRequestChange {
  action: string;
  merged: boolean;
  /** `edited` only: the body is among the changes (a title edit cannot add a closing keyword). */
  bodyChanged: boolean;
  number: number;
  author: string;
  authorIsBot: boolean;
  body: string;
}

export type PullRequestGate = { matters: false; rule: string } | { matters: true; merged: boolean; refs: Reference[] };
export type PullRequestIntake = { matters: false; rule: string } | { matters: true; needs: { authorIsMaintainer: boolean } };

/**
 * Before the config is read. A merge moves every bug the body references (whoever wrote the PR: a person
 * merged it); opening a PR, or editing its body, matters only through a closing keyword, and a bot is not
 * asked to edit its body (it would not read the comment).
 */
export function pullRequestGate(change: PullRequestChange, repo: { owner: string; name: string }): PullRequestGate {
  const merged = change.action === "closed" && change.merged;
  const changed = change.action === "opened" || (change.action === "edited" && change.bodyChanged);
  if (!merged && !changed) return { matters: false, rule: `ignored: pull_request.${change.action}` };
  if (!merged && change.authorIsBot) return { matters: false, rule: "ignored: a bot's pull request is not asked to edit its body" };
  const refs = referencesIn(change.body, repo).filter((ref) => ref.number !== change.number && (merged || ref.closing));
  if (!merged && !refs.length) return { matters: false, rule: "ignored: no closing keyword" };
  return { matters: true, merged, refs };
}

/** Bots are never thanked (docs/contract.md §5 thanks community contributors). */
function thanks(change: PullRequestChange, config: Config): boolean {
  return config.pullRequests.thankOnMerge && !change.authorIsBot && !change.author.endsWith("[bot]");
}

/** Once the config is known: whether anything can come of it, and whether the author's maintainer status is read. */
export function pullRequestIntake(change: PullRequestChange, repo: { owner: string; name: string }, config: Config): PullRequestIntake {
  const gate = pullRequestGate(change, repo);
  if (!gate.matters) return gate;
  if (!gate.merged && !config.pullRequests.warnClosingKeywords) return { matters: false, rule: "pullRequests.warnClosingKeywords is off" };
  if (gate.merged && !gate.refs.length && !thanks(change, config)) return { matters: false, rule: "merged, references no bug, nobody to thank" };
  return { matters: true, needs: { authorIsMaintainer: gate.merged && thanks(change, config) } };
}

/** The effects of a pull_request delivery; `pr.authorIsMaintainer` is read when the intake says so. */
export function decidePullRequest(
  change: PullRequestChange,
  repo: { owner: string; name: string },
  pr: PullRequestSnapshot,
  bugs: readonly IssueSnapshot[],
  config: Config,
  now: Date,
): Effect[] {
  const gate = pullRequestGate(change, repo);
  if (!gate.matters || !pullRequestIntake(change, repo, config).matters) return [];
  if (!gate.merged) return onPullRequestChanged(pr, bugs, config);
  const quiet = thanks(change, config) ? config : { ...config, pullRequests: { ...config.pullRequests, thankOnMerge: false } };
  return onPullRequestMerged(pr, bugs, quiet, now);
}
