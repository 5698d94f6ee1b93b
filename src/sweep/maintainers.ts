//! Purpose: who maintains a repository, as the sweep needs it: `authorAssociation` as a hint, the permission API as proof.
import type { ProbotOctokit } from "probot";
import { configLogins } from "../github/directory.js";
import { isMaintainer } from "../github/permissions.js";
import type { TtlCache } from "../github/ttl-cache.js";
import type { Config } from "../lifecycle/config.js";
import type { TrackedItem } from "../lifecycle/repo-snapshot.js";

const CANDIDATES = new Set(["OWNER", "MEMBER", "COLLABORATOR"]);

/**
 * Logins that may be maintainers on this PR: the configured people and whoever GitHub marks OWNER, MEMBER
 * or COLLABORATOR on its comments and reviews. A hint only: a read-only collaborator shows COLLABORATOR.
 */
export function maintainerHints(item: TrackedItem, config: Config): Set<string> {
  const hints = new Set(configLogins(config));
  for (const fact of item.timeline) {
    if (fact.actor && !fact.actorIsBot && fact.association && CANDIDATES.has(fact.association)) hints.add(fact.actor.toLowerCase());
  }
  return hints;
}

/** The hints without the PR's author: before anything is confirmed, every author is taken for a community author. */
export function assumingCommunity(hints: ReadonlySet<string>, item: TrackedItem): Set<string> {
  const set = new Set(hints);
  set.delete(item.author.toLowerCase());
  return set;
}

export class MaintainerCheck {
  constructor(
    private readonly octokit: ProbotOctokit,
    private readonly repo: { owner: string; name: string },
    /**
     * The sweep asks "is this PR's author a maintainer?" only for PRs that look due, so answers are kept
     * for an hour (`caches.sweepMaintainers`: an hourly sweep reuses them); commands ask through the
     * 5-minute `caches.permissions`.
     */
    private readonly confirmed: TtlCache<string, boolean>,
  ) {}

  /** One login (a card's mover), through the same hour-long cache. */
  async one(login: string): Promise<boolean> {
    const key = `${this.repo.owner}/${this.repo.name}:${login}`.toLowerCase();
    const cached = this.confirmed.get(key);
    if (cached !== undefined) return cached;
    const result = await isMaintainer(this.octokit, this.repo.owner, this.repo.name, login);
    this.confirmed.set(key, result);
    return result;
  }

  /**
   * The confirmed maintainers among a PR's author and the hinted people who acted on it. A private org
   * member whose association shows CONTRIBUTOR is still caught as an author (every due author is asked).
   */
  async forItem(item: TrackedItem, hints: ReadonlySet<string>): Promise<Set<string>> {
    const logins = new Set<string>();
    if (!item.authorIsBot) logins.add(item.author.toLowerCase());
    for (const fact of item.timeline) {
      const login = fact.actor?.toLowerCase();
      if (login && !fact.actorIsBot && hints.has(login)) logins.add(login);
    }
    const set = new Set<string>();
    for (const login of logins) if (await this.one(login)) set.add(login);
    return set;
  }
}
