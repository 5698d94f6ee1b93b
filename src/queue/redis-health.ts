//! Purpose: whether this replica's Redis answers now, and since when it has not: what readiness reports.
import type { Redis } from "ioredis";

/**
 * Watches one connection's state (the queue's own client: no extra connection, no polling). Ready means the
 * connection is up; a replica whose Redis is away answers webhooks 503, so it is not ready for traffic.
 */
export class RedisHealth {
  private downSince: number | null;

  constructor(private readonly client: Redis, private readonly now: () => number = Date.now) {
    this.downSince = client.status === "ready" ? null : now();
    client.on("ready", () => (this.downSince = null));
    const down = () => (this.downSince ??= this.now());
    client.on("close", down);
    client.on("end", down);
    client.on("error", down);
  }

  /** `downForMs`: how long Redis has not answered (0 when it does). */
  state(): { reachable: boolean; downForMs: number } {
    const reachable = this.client.status === "ready";
    if (reachable) this.downSince = null;
    return { reachable, downForMs: reachable || this.downSince === null ? 0 : this.now() - this.downSince };
  }
}
