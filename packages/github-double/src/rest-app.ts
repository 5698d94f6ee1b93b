//! Purpose: REST handlers for the app itself: installations, access tokens, users and the rate limit.
import { ok, paginate, type Handler, type RestCtx } from "./rest-context.js";
import { appJson } from "./rest-shapes-pull.js";
import { API, WEB, repoJson, userJson } from "./rest-shapes.js";
import { DoubleError } from "./store.js";
import type { Installation } from "./types.js";

function installationJson(ctx: RestCtx, installation: Installation): Record<string, unknown> {
  const account = ctx.store.user(installation.account);
  return {
    id: installation.id,
    account: userJson(account),
    repository_selection: installation.repositories === "all" ? "all" : "selected",
    access_tokens_url: `${API}/app/installations/${installation.id}/access_tokens`,
    repositories_url: `${API}/installation/repositories`,
    html_url: `${WEB}/settings/installations/${installation.id}`,
    app_id: ctx.store.appId,
    app_slug: ctx.store.appSlug,
    target_id: account.id,
    target_type: account.type === "Organization" ? "Organization" : "User",
    permissions: (appJson(ctx.store) as { permissions: unknown }).permissions,
    events: (appJson(ctx.store) as { events: unknown }).events,
    created_at: installation.createdAt,
    updated_at: installation.createdAt,
    single_file_name: null,
    suspended_by: null,
    suspended_at: null,
  };
}

function requireApp(ctx: RestCtx): void {
  if (ctx.principal.kind !== "app") {
    throw new DoubleError(401, "A JSON web token could not be decoded");
  }
}

function installationOf(ctx: RestCtx, id: number): Installation {
  const installation = ctx.store.installations.get(id);
  if (!installation) throw new DoubleError(404, "Not Found");
  return installation;
}

const getApp: Handler = (ctx) => {
  requireApp(ctx);
  return ok(appJson(ctx.store));
};

const listInstallations: Handler = (ctx) => {
  requireApp(ctx);
  return paginate(ctx, [...ctx.store.installations.values()].map((i) => installationJson(ctx, i)));
};

const getInstallation: Handler = (ctx) => {
  requireApp(ctx);
  return ok(installationJson(ctx, installationOf(ctx, Number(ctx.params.installation_id))));
};

const createToken: Handler = (ctx) => {
  requireApp(ctx);
  const installation = installationOf(ctx, Number(ctx.params.installation_id));
  const minted = ctx.auth.installationToken(installation.id);
  return ok(
    {
      ...minted,
      permissions: (appJson(ctx.store) as { permissions: unknown }).permissions,
      repository_selection: installation.repositories === "all" ? "all" : "selected",
    },
    201,
  );
};

const repoInstallation: Handler = (ctx) => {
  requireApp(ctx);
  const repo = ctx.store.findRepo(ctx.params.owner ?? "", ctx.params.repo ?? "");
  const installation = repo && ctx.store.installationFor(repo);
  if (!installation) throw new DoubleError(404, "Not Found");
  return ok(installationJson(ctx, installation));
};

const accountInstallation: Handler = (ctx) => {
  requireApp(ctx);
  const login = (ctx.params.org ?? ctx.params.username ?? "").toLowerCase();
  const installation = [...ctx.store.installations.values()].find((i) => i.account.toLowerCase() === login);
  if (!installation) throw new DoubleError(404, "Not Found");
  return ok(installationJson(ctx, installation));
};

const installationRepositories: Handler = (ctx) => {
  if (ctx.principal.kind !== "installation") throw new DoubleError(403, "You must authenticate with an installation access token in order to list repositories for an installation.");
  const installationId = ctx.principal.installationId;
  const repos = [...ctx.store.repos.values()].filter((r) => ctx.store.installationFor(r)?.id === installationId);
  const page = paginate(ctx, repos.map((r) => repoJson(ctx.store, r)));
  const selection = ctx.store.installations.get(installationId)?.repositories === "all" ? "all" : "selected";
  return { ...page, body: { total_count: repos.length, repositories: page.body, repository_selection: selection } };
};

const getUser: Handler = (ctx) => {
  const user = ctx.store.findUser(ctx.params.username ?? "");
  if (!user) throw new DoubleError(404, "Not Found");
  return ok({ ...userJson(user), name: null, company: null, blog: "", location: null, email: null, hireable: null, bio: null, twitter_username: null, public_repos: 0, public_gists: 0, followers: 0, following: 0, created_at: "2020-01-01T00:00:00Z", updated_at: "2020-01-01T00:00:00Z" });
};

const rateLimit: Handler = (ctx) => {
  const usage = ctx.auth.usage(ctx.principal);
  const limit = ctx.principal.kind === "anonymous" ? 60 : 5000;
  const reset = Math.floor(usage.reset / 1000);
  const entry = (used: number, max = limit) => ({ limit: max, used, remaining: Math.max(0, max - used), reset });
  return ok({
    resources: {
      core: entry(usage.core),
      graphql: entry(usage.graphql),
      search: entry(0, 30),
      integration_manifest: entry(0),
    },
    rate: entry(usage.core),
  });
};

export const appRoutes: Record<string, Handler> = {
  "GET /app": getApp,
  "GET /app/installations": listInstallations,
  "GET /app/installations/{installation_id}": getInstallation,
  "POST /app/installations/{installation_id}/access_tokens": createToken,
  "GET /repos/{owner}/{repo}/installation": repoInstallation,
  "GET /orgs/{org}/installation": accountInstallation,
  "GET /users/{username}/installation": accountInstallation,
  "GET /installation/repositories": installationRepositories,
  "GET /users/{username}": getUser,
  "GET /rate_limit": rateLimit,
};

/** Routes that answer without credentials. */
export const PUBLIC_ROUTES = new Set(["GET /rate_limit", "GET /users/{username}"]);
