//! Purpose: which repositories a sweep visits, with which client: every installation of the app, or one repo by token.
import type { Probot, ProbotOctokit } from "probot";
import { VIEWER } from "../github/bulk-queries.js";
import { useTransport } from "../github/transport.js";
import { requestCounter } from "./request-counter.js";

export interface RepoName {
  owner: string;
  name: string;
}

export interface SweepTarget {
  octokit: ProbotOctokit;
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
export async function appTargets(probot: Probot, only?: RepoName): Promise<Targets> {
  const app = await probot.auth();
  const counter = requestCounter(app);
  const before = counter.reads;
  const targets: SweepTarget[] = [];
  let reads = 0;
  const installations = await app.paginate(app.rest.apps.listInstallations, { per_page: 100 });
  if (only) {
    // An account has at most one installation of an app: the owner's is the repository's.
    const installation = installations.find((i) => i.account && "login" in i.account && i.account.login.toLowerCase() === only.owner.toLowerCase());
    if (!installation) throw new Error(`the app is not installed on ${only.owner}`);
    targets.push({ octokit: useTransport(await probot.auth(installation.id)), repos: [only] });
    return { targets, reads: counter.reads - before };
  }
  for (const installation of installations) {
    if (installation.suspended_at) continue;
    const octokit = useTransport(await probot.auth(installation.id));
    const installed = requestCounter(octokit);
    const start = installed.reads;
    const repositories = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
    reads += installed.reads - start;
    const repos = repositories.filter((repo) => !repo.archived).map((repo) => ({ owner: repo.owner.login, name: repo.name }));
    if (repos.length) targets.push({ octokit, repos, installationId: installation.id });
  }
  return { targets, reads: reads + counter.reads - before };
}

/** With `GITHUB_TOKEN`: one repository. A personal token's login is read so its own comments count as the bot's. */
export async function tokenTarget(probot: Probot, repo: RepoName): Promise<Targets> {
  const octokit = useTransport(await probot.auth());
  const counter = requestCounter(octokit);
  const before = counter.reads;
  let self: string | undefined;
  try {
    const data: { viewer: { login: string } } = await octokit.graphql(VIEWER);
    self = data.viewer.login;
  } catch {
    // GitHub Actions' token is an app installation: its comments are a Bot's, recognised without a login.
  }
  return { targets: [{ octokit, repos: [repo], self }], reads: counter.reads - before };
}
