//! Purpose: several built server processes (replicas) against one GitHub double and one real Redis, the bot's webhooks echoed round-robin.
import { Queue } from "bullmq";
import { GitHubDouble } from "@bug-lifecycle/github-double";
import { FLEET_CONFIG, REPO } from "../../support/fleet.js";
import { seedWorld } from "../../support/world.js";
import { startRedis, type RedisProcess } from "../../support/redis.js";
import { startServer, waitFor, type Answer, type ServerProcess } from "./server.js";

export const BOT = "bug-lifecycle[bot]";

export interface FleetWorld {
  double: GitHubDouble;
  /** The double's `host:port`, for a server started beside the fleet. */
  gheHost: string;
  redis: RedisProcess;
  replicas: ServerProcess[];
  /** Sends to the replicas in turn (skipping dead ones). */
  next(): ServerProcess;
  /** Deliveries answered other than 200 (echoes included): what GitHub would list as failed, to redeliver. */
  failed: Array<{ id: string; name: string; payload: unknown; status: number }>;
  echoes: Answer[];
  /** Waits until the double has no webhook in flight and no installation's lane has work, three times in a row. */
  drained(timeoutMs?: number): Promise<void>;
  /** Starts one more replica with the same env. */
  addReplica(): Promise<ServerProcess>;
  stop(): Promise<void>;
}

export interface FleetOptions {
  replicas: number;
  env?: Record<string, string>;
  /** Redis with AOF on (restart tests); default persistence off. */
  persist?: boolean;
  /** Repositories to create, each its own installation (default: acme/app only). */
  repos?: string[];
  preloads?: string[];
}

export async function createFleet(options: FleetOptions): Promise<FleetWorld> {
  const double = new GitHubDouble({ appSlug: "bug-lifecycle" });
  const repos = options.repos ?? [REPO];
  seedWorld(double, { repos });
  const listening = await double.listen();
  const redis = await startRedis({ persist: options.persist ?? false });
  const env = {
    REDIS_URL: redis.url,
    // Short leases so a killed replica's job moves on within a test.
    QUEUE_LOCK_MS: "2000",
    ...options.env,
  };
  const start = () => startServer({ appId: double.appId, gheHost: `127.0.0.1:${listening.port}`, env, ...(options.preloads ? { preloads: options.preloads } : {}) });
  const replicas = await Promise.all(Array.from({ length: options.replicas }, start));
  const probe = redis.client();
  // A lane with work has its lane job (waiting, running or back of the line) until its last job is over.
  const queues = [new Queue("lanes", { connection: probe, prefix: "bug-lifecycle" })];
  let turn = 0;
  const world: FleetWorld = {
    double,
    gheHost: `127.0.0.1:${listening.port}`,
    redis,
    replicas,
    failed: [],
    echoes: [],
    next() {
      for (let i = 0; i < world.replicas.length; i++) {
        const replica = world.replicas[turn++ % world.replicas.length]!;
        if (replica.alive()) return replica;
      }
      throw new Error("no replica alive");
    },
    async drained(timeoutMs = 60_000) {
      let quiet = 0;
      await waitFor(async () => {
        await double.settled();
        const counts = await Promise.all(queues.map((q) => q.getJobCounts("waiting", "active", "delayed", "prioritized", "paused", "waiting-children")));
        const busy = counts.reduce((sum, c) => sum + Object.values(c).reduce((a, b) => a + b, 0), 0);
        quiet = busy === 0 ? quiet + 1 : 0;
        return quiet >= 3 ? true : undefined;
      }, timeoutMs, "the queues to drain");
    },
    async addReplica() {
      const replica = await start();
      world.replicas.push(replica);
      return replica;
    },
    async stop() {
      await Promise.all(world.replicas.map((r) => r.stop()));
      await Promise.all(queues.map((q) => q.close()));
      await redis.dispose();
      await listening.close();
    },
  };
  double.onWebhook(async (name, payload, event) => {
    const answer = await world.next().send({ id: event.id, name, payload });
    world.echoes.push(answer);
    if (answer.status !== 200) world.failed.push({ id: event.id, name, payload, status: answer.status });
  });
  return world;
}

/** Markers of the bot's comments on an issue, e.g. ["critical", "why", "why"]. */
export function markers(double: GitHubDouble, repo: string, number: number): string[] {
  return double
    .issue(repo, number)
    .comments.filter((c) => c.author === BOT)
    .map((c) => /<!-- bug-lifecycle:([^ :]+)/.exec(c.body)?.[1] ?? "(none)");
}
