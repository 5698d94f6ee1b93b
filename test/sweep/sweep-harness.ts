//! Purpose: a GitHub double seeded with a past, and the real sweep pointed at it (installation auth, no pacing).
import { Writable } from "node:stream";
import pino from "pino";
import { GitHubDouble } from "@bug-lifecycle/github-double";
import type { EventSeed, IssueSeed, PullSeed } from "@bug-lifecycle/github-double";
import { createRuntime, type Runtime, type SweepOptions } from "../../src/runtime/runtime.js";
import type { RunSummary } from "../../src/sweep/run-sweep.js";
import { daysAgo as ago, NOW, rsaKey } from "../support/fixtures.js";
import { FLEET_CONFIG } from "../support/fleet.js";
import { seedWorld } from "../support/world.js";

export const REPO = "acme/app";
export const BOT = "bug-lifecycle[bot]";
/** NOW: the double's clock and the sweep's `now`; `ago`'s `from` defaults to it (entry-point tests, whose process reads the real clock, pass the real time). */
export { ago, NOW };
export const privateKey = rsaKey();

export const CONFIG = FLEET_CONFIG;

export const LABELS = ["bug", ":reproduce", ":product", ":release", "~awaiting QA", "~ready for release", "~needs info", "#g-mdm"];

export interface SweepHarness {
  double: GitHubDouble;
  logs: Record<string, unknown>[];
  /** Runs one sweep at NOW; `fetch` may wrap the double's (to act as a person mid-sweep). */
  sweep(options?: { dryRun?: boolean; now?: Date; fetch?: typeof fetch; handOff?: SweepOptions["handOff"] }): Promise<RunSummary>;
  /** The harness's one runtime (its exclusion, `sweepIssue`). */
  runtime: Runtime;
  /** Requests since the last `sweep()` started, without token minting. */
  requests(): GitHubDouble["requests"];
}

/**
 * `realClock`: the double stamps what it creates with the real time, for tests of the CLI process, which
 * reads the real clock (against the fixed NOW, a reminder it posted would look weeks old to it).
 */
export function createSweepHarness(options: { config?: string; env?: Record<string, string>; realClock?: boolean } = {}): SweepHarness {
  const double = new GitHubDouble({ appSlug: "bug-lifecycle", now: options.realClock ? () => new Date() : () => NOW });
  seedWorld(double, { labels: LABELS, config: options.config ?? CONFIG });

  const logs: Record<string, unknown>[] = [];
  const log = pino(
    { level: "debug" },
    new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split("\n")) if (line) logs.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    }),
  );
  let start = 0;
  // One runtime for the harness, as one server process: its caches live from one sweep to the next.
  let at = NOW;
  let fetch: typeof globalThis.fetch = double.fetch;
  const runtime = createRuntime({
    env: { APP_ID: String(double.appId), PRIVATE_KEY: privateKey, ...options.env },
    fetch: (input, init) => fetch(input, init),
    log,
    now: () => at,
  });
  return {
    double,
    logs,
    runtime,
    requests: () => double.requests.slice(start).filter((r) => !r.path.endsWith("/access_tokens")),
    async sweep(run = {}) {
      // A test changes the config between sweeps without a push event.
      runtime.caches.config.clear();
      start = double.requests.length;
      fetch = run.fetch ?? double.fetch;
      at = run.now ?? NOW;
      return runtime.sweep({ dryRun: run.dryRun ?? false, handOff: run.handOff });
    },
  };
}

/** A bug as QA's `/needs-info` left it `days` ago (the bot labels a second after the command). */
export function needsInfoBug(days: number, extra: Partial<IssueSeed> = {}, from: Date = NOW): IssueSeed {
  return {
    author: "reporter",
    createdAt: ago(days + 5, 0, from),
    labels: ["bug", ":reproduce", "~needs info"],
    comments: [{ author: "qa-lead", body: "/needs-info", createdAt: ago(days, 0, from) }, ...(extra.comments ?? [])],
    events: [{ kind: "labeled", actor: BOT, createdAt: ago(days, 1, from), label: "~needs info" }, ...(extra.events ?? [])],
    ...withoutLists(extra),
  };
}

/** A bug reproduced by `/reproduced #g-mdm` `days` ago, assigned to its EM. */
export function reproducedBug(days: number, extra: Partial<IssueSeed> = {}): IssueSeed {
  const events: EventSeed[] = [
    { kind: "labeled", actor: "reporter", createdAt: ago(days + 3), label: "bug" },
    { kind: "labeled", actor: BOT, createdAt: ago(days + 3, 1), label: ":reproduce" },
    { kind: "unlabeled", actor: BOT, createdAt: ago(days, 2), label: ":reproduce" },
    { kind: "labeled", actor: BOT, createdAt: ago(days, 2), label: "#g-mdm" },
    { kind: "assigned", actor: BOT, createdAt: ago(days, 2), assignee: "mdm-em" },
  ];
  return {
    author: "reporter",
    createdAt: ago(days + 3),
    labels: ["bug", "#g-mdm"],
    assignees: ["mdm-em"],
    // The webhook handled the command (its 👍 is on it): "re-run unanswered commands" leaves it alone.
    comments: [{ author: "qa-lead", body: "/reproduced #g-mdm", createdAt: ago(days), reactions: [{ content: "+1", user: BOT }] }, ...(extra.comments ?? [])],
    events: [...events, ...(extra.events ?? [])],
    ...withoutLists(extra),
  };
}

/** A community PR whose maintainer asked for changes `days` ago; the author's last commit is older. */
export function waitingPull(days: number, extra: Partial<PullSeed> = {}): PullSeed {
  return {
    author: "contributor",
    authorAssociation: "CONTRIBUTOR",
    createdAt: ago(days + 10),
    commits: [{ author: "contributor", committedAt: ago(days + 10) }],
    reviews: [{ author: "maint", state: "CHANGES_REQUESTED", submittedAt: ago(days) }],
    ...extra,
  };
}

function withoutLists<T extends Partial<IssueSeed>>(extra: T): Omit<T, "comments" | "events"> {
  const { comments: _comments, events: _events, ...rest } = extra;
  return rest;
}

