//! Purpose: a repository's label, user and milestone ids, read in one query and cached, so writes need no lookups.
import type { ProbotOctokit } from "probot";
import type { Config } from "../lifecycle/config.js";
import { IdBook } from "./ids.js";
import { directoryQuery } from "./queries.js";
import { singleFlightOf } from "./single-flight.js";
import type { TtlCache } from "./ttl-cache.js";

interface DirectoryResponse {
  repository: {
    id: string;
    labels: { nodes: { id: string; name: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    milestones: { nodes: { id: string; number: number; title: string; dueOn: string | null }[] };
  };
  [alias: `u${number}`]: { id: string; login: string } | null;
}

/** Every login the config can assign or mention. */
export function configLogins(config: Config): string[] {
  const logins: (string | null | undefined)[] = [...config.people.qa, config.people.headOfProduct];
  for (const group of Object.values(config.groups)) logins.push(group.em, group.pm);
  return [...new Set(logins.filter((login): login is string => Boolean(login)).map((l) => l.toLowerCase()))].sort();
}

export async function directory(
  octokit: ProbotOctokit,
  repo: { owner: string; name: string },
  config: Config,
  cache: TtlCache<string, IdBook>,
  options: { refresh?: boolean } = {},
): Promise<IdBook> {
  const logins = configLogins(config);
  const key = `${repo.owner}/${repo.name}|${logins.join(",")}`.toLowerCase();
  const cached = options.refresh ? undefined : cache.get(key);
  if (cached) return cached;
  // One GraphQL query (a paced slot): a burst's cold deliveries share the first one's; a refresh (a label
  // missing from the cached book) joins a refresh already running, not a plain read.
  return singleFlightOf<string, IdBook>(cache).run(options.refresh ? `${key}|refresh` : key, () => readDirectory(octokit, repo, logins, key, cache));
}

async function readDirectory(
  octokit: ProbotOctokit,
  repo: { owner: string; name: string },
  logins: string[],
  key: string,
  cache: TtlCache<string, IdBook>,
): Promise<IdBook> {
  const book = new IdBook();
  let after: string | null = null;
  let first = true;
  do {
    const query = directoryQuery(first ? logins : []);
    const data: DirectoryResponse = await withPartialData<DirectoryResponse>(
      octokit.graphql(query, { owner: repo.owner, name: repo.name, after }),
    );
    book.repositoryId = data.repository.id;
    for (const label of data.repository.labels.nodes) book.addLabel(label.name, label.id);
    if (first) {
      book.milestones = data.repository.milestones.nodes;
      logins.forEach((_login, i) => {
        const user = data[`u${i}`];
        if (user) book.addUser(user.login, user.id);
      });
    }
    first = false;
    after = data.repository.labels.pageInfo.hasNextPage ? data.repository.labels.pageInfo.endCursor : null;
  } while (after);
  cache.set(key, book);
  return book;
}

/**
 * `user(login:)` for a login that does not exist (a typo in the config, a bot) is an error next to
 * partial data: keep the data, so one bad login does not stop every write in the repository.
 */
async function withPartialData<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    const { data, errors } = error as { data?: T; errors?: { path?: unknown[] }[] };
    const onlyUsers = errors?.every((item) => typeof item.path?.[0] === "string" && /^u\d+$/.test(item.path[0] as string));
    if (data && onlyUsers) return data;
    throw error;
  }
}
