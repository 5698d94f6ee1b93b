//! Purpose: one runtime for every entry point: settings, log, clock, clients, config, identity, caches and exclusion on one instance.
import type pino from "pino";
import type { Probot } from "probot";
import type { Cron } from "croner";
import { loadRepoConfig, type LoadedConfig } from "../config/load.js";
import { makeReport, type ReportRequest, type Reported } from "../report/make-report.js";
import type { RepoName } from "../github/repo-name.js";
import { recoverFailedDeliveries } from "../sweep/redeliver-failed.js";
import { runSweep, sweepOnce, type RunOptions, type RunSummary } from "../sweep/run-sweep.js";
import { sweepHandedOff, type DueItem, type ItemSweepResult } from "../sweep/sweep-item.js";
import { startSweepSchedule } from "../sweep/schedule.js";
import { appTargets, tokenTarget } from "../sweep/targets.js";
import { createCaches, type Caches } from "./caches.js";
import { createClients, CredentialsError, type Octokit, type RuntimeClients } from "./clients.js";
import type { Delivery } from "./delivery.js";
import { Exclusive } from "./exclusive.js";
import { readIdentity, selfOf, type Identity } from "./identity.js";
import { createLogger } from "./logger.js";
import { installationOf } from "./delivery.js";
import type { AppPort, Later, Notify } from "./port.js";
import { createRouter } from "./route.js";
import { ROUTES } from "./routes.js";
import { readSettings, type Settings } from "./settings.js";

export interface SweepOptions {
  /** One repository (required with a token); default: every repository of every installation. */
  repo?: RepoName | undefined;
  /** Added to `DRY_RUN`. */
  dryRun?: boolean | undefined;
  /** Replicas: each due item is queued into its issue's shard instead of acted on here (then `sweepIssue` runs it). */
  handOff?: RunOptions["handOff"];
}

/** One due item of a replica's repository sweep, as its job in the issue's shard names it. */
export interface SweepIssue extends DueItem {
  installationId: number;
  owner: string;
  name: string;
  /** The tick (or run) it came from, for the log. */
  runId: string;
}

/** The runtime is the port every handler and sweep unit sees (src/runtime/port.ts), and what the adapters call. */
export interface Runtime extends AppPort {
  settings: Settings;
  log: pino.Logger;
  caches: Caches;
  clients: RuntimeClients;
  /** Runs every handler the delivery concerns, once per delivery id; throws when a handler failed (retry it). */
  handle(delivery: Delivery): Promise<void>;
  /** One sweep now, over the app's installations or the token's one repository. */
  sweep(options?: SweepOptions): Promise<RunSummary>;
  /** One handed-off due item: re-read fresh and written as the sweep would (in the issue's shard, under its exclusion). */
  sweepIssue(item: SweepIssue): Promise<ItemSweepResult>;
  /**
   * As the app: redelivers, once, the webhooks GitHub failed to hand over in the last 3 days (every sweep over
   * every installation does; the replicas' fleet tick calls it once per tick). Logs its own failure.
   */
  redeliverFailed(options?: { dryRun?: boolean | undefined }): Promise<void>;
  /** The scheduled sweep: null when the previous run is still going. */
  sweepIfIdle(options?: SweepOptions): Promise<RunSummary | null>;
  /** Starts the `SWEEP_SCHEDULE` in this process (the server); null when it is off. */
  startSchedule(): Cron | null;
  /** A repository's config (the runtime's cache, Probot's config plugin semantics), without logging it (the CLI and the Action say it themselves). */
  loadConfig(octokit: Octokit, repo: RepoName): Promise<LoadedConfig>;
  /** The bot's own identity, read once. */
  identity(): Promise<Identity>;
  /** One repository's report (the CLI's `report`, the Action's `report: true`): read in bulk, metrics computed. */
  report(request: ReportRequest): Promise<Reported>;
  /** Whether the repository's config file is valid, and its problems (the Action fails its job on them). */
  checkConfig(repo: RepoName): Promise<{ ok: true } | { ok: false; errors: string[] }>;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** The server's work queue's delayed jobs (the critical escalation's timer); none for the CLI and the Action. */
  later?: Later | undefined;
  /** The only configuration a user gives (`process.env` in production). */
  env: NodeJS.ProcessEnv;
  /** The server adapter's Probot: its auth, its Octokit class and its log. */
  probot?: Probot | undefined;
  /** The clock; `simulate` plays scenarios on its own. Default: the real one. */
  now?: (() => Date) | undefined;
  /** The in-process double's fetch (simulate, unit tests); default: the undici transport. */
  fetch?: typeof fetch | undefined;
  /** A logger to use instead of one built from LOG_LEVEL / LOG_FORMAT (tests capture lines). */
  log?: pino.Logger | undefined;
  /** Where the built logger writes: 1 (default) or 2 when stdout carries a command's output. */
  logFd?: 1 | 2;
  /** Writes and GraphQL ≥ 1 s apart per client (default on; off for read-only runs). */
  pacing?: boolean | undefined;
  /** Called after this runtime forgot a changed config: replicas tell the others (src/queue/config-broadcast.ts). */
  onConfigChange?: ((repo: string | undefined) => void) | undefined;
}

export function createRuntime(options: RuntimeOptions): Runtime {
  const settings = readSettings(options.env);
  const log = options.log ?? options.probot?.log ?? createLogger(settings, options.logFd);
  const now = options.now ?? (() => new Date());
  const caches = createCaches();
  const clients = createClients({
    credentials: settings.credentials,
    baseUrl: settings.baseUrl,
    log,
    pacing: options.pacing ?? !options.fetch,
    fetch: options.fetch,
    probot: options.probot,
  });
  const exclusion = new Exclusive();
  const guard = sweepOnce();
  let identity: Promise<Identity> | undefined;
  const post = (url: string | undefined): Notify | undefined =>
    url
      ? async (text) => {
          const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text }) });
          if (!response.ok) throw new Error(`Slack answered ${response.status}`);
        }
      : undefined;

  const runOptions = (sweep: SweepOptions) => {
    const token = settings.credentials.kind === "token";
    if (token && !sweep.repo) throw new CredentialsError("with GITHUB_TOKEN, name the repository: --repo owner/name");
    return {
      targets: () =>
        token ? tokenTarget(clients, sweep.repo!, async () => (await runtime.identity()).self) : appTargets(clients, sweep.repo),
      now,
      dryRun: settings.dryRun || Boolean(sweep.dryRun),
      log,
      port: runtime,
      // Unanswered commands run again as their webhook: the same routes, checks and markers.
      replay: (delivery: Delivery) => runtime.handle(delivery),
      // The same per-issue exclusion as the webhooks' (src/handlers/issue-events.ts).
      exclusive: runtime.exclusive,
      handOff: sweep.handOff,
    };
  };

  /**
   * As the app over every installation (the schedule, `bug-lifecycle sweep` without --repo), a sweep also
   * redelivers the webhooks GitHub failed to hand the app: the deliveries are the app's, not a repository's.
   */
  const thenRedeliver = async <T>(sweep: SweepOptions, run: Promise<T>): Promise<T> => {
    const result = await run;
    if (result !== null && !sweep.repo) await redeliverFailed(sweep);
    return result;
  };

  const redeliverFailed = async (sweep: SweepOptions = {}): Promise<void> => {
    if (settings.credentials.kind !== "app") return;
    try {
      await recoverFailedDeliveries(await clients.app(), { now, log, dryRun: settings.dryRun || Boolean(sweep.dryRun) });
    } catch (error) {
      log.error({ err: error }, "failed deliveries: could not list or redeliver them (the next sweep tries again)");
    }
  };

  const loadConfig = (octokit: Octokit, repo: RepoName) => loadRepoConfig(octokit, repo, caches.config);
  const runtime: Runtime = {
    settings,
    log,
    now,
    dryRun: settings.dryRun,
    caches,
    clients,
    handle: (delivery) => router.handle(delivery),
    sweep: (sweep = {}) => thenRedeliver(sweep, runSweep(runOptions(sweep))),
    sweepIssue: async (item) =>
      sweepHandedOff({
        port: runtime,
        octokit: await clients.installation(item.installationId),
        repo: { owner: item.owner, name: item.name },
        item,
        now: now(),
        dryRun: settings.dryRun,
        log,
        runId: item.runId,
        // No `self`: replicas run as the app, whose comments are recognised by its identity.
      }),
    redeliverFailed,
    sweepIfIdle: (sweep = {}) => thenRedeliver(sweep, guard(runOptions(sweep))),
    startSchedule: () => startSweepSchedule(settings.sweepSchedule, log, () => runtime.sweepIfIdle()),
    configChanged: (repo) => {
      if (repo === undefined) caches.config.clear();
      else caches.config.delete(repo);
      options.onConfigChange?.(repo);
    },
    loadConfig,
    config: async (octokit, repo, repoLog, consequence) => {
      const loaded = await loadConfig(octokit, repo);
      if (!loaded.ok) repoLog.error({ errors: loaded.errors }, `invalid .github/bug-lifecycle.yml: ${consequence}`);
      return loaded;
    },
    clientFor: (delivery) => clients.forInstallation(installationOf(delivery)),
    identity: () => {
      identity ??= readIdentity(settings.credentials, clients);
      identity.catch(() => (identity = undefined));
      return identity;
    },
    self: () => selfOf(runtime),
    report: async (request) => makeReport({ octokit: await clients.forRepo(request.repo), loadConfig, now: now(), self: await selfOf(runtime) }, request),
    checkConfig: async (repo) => {
      const loaded = await loadConfig(await clients.forRepo(repo), repo);
      return loaded.ok ? { ok: true } : { ok: false, errors: loaded.errors };
    },
    exclusive: (key, task) => exclusion.run(key, task),
    notify: post(settings.slackWebhookUrl),
    escalate: post(settings.slackEscalationWebhookUrl),
    later: options.later,
    close: async () => {
      log.flush?.();
    },
  };
  const router = createRouter(ROUTES, runtime, caches.deliveries, log);
  return runtime;
}
