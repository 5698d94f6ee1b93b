//! Purpose: every cache the bot keeps, held by one runtime instance (a new runtime starts cold, as a new process would).
import type { LoadedConfig } from "../config/load.js";
import type { IdBook } from "../github/ids.js";
import type { Board, BoardItem } from "../board/read-board.js";
import { TtlCache } from "../github/ttl-cache.js";
import type { ShadowDecision } from "../write/shadow.js";

export interface Caches {
  /** A repository's loaded config for a minute; `push` events to the file forget it sooner. */
  config: TtlCache<string, LoadedConfig>;
  /** "Is this login a maintainer of this repository?" for 5 minutes (commands keep asking). */
  permissions: TtlCache<string, boolean>;
  /** Label, milestone and user ids per repository, for 10 minutes. */
  directory: TtlCache<string, IdBook>;
  /** Delivery ids already handled (per handler), for an hour: GitHub redelivers with the same id. */
  deliveries: TtlCache<string, true>;
  /** The sweep's confirmed maintainers of PR authors, for an hour (an hourly sweep reuses them). */
  sweepMaintainers: TtlCache<string, boolean>;
  /** The bugs board (issue 15): a project's id, field id and option ids by name, for 10 minutes. */
  boards: TtlCache<string, Board>;
  /** A bug's card on the board (item id and the option the bot last saw or wrote), by issue node id. */
  boardItems: TtlCache<string, BoardItem>;
  /**
   * Decisions of rules in `shadow` made by this process (webhooks, timers, the sweep) by repository, until the
   * weekly report lists them (docs/rules.md): a week and a day, at most `SHADOW_KEPT` per repository.
   */
  shadow: TtlCache<string, ShadowDecision[]>;
}

export function createCaches(): Caches {
  return {
    config: new TtlCache(60_000, 1_000),
    permissions: new TtlCache(5 * 60_000, 5_000),
    directory: new TtlCache(10 * 60_000, 1_000),
    deliveries: new TtlCache(60 * 60_000, 10_000),
    sweepMaintainers: new TtlCache(60 * 60_000, 20_000),
    boards: new TtlCache(10 * 60_000, 1_000),
    boardItems: new TtlCache(60 * 60_000, 20_000),
    shadow: new TtlCache(8 * 24 * 60 * 60_000, 1_000),
  };
}
