//! Purpose: the runtime's GitHub clients: the app (JWT), one per installation (paced per installation), or the token's.
// The ES2017 build of Bottleneck (native async functions), the one plugin-throttling uses without Redis;
// Bottleneck's main build, which Probot hands over with REDIS_URL, is Babel's generator code, heavier per job.
import BottleneckLight from "bottleneck/light.js";
import type pino from "pino";
import { ProbotOctokit, type Probot } from "probot";
import { useTransport } from "../github/transport.js";
import { TtlCache } from "../github/ttl-cache.js";
import type { Credentials } from "./settings.js";

export type Octokit = ProbotOctokit;

/** No credentials for what was asked (the CLI prints the message and exits 2). */
export class CredentialsError extends Error {}

export interface RuntimeClients {
  /** As the app itself (JWT): list installations, read the app. */
  app(): Promise<Octokit>;
  /** As one installation: each installation has its own client, so writes are paced per installation. */
  installation(id: number): Promise<Octokit>;
  /** The client a delivery's handlers use: its installation's, else (token runs) the token's. */
  forInstallation(id: number | undefined): Promise<Octokit>;
  /** The client for one repository: the token's, or the app's installation on its owner. */
  forRepo(repo: { owner: string; name: string }): Promise<Octokit>;
  /** The app's installation on the repository's owner (one read); undefined with a token. */
  installationIdOf(repo: { owner: string; name: string }): Promise<number | undefined>;
}

export interface ClientOptions {
  credentials: Credentials;
  baseUrl: string | undefined;
  log: pino.Logger;
  /** Writes and GraphQL ≥ 1 s apart per client (Probot's throttling); off for read-only runs and the double. */
  pacing: boolean;
  /** A fetch to use instead of the transport (the in-process double; nock tests pass Node's own). */
  fetch?: typeof fetch | undefined;
  /** The server's Probot: its auth and its Octokit class (its throttling always in this process). */
  probot?: Probot | undefined;
}

export function createClients(options: ClientOptions): RuntimeClients {
  const installations = new TtlCache<number, Promise<Octokit>>(24 * 60 * 60_000, 10_000);
  const make = options.probot ? fromProbot(options.probot, options.fetch) : standalone(options);
  let app: Promise<Octokit> | undefined;
  let token: Promise<Octokit> | undefined;
  const clients: RuntimeClients = {
    app: () => (app ??= make.app()),
    installation: (id) => {
      let client = installations.get(id);
      if (!client) {
        client = make.installation(id);
        installations.set(id, client);
        // A failed authentication must not be cached for a day.
        client.catch(() => installations.delete(id));
      }
      return client;
    },
    forInstallation: (id) => {
      if (id !== undefined && options.credentials.kind !== "token") return clients.installation(id);
      if (options.credentials.kind === "token") return (token ??= make.token());
      return clients.app();
    },
    forRepo: async (repo) => {
      if (options.credentials.kind === "token") return (token ??= make.token());
      return clients.installation((await clients.installationIdOf(repo))!);
    },
    installationIdOf: async (repo) => {
      if (options.credentials.kind === "token") return undefined;
      return installationOfOwner(await clients.app(), repo);
    },
  };
  return clients;
}

interface Maker {
  app(): Promise<Octokit>;
  installation(id: number): Promise<Octokit>;
  token(): Promise<Octokit>;
}

/** The part of Probot's throttle options the installation factory reads (plugin-throttling's). */
interface ThrottleOptions {
  enabled?: boolean;
  /** Set by Probot with `REDIS_URL`: Bottleneck's class and its clustered connection. */
  Bottleneck?: { Group: new (options: { id: string; maxConcurrent: number }) => unknown };
  connection?: unknown;
  [option: string]: unknown;
}

interface FactoryArguments {
  octokit: { constructor: new (options: Record<string, unknown>) => Octokit };
  octokitOptions: { throttle?: ThrottleOptions; auth?: Record<string, unknown>; [option: string]: unknown };
  [other: string]: unknown;
}

function fromProbot(probot: Probot, fetch: typeof globalThis.fetch | undefined): Maker {
  const wrap = (octokit: Octokit) => (fetch ? useTransport(octokit, fetch) : useTransport(octokit));
  let local: Record<string, unknown> | undefined;
  /**
   * `npm start` keeps `REDIS_URL` from Probot, but `probot run` hands it over and Probot then clusters every
   * Bottleneck group through Redis. None of them may be: an installation's work runs on one replica at a
   * time (its lane: src/queue/redis-queue.ts), so its pacing is that process's own limiter; and Bottleneck's
   * clustered keys expire after 2 idle minutes and on Redis 7 do not recover (`ERR SETTINGS_KEY_NOT_FOUND`),
   * losing the write. Every group stays in the process on Bottleneck's light build, as without Redis, with
   * plugin-throttling's own limits; the limiter ids stay per installation.
   */
  const localGroups = (throttle: ThrottleOptions): Record<string, unknown> => {
    if (!throttle.connection || !throttle.Bottleneck) return {};
    local ??= {
      global: new BottleneckLight.Group({ id: "octokit-global", maxConcurrent: 10 }),
      auth: new BottleneckLight.Group({ id: "octokit-auth", maxConcurrent: 1 }),
      search: new BottleneckLight.Group({ id: "octokit-search", maxConcurrent: 1, minTime: 2_000 }),
      write: new BottleneckLight.Group({ id: "octokit-write", maxConcurrent: 1, minTime: 1_000 }),
      notifications: new BottleneckLight.Group({ id: "octokit-notifications", maxConcurrent: 1, minTime: 3_000 }),
    };
    return { ...local, retryLimiter: new BottleneckLight(), clustering: false, connection: undefined, Bottleneck: BottleneckLight };
  };
  return {
    app: () => probot.auth().then(wrap),
    // Probot's own installation factory (probot/lib/octokit/get-authenticated-octokit.js), with the local groups.
    installation: async (installationId) => {
      const app = await probot.auth();
      const octokit = (await app.auth({
        type: "installation",
        installationId,
        factory: ({ octokit: base, octokitOptions, ...otherOptions }: FactoryArguments) => {
          const throttle = octokitOptions.throttle;
          return new base.constructor({
            ...octokitOptions,
            log: probot.log.child({ name: "github" }),
            throttle: throttle?.enabled ? { ...throttle, ...localGroups(throttle), id: String(installationId) } : { enabled: false },
            auth: { ...octokitOptions.auth, otherOptions, installationId },
          });
        },
      })) as Octokit;
      return wrap(octokit);
    },
    // A Probot made with `githubToken` authenticates every client with it.
    token: () => probot.auth().then(wrap),
  };
}

function standalone(options: ClientOptions): Maker {
  const log = options.log.child({ name: "octokit" });
  const Octokit = ProbotOctokit.defaults((instance: Record<string, unknown>) => ({
    ...instance,
    log,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.fetch ? { request: { fetch: options.fetch } } : {}),
    ...(options.fetch ? { retry: { enabled: false } } : {}),
    throttle: options.pacing
      ? {
          enabled: true,
          onRateLimit: (retryAfter: number, request: { method: string; url: string; request: { retryCount: number } }) => {
            log.warn({ retryAfter }, `rate limit hit with ${request.method} ${request.url}`);
            return request.request.retryCount <= 2;
          },
          onSecondaryRateLimit: (retryAfter: number, request: { method: string; url: string }) => {
            log.warn({ retryAfter }, `secondary rate limit hit with ${request.method} ${request.url}`);
            return true;
          },
        }
      : { enabled: false },
  }));
  const app = () => {
    const c = options.credentials;
    if (c.kind !== "app") throw new CredentialsError(c.kind === "none" ? c.reason : "this needs the app's APP_ID and PRIVATE_KEY, not GITHUB_TOKEN");
    return c;
  };
  return {
    app: async () => {
      const { appId, privateKey } = app();
      return useTransport(new Octokit({ auth: { appId, privateKey } }));
    },
    installation: async (installationId) => {
      const { appId, privateKey } = app();
      return useTransport(new Octokit({ auth: { appId, privateKey, installationId } }));
    },
    token: async () => {
      const c = options.credentials;
      if (c.kind !== "token") throw new CredentialsError(c.kind === "none" ? c.reason : "no GITHUB_TOKEN");
      return useTransport(new Octokit({ auth: { token: c.token } }));
    },
  };
}

/** An account has at most one installation of an app: the owner's is the repository's. */
async function installationOfOwner(app: Octokit, repo: { owner: string; name: string }): Promise<number> {
  const installations = await app.paginate(app.rest.apps.listInstallations, { per_page: 100 });
  const found = installations.find((i) => i.account && "login" in i.account && i.account.login.toLowerCase() === repo.owner.toLowerCase());
  if (!found) throw new CredentialsError(`the app is not installed on ${repo.owner}/${repo.name} (no installation on ${repo.owner})`);
  return found.id;
}
