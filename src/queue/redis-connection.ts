//! Purpose: the settings' `REDIS_URL` (a redis:// URL or a unix socket path) to ioredis connections.
import { Redis, type RedisOptions } from "ioredis";

// Read and validated with the rest of the environment (src/runtime/settings.ts).
export type { RedisSettings } from "../runtime/settings.js";
import type { RedisSettings } from "../runtime/settings.js";

/**
 * A connection. `blocking` ones (BullMQ workers, subscribers) wait for Redis forever; the others fail a
 * command at once while Redis is away (no offline queue), so a webhook is answered 503 instead of hanging.
 */
export function connect(settings: RedisSettings, options: { blocking: boolean; name: string }): Redis {
  const common: RedisOptions = {
    connectionName: `${settings.prefix}:${options.name}`,
    // BullMQ requires it on workers; on the others a command fails fast rather than retrying into the 9 s budget.
    maxRetriesPerRequest: options.blocking ? null : 1,
    enableOfflineQueue: options.blocking,
    // Reconnect forever, at most every 2 s: recovery when Redis returns needs nobody.
    retryStrategy: (times) => Math.min(times * 100, 2_000),
    lazyConnect: false,
  };
  return settings.url.startsWith("/") ? new Redis({ ...common, path: settings.url }) : new Redis(settings.url, common);
}
