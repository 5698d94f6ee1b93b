//! Purpose: what `init` reads of a repository: its labels, the people with write access, and whether it has a config file.
import { CONFIG_FILE, mergeConfigs } from "../config/load.js";
import type { ExistingLabel } from "../lifecycle/managed-labels.js";
import type { Octokit } from "../runtime/clients.js";

export interface RepoSetup {
  labels: ExistingLabel[];
  /** Logins with write, maintain or admin, sorted. */
  writers: string[];
  /** The repository (or its owner's `.github`) has `.github/bug-lifecycle.yml`. */
  hasConfig: boolean;
}

export async function readSetup(octokit: Octokit, repo: { owner: string; name: string }): Promise<RepoSetup> {
  const labels = await octokit.paginate(octokit.rest.issues.listLabelsForRepo, { owner: repo.owner, repo: repo.name, per_page: 100 });
  const people = await octokit.paginate(octokit.rest.repos.listCollaborators, { owner: repo.owner, repo: repo.name, per_page: 100, affiliation: "all" });
  const { files } = await octokit.config.get({ owner: repo.owner, repo: repo.name, path: `.github/${CONFIG_FILE}`, defaults: (configs: Record<string, unknown>[]) => mergeConfigs(configs) });
  return {
    labels: labels.map((label) => ({ name: label.name, color: label.color, description: label.description ?? null })),
    writers: people
      .filter((person) => person.permissions?.push || person.permissions?.maintain || person.permissions?.admin)
      .map((person) => person.login)
      .sort((a, b) => a.localeCompare(b)),
    hasConfig: files.some((file) => file.config !== null),
  };
}
