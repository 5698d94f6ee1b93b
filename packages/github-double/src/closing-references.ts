//! Purpose: what GitHub closes when a pull request is merged: issues its body references with a closing keyword.
import type { Store } from "./store.js";
import type { Issue, Repo } from "./types.js";

// GitHub's keywords: close, closes, closed, fix, fixes, fixed, resolve, resolves, resolved (any case, optional colon).
const KEYWORD = String.raw`\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b:?\s+`;
const TARGET = String.raw`(?:(?<owner>[\w.-]+)\/(?<name>[\w.-]+))?#(?<number>\d+)\b|https?:\/\/[^\s/]+\/(?<urlOwner>[\w.-]+)\/(?<urlName>[\w.-]+)\/issues\/(?<urlNumber>\d+)\b`;
const PATTERN = new RegExp(`${KEYWORD}(?:${TARGET})`, "gi");

/**
 * Issues (not pull requests) a PR's body closes, in the PR's repository or another repository of the store,
 * in order of mention, each once: the `closingIssuesReferences` of the PR, and what its merge closes.
 */
export function closingReferences(store: Store, repo: Repo, body: string | null): Array<{ repo: Repo; issue: Issue }> {
  const found: Array<{ repo: Repo; issue: Issue }> = [];
  for (const match of (body ?? "").matchAll(PATTERN)) {
    const g = match.groups ?? {};
    const owner = g.owner ?? g.urlOwner;
    const name = g.name ?? g.urlName;
    const number = Number(g.number ?? g.urlNumber);
    const target = owner && name ? store.findRepo(owner, name) : repo;
    const issue = target?.issues.get(number);
    if (!target || !issue || issue.pull) continue;
    if (!found.some((ref) => ref.issue === issue)) found.push({ repo: target, issue });
  }
  return found;
}

/** Issues of the same repository a body mentions (`#N`), keyword or not: GitHub cross-references each one. */
export function mentionedIssues(repo: Repo, body: string | null, self: number): Issue[] {
  const found: Issue[] = [];
  for (const match of (body ?? "").matchAll(/(?:^|[^\w/#])#(\d+)\b/g)) {
    const issue = repo.issues.get(Number(match[1]));
    if (issue && issue.number !== self && !found.includes(issue)) found.push(issue);
  }
  return found;
}
