//! Purpose: the bot's own identity: the app's `slug[bot]` login, or a personal token's login (its comments are the bot's).
import { VIEWER } from "../github/bulk-queries.js";
import type { Octokit, RuntimeClients } from "./clients.js";
import type { Credentials } from "./settings.js";

export interface Identity {
  /** The login the bot's comments carry: `bug-lifecycle[bot]`, a person's login for a personal token, or null when unknown. */
  login: string | null;
  /** A personal token's login: its comments count as the bot's although GitHub shows them as a User's. */
  self: string | undefined;
}

/**
 * An installation access token: GitHub prefixes every token with its kind, and `ghs_` is a GitHub App's
 * server-to-server token — the Actions GITHUB_TOKEN (github-actions[bot]) and a token from
 * actions/create-github-app-token alike. Its comments are a Bot's, recognised as the bot's without a login.
 */
export function isInstallationToken(token: string): boolean {
  return token.startsWith("ghs_");
}

/**
 * As the app: `GET /app` names its slug. With an installation token: nothing to read (see above), so the first
 * write of an Action's run waits on no identity query. With any other token (a person's `ghp_`/`github_pat_`,
 * or an old unprefixed one): the viewer's login, as its comments look like a person's.
 */
export async function readIdentity(credentials: Credentials, clients: RuntimeClients, client?: Octokit): Promise<Identity> {
  if (credentials.kind === "token") {
    if (isInstallationToken(credentials.token)) return { login: null, self: undefined };
    try {
      const octokit = client ?? (await clients.forInstallation(undefined));
      const data: { viewer: { login: string } } = await octokit.graphql(VIEWER);
      return { login: data.viewer.login, self: data.viewer.login };
    } catch {
      return { login: null, self: undefined };
    }
  }
  const app = await clients.app();
  const { data } = await app.rest.apps.getAuthenticated();
  return { login: data?.slug ? `${data.slug}[bot]` : null, self: undefined };
}

/**
 * The `self` every reader takes (src/github/facts.ts): a personal token's login, else undefined. Only token
 * mode needs the identity, and an installation token answers it without a request; the runtime reads it once.
 */
export async function selfOf(runtime: { settings: { credentials: Credentials }; identity(): Promise<Identity> }): Promise<string | undefined> {
  return runtime.settings.credentials.kind === "token" ? (await runtime.identity()).self : undefined;
}
