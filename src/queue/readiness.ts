//! Purpose: `GET /bug-lifecycle/ready` (for a load balancer's or Kubernetes' readiness probe) and answers that never wait on an unreachable Redis.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { QueueStats, WorkQueue } from "./work-queue.js";

export const READY_PATH = "/bug-lifecycle/ready";

/** How long a status answer waits for the queue's store: an endpoint answers within a second, Redis or not. */
export const STATUS_BUDGET_MS = 500;

export interface Readiness {
  ready: boolean;
  /** Why not, in a few words. */
  reason?: string;
  /** How long Redis has not answered (replicas). */
  redisDownForMs?: number;
}

/**
 * 200 `{"ready":true}` when this server can take a delivery now; 503 with the reason when it cannot (Redis
 * away: every webhook would be answered 503; shutting down). `/ping` stays Probot's liveness answer: a
 * replica whose Redis is away is alive (it recovers by itself) but must not be sent traffic.
 */
export function readinessHandler(readiness: () => Readiness) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== "GET" || req.url?.split("?")[0] !== READY_PATH) return false;
    const state = readiness();
    res.writeHead(state.ready ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify(state));
    return true;
  };
}

/** This server's readiness: not while it shuts down; a replica, not while its Redis is away (its webhooks would get 503). */
export function readinessOf(stopping: boolean, redis?: { state(): { reachable: boolean; downForMs: number } }): Readiness {
  if (stopping) return { ready: false, reason: "shutting down" };
  if (!redis) return { ready: true };
  const { reachable, downForMs } = redis.state();
  return reachable ? { ready: true } : { ready: false, reason: "Redis unreachable: webhooks are answered 503", redisDownForMs: downForMs };
}

/** The queue's counts, or null when its store did not answer within `budgetMs` (the reading goes on, unawaited). */
export async function statsWithin(queue: WorkQueue, budgetMs = STATUS_BUDGET_MS): Promise<QueueStats | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((done) => (timer = setTimeout(() => done(null), budgetMs)));
  try {
    return await Promise.race([queue.stats().catch(() => null), late]);
  } finally {
    clearTimeout(timer);
  }
}
