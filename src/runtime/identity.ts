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
 * As the app: `GET /app` names its slug. With a token: the viewer's login; GitHub Actions' token is an
 * installation (its viewer cannot be read) whose comments are a Bot's, recognised without a login.
 */
export async function readIdentity(credentials: Credentials, clients: RuntimeClients, client?: Octokit): Promise<Identity> {
  if (credentials.kind === "token") {
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
