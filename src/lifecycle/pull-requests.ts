//! Purpose: the pull-request rules of docs/contract.md §5: bug references, closing keywords, merges and thanks.
import type { Config } from "./config.js";
import { say } from "./say.js";
import { stateOf } from "./state.js";
import { transition } from "./transition.js";
import type { Effect, IssueSnapshot, PullRequestRef } from "./types.js";

export interface Reference {
  number: number;
  /** Written with a closing keyword (`fixes #12`): merging would close the bug. */
  closing: boolean;
}

const KEYWORD = "(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)";

/** Issues of this repository that `body` references: `#12`, `owner/repo#12` or the issue's URL. */
export function referencesIn(body: string, repo: { owner: string; name: string }): Reference[] {
  const text = body.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  const full = `${escape(repo.owner)}\\/${escape(repo.name)}`;
  const target = `(?:(?<![\\w/])#|(?<![\\w/])${full}#|https?:\\/\\/[^\\s/]+\\/${full}\\/issues\\/)(\\d+)\\b`;
  const pattern = new RegExp(`(?:\\b(${KEYWORD}):?\\s+)?${target}`, "gi");
  const found = new Map<number, Reference>();
  for (const match of text.matchAll(pattern)) {
    const number = Number(match[2]);
    const closing = Boolean(match[1]) || Boolean(found.get(number)?.closing);
    found.set(number, { number, closing });
  }
  return [...found.values()];
}

function escape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export interface PullRequestSnapshot extends PullRequestRef {
  body: string;
  /** Bugs the body references with a closing keyword (GitHub closes them on merge). */
  closing?: readonly number[];
  authorIsMaintainer: boolean;
  markers?: readonly string[];
}

/** PR opened or edited: one comment asking not to close open bugs with a keyword. */
export function onPullRequestChanged(pr: PullRequestSnapshot, closingBugs: readonly IssueSnapshot[], config: Config): Effect[] {
  if (!config.pullRequests.warnClosingKeywords) return [];
  const bugs = closingBugs.filter((issue) => issue.open && stateOf(issue.labels, config, issue.type));
  const first = bugs[0];
  if (!first) return [];
  const refs = bugs.map((issue) => `#${issue.number}`).join(", ");
  const body = say(config, "closingKeyword", { author: pr.author, refs, example: first.number });
  return [{ type: "comment", issue: pr.number, key: "closing-keyword", body, rule: "closingKeywordWarning" }];
}

/** PR merged: each referenced bug in engineering moves to awaiting QA; community authors are thanked. */
export function onPullRequestMerged(
  pr: PullRequestSnapshot,
  referenced: readonly IssueSnapshot[],
  config: Config,
  now: Date,
): Effect[] {
  const ref = { number: pr.number, url: pr.url, author: pr.author };
  const effects = referenced.flatMap((issue) => {
    // GitHub may have closed the bug already (its close webhook can come first, or never): reopen it for QA.
    const event = !issue.open && issue.closedByMerge?.number === pr.number
      ? ({ kind: "closed-by-merge", pr: ref } as const)
      : ({ kind: "fixed-by", pr: ref, closing: Boolean(pr.closing?.includes(issue.number)) } as const);
    return transition(issue, event, config, now).effects;
  });
  if (config.pullRequests.thankOnMerge && !pr.authorIsMaintainer && !pr.author.endsWith("[bot]")) {
    effects.push({ type: "comment", issue: pr.number, key: "thanks", body: say(config, "thanks", { author: pr.author }), rule: "thanks" });
  }
  return effects;
}
