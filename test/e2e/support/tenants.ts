//! Purpose: many installations (one repository each) on one GitHub double, served by one process or N replicas on one Redis, Probot's pacing ON; when each issue's bot reply landed.
import { GitHubDouble } from "@bug-lifecycle/github-double";
import { startRedis, type RedisProcess } from "../../support/redis.js";
import { seedWorld } from "../../support/world.js";
import { BOT } from "./fleet-world.js";
import { startServer, type ServerProcess } from "./server.js";

export interface TenantsOptions {
  /** Installations, numbered from 1, each with one repository `org-<n>/app`. */
  installations: number;
  /** 0: one process without Redis (its embedded queue); N ≥ 1: N replicas sharing one redis-server. */
  replicas: number;
  /** The hidden marker of the reply that counts as landed (`why` for `/why`). */
  marker: string;
  /** More environment for every server (production defaults otherwise: no QUEUE_SHARDS, no short leases). */
  env?: Record<string, string>;
  nodeArgs?: string[];
  /** Benchmarks send the servers' logs to /dev/null (parsing them costs the parent); tests keep them. */
  logs?: "collect" | "ignore";
}

export interface Tenants {
  double: GitHubDouble;
  redis: RedisProcess | null;
  servers: ServerProcess[];
  /** `repos[i]` is installation i + 1's repository. */
  repos: string[];
  /** The servers in turn, as a load balancer would (a single process: always it). */
  next(): ServerProcess;
  /** `performance.now()` when the bot's reply with the marker first landed on the double, by `issueKey`. */
  landed: Map<string, number>;
  /** Bot webhooks (GitHub's echo of the app's own writes) a server answered other than 200. */
  echoFailures: number;
  stop(): Promise<void>;
}

export const issueKey = (repo: string, number: number) => `${repo}#${number}`;

interface CommentPayload {
  repository?: { full_name?: string };
  issue?: { number?: number };
  comment?: { body?: string; user?: { login?: string } };
}

export async function startTenants(options: TenantsOptions): Promise<Tenants> {
  const double = new GitHubDouble({ appSlug: "bug-lifecycle" });
  const repos = Array.from({ length: options.installations }, (_, i) => `org-${i + 1}/app`);
  seedWorld(double, { repos });
  const listening = await double.listen();
  const redis = options.replicas > 0 ? await startRedis() : null;
  const env = { ...(redis ? { REDIS_URL: redis.url } : {}), ...options.env };
  // Pacing ON (no preload): each installation's writes and GraphQL requests ≥ 1 s apart, as in production.
  // That pacing is what makes one installation's backlog long enough to stand in another's way.
  const start = () => startServer({ appId: double.appId, gheHost: `127.0.0.1:${listening.port}`, env, preloads: [], nodeArgs: options.nodeArgs ?? [], logs: options.logs ?? "collect", logLevel: "warn" });
  const servers = await Promise.all(Array.from({ length: Math.max(1, options.replicas) }, start));
  let turn = 0;
  const landed = new Map<string, number>();
  const marker = `<!-- bug-lifecycle:${options.marker}`;
  const tenants: Tenants = {
    double,
    redis,
    servers,
    repos,
    next: () => servers[turn++ % servers.length]!,
    landed,
    echoFailures: 0,
    async stop() {
      await Promise.all(servers.map((s) => s.stop()));
      await listening.close();
      await redis?.dispose();
    },
  };
  double.onWebhook(async (name, payload, event) => {
    // The double calls listeners inside the write that caused the webhook: this is when the reply landed.
    const p = payload as CommentPayload;
    if (name === "issue_comment" && p.comment?.user?.login === BOT && p.comment.body?.includes(marker)) {
      const key = issueKey(p.repository?.full_name ?? "", p.issue?.number ?? 0);
      if (!landed.has(key)) landed.set(key, performance.now());
    }
    // GitHub sends the app its own webhooks too: they cost the servers what they cost in production.
    const answer = await tenants.next().send({ id: event.id, name, payload }).catch(() => null);
    if (answer?.status !== 200) tenants.echoFailures++;
  });
  return tenants;
}
