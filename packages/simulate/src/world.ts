//! Purpose: a scenario's world: an in-memory GitHub on a simulated clock, and the real app loaded on Probot against it.
import type { Probot } from "probot";
import { GitHubDouble } from "@bug-lifecycle/github-double";
import { BOARD_STATES, configLogins, parseProjectUrl, type Config } from "bug-lifecycle/library";
import { loadAppOnDouble, type LogLine } from "./app-on-double.js";
import type { Scenario } from "./scenario-schema.js";

export type { LogLine };

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
  /** One sweep of the repository at the simulated now: the server's (`runtime.sweep`); its actions by rule, or why it stopped. */
  sweep(): Promise<{ actions: Record<string, number>; error?: string }>;
  /** With a `board` in the config: the project the world made for it, and the column a bug's card shows. */
  board: { org: string; number: number; field: string; columnOf(number: number): string | null } | null;
  /**
   * Runs the delayed jobs the app asked its work queue for (the server's `later`: a critical escalation)
   * that are due at the simulated now, oldest first; returns what each was, as `<timer> #<issue>`.
   */
  runTimers(): Promise<{ fired: string[]; errors: string[] }>;
}

export async function createWorld(scenario: Scenario): Promise<SimWorld> {
  const config = scenario.config;
  let now = Date.parse(scenario.start);
  const clock = () => new Date(now);
  const [owner = "acme", name = "app"] = scenario.repo.split("/");
  const double = new GitHubDouble({ appSlug: "bug-lifecycle", now: clock });
  double.addRepo(scenario.repo, { labels: repoLabels(scenario, config), createdAt: iso(now - 365 * 86_400_000) });
  // Adding the repository installs the app on its owner, as a person would before trying it.
  if (!double.store.installationFor(double.store.repo(scenario.repo))) throw new Error(`the app is not installed on ${scenario.repo}`);
  for (const login of new Set([...scenario.maintainers, ...configLogins(config)])) double.addCollaborator(scenario.repo, login, "write");
  for (const seed of scenario.milestones) {
    const milestone = typeof seed === "string" ? { title: seed } : { title: seed.title, state: seed.state, dueOn: seed.due ?? null };
    double.addMilestone(scenario.repo, { ...milestone, createdAt: iso(now - 30 * 86_400_000) });
  }
  for (const { age, ...issue } of scenario.issues) double.addIssue(scenario.repo, { ...issue, createdAt: iso(now - age) });
  const board = boardOf(double, scenario, config);
  if (scenario.configText) double.setFile(scenario.repo, ".github/bug-lifecycle.yml", scenario.configText);

  // Each write has its own line at debug: the step report lists them from there.
  // The server's work queue keeps delayed jobs; here they wait for the simulated clock.
  const delayed: { delivery: { id: string; name: string; payload: unknown }; runAt: number }[] = [];
  const later = async (delivery: { id: string; name: string; payload: unknown }, runAt: number) => {
    if (!delayed.some((job) => job.delivery.id === delivery.id)) delayed.push({ delivery, runAt });
  };
  const { probot, runtime, logs } = await loadAppOnDouble(double, { now: clock, logLevel: "debug", later });

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
    board,
    runTimers: async () => {
      const fired: string[] = [];
      const errors: string[] = [];
      for (;;) {
        const due = delayed.filter((job) => job.runAt <= now).sort((a, b) => a.runAt - b.runAt)[0];
        if (!due) break;
        delayed.splice(delayed.indexOf(due), 1);
        const payload = due.delivery.payload as { action?: string; issue?: { number?: number } };
        fired.push(`${payload.action ?? due.delivery.name} #${payload.issue?.number ?? "?"}`);
        try {
          await runtime.handle(due.delivery);
        } catch (error) {
          errors.push(error instanceof Error ? error.message : String(error));
        }
        await double.settled();
      }
      return { fired, errors };
    },
    sweep: async () => {
      // The server's sweep, as `bug-lifecycle sweep --repo` runs it: the runtime finds the installation.
      const summary = await runtime.sweep({ repo: { owner, name } });
      await double.settled();
      return summary.failed.length ? { actions: summary.actions, error: summary.reason ?? `${summary.failed.join(", ")} failed` } : { actions: summary.actions };
    },
  };
}

/**
 * The bugs board as a person would have set it up: the config's project in the repository's organisation,
 * with the field and one option per named column, in the lifecycle's order; every bug starts off the board.
 */
function boardOf(double: GitHubDouble, scenario: Scenario, config: Config): SimWorld["board"] {
  if (!config.board) return null;
  const ref = parseProjectUrl(config.board.project);
  const owner = scenario.repo.split("/")[0] ?? "";
  if (!ref || ref.org.toLowerCase() !== owner.toLowerCase()) {
    throw new Error(`board.project must be a project of the repository's organisation (${owner}) in a simulation: ${config.board.project}`);
  }
  const columns = [...new Set(BOARD_STATES.flatMap((state) => config.board!.columns[state] ?? []))];
  double.addProject({ org: owner, number: ref.number, fields: { [config.board.field]: columns } });
  const field = config.board.field;
  return {
    org: owner,
    number: ref.number,
    field,
    columnOf: (number) => double.board(owner, ref.number, field).get(`${scenario.repo}#${number}`) ?? null,
  };
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
