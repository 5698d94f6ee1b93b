//! Purpose: is a login a maintainer of a repository? Asked of GitHub, never read from `author_association` (docs/contract.md §3).
import type { ProbotOctokit } from "probot";
import { singleFlightOf } from "./single-flight.js";
import type { TtlCache } from "./ttl-cache.js";

/** `role_name` is the repository role; triage counts as write (it can label and assign). */
const MAINTAINER_ROLES = new Set(["admin", "maintain", "write", "triage"]);

/** `cache` is the runtime's (`caches.permissions`); without one, every call asks GitHub. */
export async function isMaintainer(
  octokit: ProbotOctokit,
  owner: string,
  repo: string,
  login: string,
  cache?: TtlCache<string, boolean>,
): Promise<boolean> {
  if (login.endsWith("[bot]")) return false;
  const key = `${owner}/${repo}:${login}`.toLowerCase();
  const cached = cache?.get(key);
  if (cached !== undefined) return cached;
  // Concurrent checks of one login (a burst of commands) share one request.
  const ask = async () => {
    let result = false;
    try {
      const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: login });
      // Custom roles have their own names; their base permission still tells write from read.
      result = MAINTAINER_ROLES.has(data.role_name) || data.permission === "admin" || data.permission === "write";
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
    }
    cache?.set(key, result);
    return result;
  };
  return cache ? singleFlightOf<string, boolean>(cache).run(key, ask) : ask();
}
