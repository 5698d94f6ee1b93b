//! Purpose: `REDIS_URL` (a redis:// URL or a unix socket path) to ioredis connections, and the key prefix every key carries.
import { Redis, type RedisOptions } from "ioredis";

export const DEFAULT_PREFIX = "bug-lifecycle";

export interface RedisSettings {
  url: string;
  /** `REDIS_PREFIX`: every key the app writes starts with `<prefix>:` (several deployments can share one Redis). */
  prefix: string;
}

export function redisSettings(env: NodeJS.ProcessEnv): RedisSettings | null {
  const url = env.REDIS_URL?.trim();
  if (!url) return null;
  const prefix = env.REDIS_PREFIX?.trim() || DEFAULT_PREFIX;
  if (!/^[\w.-]+$/.test(prefix)) throw new Error(`REDIS_PREFIX=${JSON.stringify(prefix)}: letters, digits, ".", "_" and "-" only`);
  if (!url.startsWith("/") && !/^rediss?:\/\//.test(url)) {
    throw new Error(`REDIS_URL=${JSON.stringify(url)} is neither a redis:// (rediss://) URL nor a unix socket path`);
  }
  return { url, prefix };
}

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
