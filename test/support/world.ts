//! Purpose: the one seeded world every test builder starts from: Fleet's repository (or several), its people, labels and config on a GitHub double.
import type { GitHubDouble } from "@bug-lifecycle/github-double";
import { FLEET_CONFIG, FLEET_LABELS, REPO } from "./fleet.js";

/** The people with write access: maintainers, QA, the groups' EMs and PMs, the head of product, a developer. */
export const WRITERS = ["maint", "qa-lead", "mdm-em", "mdm-pm", "orch-em", "orch-pm", "product-head", "dev-1"];

/** People with an account and no role in the repository: a reporter, a community contributor, a passer-by. */
export const OUTSIDERS = ["reporter", "contributor", "stranger"];

export interface SeedOptions {
  /** The repositories, each in an installation of its own numbered from 1 (default: acme/app only). */
  repos?: readonly string[];
  /** The labels each repository has (default: every label Fleet's config uses). */
  labels?: readonly string[];
  /** `.github/bug-lifecycle.yml` (default: Fleet's config; null: no file). */
  config?: string | null;
}

/** Seeds the double with the world the tests act in; each builder (in process, over HTTP, replicas) starts here. */
export function seedWorld(double: GitHubDouble, options: SeedOptions = {}): void {
  (options.repos ?? [REPO]).forEach((repo, index) => {
    double.addInstallation({ id: index + 1, account: repo.split("/")[0]! });
    double.addRepo(repo, { labels: [...(options.labels ?? FLEET_LABELS)] });
    for (const login of WRITERS) double.addCollaborator(repo, login, "write");
    double.addCollaborator(repo, "triager", "triage");
    double.addCollaborator(repo, "reader", "read");
    if (options.config !== null) double.setFile(repo, ".github/bug-lifecycle.yml", options.config ?? FLEET_CONFIG);
  });
  for (const login of OUTSIDERS) double.addUser(login);
}
