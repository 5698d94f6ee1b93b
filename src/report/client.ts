//! Purpose: a GitHub client for CLI runs: the app's installation on the repository, or GITHUB_TOKEN; GHE_HOST honoured.
import { readFile } from "node:fs/promises";
import { ProbotOctokit } from "probot";
import { useTransport } from "../github/transport.js";
import type { RepoName } from "./read.js";

export type Env = Record<string, string | undefined>;

/** `${GHE_PROTOCOL}://${GHE_HOST}/api/v3` (GraphQL then goes to `/api/graphql`), or github.com's default. */
export function baseUrlOf(env: Env): string | undefined {
  if (!env.GHE_HOST) return undefined;
  return `${env.GHE_PROTOCOL || "https"}://${env.GHE_HOST}/api/v3`;
}

/**
 * GITHUB_TOKEN when set (one repository, e.g. from CI); otherwise the app (APP_ID + PRIVATE_KEY or PRIVATE_KEY_PATH)
 * acting as its installation on the repository, found with one request.
 */
export async function clientFor(repo: RepoName, env: Env): Promise<ProbotOctokit> {
  const baseUrl = baseUrlOf(env);
  // A report only reads, one request after another. Probot's throttling would space every GraphQL query
  // ≥1 s apart (it paces anything under /graphql like a write): ~2 minutes of sleep for 10,000 bugs.
  // Retries (5xx) stay on; a rate limit fails the run loudly instead of waiting silently.
  const common = { ...(baseUrl ? { baseUrl } : {}), throttle: { enabled: false } };
  if (env.GITHUB_TOKEN) return useTransport(new ProbotOctokit({ ...common, auth: { token: env.GITHUB_TOKEN } }));
  if (!env.APP_ID) throw new CredentialsError("set GITHUB_TOKEN, or APP_ID with PRIVATE_KEY or PRIVATE_KEY_PATH");
  const privateKey = await privateKeyOf(env);
  const app = new ProbotOctokit({ ...common, auth: { appId: env.APP_ID, privateKey } });
  const installationId = await installationOf(app, repo);
  if (installationId === null) throw new CredentialsError(`the app (APP_ID ${env.APP_ID}) is not installed on ${repo.owner}/${repo.name}`);
  return useTransport(new ProbotOctokit({ ...common, auth: { appId: env.APP_ID, privateKey, installationId } }));
}

async function installationOf(app: ProbotOctokit, repo: RepoName): Promise<number | null> {
  try {
    return (await app.rest.apps.getRepoInstallation({ owner: repo.owner, repo: repo.name })).data.id;
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 404) return null;
    if (status !== 403) throw error;
  }
  // Servers that refuse the app's JWT on that route (the test double does) still list the app's installations:
  // a repository's installation is its owner's.
  const installations = await app.paginate(app.rest.apps.listInstallations, { per_page: 100 });
  const owner = installations.find((installation) => installation.account?.login?.toLowerCase() === repo.owner.toLowerCase());
  return owner?.id ?? null;
}

export class CredentialsError extends Error {}

async function privateKeyOf(env: Env): Promise<string> {
  // Like Probot: a key pasted into one line of .env keeps its newlines as "\n".
  if (env.PRIVATE_KEY) return env.PRIVATE_KEY.replace(/\\n/g, "\n");
  if (env.PRIVATE_KEY_PATH) {
    try {
      return await readFile(env.PRIVATE_KEY_PATH, "utf8");
    } catch (error) {
      throw new CredentialsError(`cannot read PRIVATE_KEY_PATH ${env.PRIVATE_KEY_PATH}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new CredentialsError("APP_ID is set but neither PRIVATE_KEY nor PRIVATE_KEY_PATH");
}
