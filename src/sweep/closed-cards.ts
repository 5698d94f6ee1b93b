//! Purpose: the closed bugs whose board card the sweep corrects: closed issues are not in the bug pages, so their cards come from the board read; bugs by type are named by one REST listing.
import type { Card } from "../board/read-items.js";
import { closedCardDrifts } from "../lifecycle/board/drift.js";
import type { Config } from "../lifecycle/config.js";
import type { Octokit } from "../runtime/clients.js";

/** A closed bug whose card does not show the closed column; `type` when it is a bug by type only. */
export interface ClosedCard {
  nodeId: string;
  number: number;
  /** When the card's value last changed: the oldest is corrected first. */
  deadline: number;
  type?: string;
}

/**
 * The closed cards of `repo` to correct (a close the webhook missed, or a closed bug a maintainer dragged back).
 * A bug by label is known from the board read. A card whose issue has no `bug` label, but would drift if it were
 * a bug by type, is checked against one REST listing of the repository's closed issues of `config.bugType`
 * (`?type=&state=closed`, 100 per request), made only when such a card exists: GraphQL has no issue types, and
 * a request per card would repeat every sweep for a closed non-bug left in a column.
 */
export async function closedCardsToCorrect(octokit: Octokit, repo: { owner: string; name: string }, cards: ReadonlyMap<string, Card>, config: Config): Promise<ClosedCard[]> {
  const here = `${repo.owner}/${repo.name}`.toLowerCase();
  const found: ClosedCard[] = [];
  const maybeTyped: ClosedCard[] = [];
  for (const [nodeId, card] of cards) {
    const issue = card.issue;
    if (!issue?.closed || issue.repo.toLowerCase() !== here) continue;
    const entry = { nodeId, number: issue.number, deadline: Date.parse(card.valueUpdatedAt ?? "") || 0 };
    if (closedCardDrifts(issue.labels, card, config)) found.push(entry);
    else if (config.bugType && closedCardDrifts(issue.labels, card, config, config.bugType)) maybeTyped.push(entry);
  }
  if (!maybeTyped.length || !config.bugType) return found;
  const type = config.bugType;
  const typed = await octokit.paginate(octokit.rest.issues.listForRepo, { owner: repo.owner, repo: repo.name, type, state: "closed", per_page: 100 });
  const numbers = new Set(typed.filter((issue) => !issue.pull_request).map((issue) => issue.number));
  return [...found, ...maybeTyped.filter((entry) => numbers.has(entry.number)).map((entry) => ({ ...entry, type }))];
}
