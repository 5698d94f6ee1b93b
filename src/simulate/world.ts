//! Purpose: a scenario's world: an in-memory GitHub on a simulated clock, and the real app loaded on Probot against it.
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import pino from "pino";
import { Probot, ProbotOctokit } from "probot";
import app from "../index.js";
import { forgetConfig } from "../config/load.js";
import { GitHubDouble } from "../double/index.js";
import { configLogins, forgetDirectory } from "../github/directory.js";
import { forgetPermissions } from "../github/permissions.js";
import { forgetDelivery } from "../handlers/shared.js";
import type { Config } from "../lifecycle/config.js";
import { forgetSweepMaintainers } from "../sweep/maintainers.js";
import { sweepRepo, type RepoSweepResult } from "../sweep/sweep-repo.js";
import type { Scenario } from "./scenario-schema.js";

export type LogLine = Record<string, unknown> & { msg?: string; level?: number };

export interface SimWorld {
  double: GitHubDouble;
  fullName: string;
  config: Config;
  now(): Date;
  advance(ms: number): void;
  /** Everything the app logged, in order (pino JSON lines). */
  logs: LogLine[];
  /** Delivers a webhook to the app and waits for it and the webhooks its writes cause; returns handler errors. */
  receive(delivery: { id: string; name: string; payload: unknown }): Promise<string[]>;
  /** One sweep of the repository at the simulated now. */
  sweep(): Promise<RepoSweepResult>;
}

let privateKey: string | undefined;

export async function createWorld(scenario: Scenario): Promise<SimWorld> {
  const config = scenario.config;
  // The app's caches are per process; a previous scenario's config or permissions must not leak in.
  forgetConfig();
  forgetDirectory();
  forgetPermissions();
  forgetDelivery();
  forgetSweepMaintainers();
  let now = Date.parse(scenario.start);
  const clock = () => new Date(now);
  const [owner = "acme", name = "app"] = scenario.repo.split("/");
  const double = new GitHubDouble({ appSlug: "bug-lifecycle", now: clock });
  double.addRepo(scenario.repo, { labels: repoLabels(scenario, config), createdAt: iso(now - 365 * 86_400_000) });
  // Adding the repository installs the app on its owner, as a person would before trying it.
  const installation = double.store.installationFor(double.store.repo(scenario.repo))?.id;
  if (installation === undefined) throw new Error(`the app is not installed on ${scenario.repo}`);
  for (const login of new Set([...scenario.maintainers, ...configLogins(config)])) double.addCollaborator(scenario.repo, login, "write");
  for (const seed of scenario.milestones) {
    const milestone = typeof seed === "string" ? { title: seed } : { title: seed.title, state: seed.state, dueOn: seed.due ?? null };
    double.addMilestone(scenario.repo, { ...milestone, createdAt: iso(now - 30 * 86_400_000) });
  }
  for (const { age, ...issue } of scenario.issues) double.addIssue(scenario.repo, { ...issue, createdAt: iso(now - age) });
  if (scenario.configText) double.setFile(scenario.repo, ".github/bug-lifecycle.yml", scenario.configText);

  const logs: LogLine[] = [];
  const log = pino(
    { level: "info" },
    new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split("\n")) if (line) logs.push(JSON.parse(line) as LogLine);
        done();
      },
    }),
  );
  // No pacing and no retries: the double answers at once, and a simulated failure should show, not be hidden.
  const Octokit = ProbotOctokit.defaults((defaults: Record<string, unknown>) => ({
    ...defaults,
    retry: { enabled: false },
    throttle: { enabled: false },
    request: { ...(defaults.request as object), fetch: double.fetch },
  }));
  privateKey ??= generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } }).privateKey;
  const probot = new Probot({ appId: double.appId, privateKey, secret: "simulate", Octokit, log });
  await loadApp(probot, clock);

  const receive = async (delivery: { id: string; name: string; payload: unknown }): Promise<string[]> => {
    try {
      await probot.receive(delivery as Parameters<Probot["receive"]>[0]);
      return [];
    } catch (error) {
      const errors = error instanceof AggregateError ? error.errors : [error];
      return errors.map((e: unknown) => (e instanceof Error ? e.message : String(e)));
    }
  };
  // GitHub sends the app the webhooks its own writes cause; the app must ignore them, and here it hears them too.
  double.onWebhook((eventName, payload, event) => receive({ id: event.id, name: eventName, payload }));

  return {
    double,
    fullName: scenario.repo,
    config,
    now: clock,
    advance: (ms) => void (now += ms),
    logs,
    receive: async (delivery) => {
      const errors = await receive(delivery);
      await double.settled();
      return errors;
    },
    sweep: async () => {
      const octokit = await probot.auth(installation);
      const result = await sweepRepo({ octokit, repo: { owner, name }, now: clock(), dryRun: false, log, runId: randomUUID() });
      await double.settled();
      return result;
    },
  };
}

/** The app reads its environment when loaded: keep the user's (Slack, dry run, a schedule) out of the simulation. */
async function loadApp(probot: Probot, now: () => Date): Promise<void> {
  const saved = { ...process.env };
  delete process.env.SLACK_WEBHOOK_URL;
  delete process.env.DRY_RUN;
  process.env.SWEEP_SCHEDULE = "off";
  try {
    await probot.load(app, { cwd: process.cwd(), addHandler: () => {}, now });
  } finally {
    process.env = saved;
  }
}

/** A repository that already has the labels the config names, so the output shows transitions, not label creation. */
function repoLabels(scenario: Scenario, config: Config): string[] {
  const l = config.labels;
  const names = [l.bug, l.reproduce, l.product, l.release, l.awaitingQa, l.readyForRelease, l.needsInfo, l.critical, l.unreleased, l.released];
  names.push(...Object.keys(config.groups), ...scenario.issues.flatMap((issue) => issue.labels));
  return [...new Set(names)];
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
