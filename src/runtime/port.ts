//! Purpose: the narrow port handlers and sweep units see of the runtime (log, config, clients, caches, exclusion, clock, later, identity): nothing below the runtime imports it back.
import type { Logger } from "probot";
import type { LoadedConfig } from "../config/load.js";
import type { Caches } from "./caches.js";
import type { Octokit } from "./clients.js";
import type { Delivery } from "./delivery.js";

/** Runs `delivery` again at `runAt` (ms since the epoch): the server's work queue's delayed jobs. */
export type Later = (delivery: Delivery, runAt: number) => Promise<unknown>;

/** Posts one line to a Slack incoming webhook. */
export type Notify = (text: string) => Promise<void>;

/** What the one write path (src/write/apply.ts) needs of the runtime. */
export interface WritePort {
  caches: Caches;
  /** `SLACK_WEBHOOK_URL` (`/critical`), when set. */
  notify: Notify | undefined;
  /** `SLACK_ESCALATION_WEBHOOK_URL` (an unconfirmed critical bug), when set. */
  escalate: Notify | undefined;
  /** As `AppPort.self`: the status comment step tells the bot's status comment from a person's copy. */
  self?: (() => Promise<string | undefined>) | undefined;
}

/** What a sweep of one repository (or one handed-off item) needs: the write path's, and the repository's config. */
export interface SweepPort extends WritePort {
  /** As `AppPort.config`. */
  config: AppPort["config"];
}

/** What a handler, a timer job or a sweep unit may use: the runtime implements it; none of them sees the runtime. */
export interface AppPort extends WritePort {
  log: Logger;
  /** The clock of every decision. */
  now(): Date;
  /** `DRY_RUN`: decide and log, write nothing (a repository's `dryRun: true` is added in the write path). */
  dryRun: boolean;
  /** The client of the delivery's installation (or the token's): one pacing queue per installation. */
  clientFor(delivery: Delivery): Promise<Octokit>;
  /**
   * A repository's config through the runtime's cache. When it is invalid, it is logged here, once, with what
   * does not happen because of it (`consequence`), so no caller writes that preamble again.
   */
  config(octokit: Octokit, repo: { owner: string; name: string }, log: Logger, consequence: string): Promise<LoadedConfig>;
  /** A personal token's login (its comments are the bot's own); undefined for the app and installation tokens. */
  self(): Promise<string | undefined>;
  /** The per-issue exclusion (`owner/name#number`): one task per key at a time, in order. */
  exclusive<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** The work queue's delayed jobs; undefined for the CLI and the Action. */
  later: Later | undefined;
  /** `repo`'s config file changed (undefined: the org's `.github`): forget it everywhere. */
  configChanged(repo: string | undefined): void;
}
