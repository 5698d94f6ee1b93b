//! Purpose: a config change seen by one replica reaches every replica's config cache (Redis pub/sub; the cache's 60 s TTL is the fallback).
import type { Redis } from "ioredis";
import type { Logger } from "probot";
import { connect, type RedisSettings } from "./redis-connection.js";

const EVERY_REPOSITORY = "*";

export class ConfigBroadcast {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly channel: string;

  constructor(settings: RedisSettings, private readonly log: Logger, forget: (repo: string | undefined) => void) {
    this.channel = `${settings.prefix}:config-changed`;
    this.publisher = connect(settings, { blocking: false, name: "config-publish" });
    this.subscriber = connect(settings, { blocking: true, name: "config-subscribe" });
    this.publisher.on("error", () => undefined);
    this.subscriber.on("error", () => undefined);
    // ioredis subscribes again by itself after a reconnection.
    void this.subscriber.subscribe(this.channel).catch((error: unknown) => log.warn({ err: error }, "config broadcast: subscribe failed"));
    this.subscriber.on("message", (_channel: string, message: string) => forget(message === EVERY_REPOSITORY ? undefined : message));
  }

  /** Tells every replica (this one included) to drop `repo`'s config; undefined drops every repository's. */
  async publish(repo: string | undefined): Promise<void> {
    try {
      await this.publisher.publish(this.channel, repo ?? EVERY_REPOSITORY);
    } catch (error) {
      // The other replicas' caches expire within their TTL (60 s) anyway.
      this.log.warn({ err: error, repo }, "config broadcast failed: other replicas see the change within a minute");
    }
  }

  close(): void {
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }
}
