//! Purpose: which repositories a sweep visits, with which client: every installation of the app, or one repo by token.
import type { Octokit, RuntimeClients } from "../runtime/clients.js";
import type { RepoName } from "../github/repo-name.js";
import { requestCounter } from "./request-counter.js";

export interface SweepTarget {
  octokit: Octokit;
  repos: RepoName[];
  /** A personal token's own login: its comments are the bot's (see ReadOptions.self). */
  self?: string | undefined;
  /** The app's installation (the shared queue's per-repository sweep jobs name it, not a client). */
  installationId?: number;
}

export interface Targets {
  targets: SweepTarget[];
  /** Requests spent finding them (installations, their repositories). */
  reads: number;
}

export function parseRepo(text: string): RepoName | null {
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(text.trim());
  return match ? { owner: match[1]!, name: match[2]! } : null;
}

/** As the app: each installation's repositories (or the one `only` names), each with its installation's client. */
export async function appTargets(clients: RuntimeClients, only?: RepoName): Promise<Targets> {
  const app = await clients.app();
  const counter = requestCounter(app);
  const before = counter.reads;
  const targets: SweepTarget[] = [];
  let reads = 0;
  if (only) {
    // One listing of the installations: its id names the repository's installation in replayed deliveries.
    const installationId = await clients.installationIdOf(only);
    const octokit = installationId === undefined ? await clients.forRepo(only) : await clients.installation(installationId);
    targets.push({ octokit, repos: [only], ...(installationId !== undefined && { installationId }) });
    return { targets, reads: counter.reads - before };
  }
  const installations = await app.paginate(app.rest.apps.listInstallations, { per_page: 100 });
  for (const installation of installations) {
    if (installation.suspended_at) continue;
    const octokit = await clients.installation(installation.id);
    const installed = requestCounter(octokit);
    const start = installed.reads;
    const repositories = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
    reads += installed.reads - start;
    const repos = repositories.filter((repo) => !repo.archived).map((repo) => ({ owner: repo.owner.login, name: repo.name }));
    if (repos.length) targets.push({ octokit, repos, installationId: installation.id });
  }
  return { targets, reads: reads + counter.reads - before };
}

/** With `GITHUB_TOKEN`: one repository; `self` is a personal token's login (see identity.ts). */
export async function tokenTarget(clients: RuntimeClients, repo: RepoName, self: () => Promise<string | undefined>): Promise<Targets> {
  const octokit = await clients.forRepo(repo);
  const counter = requestCounter(octokit);
  const before = counter.reads;
  const login = await self();
  return { targets: [{ octokit, repos: [repo], self: login }], reads: counter.reads - before };
}
