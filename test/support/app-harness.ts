//! Purpose: the real app on a Probot instance, talking to the in-memory GitHub double: drive it with people's actions.
import type { Probot } from "probot";
import { loadAppOnDouble, type AppOnDouble, type LogLine } from "@bug-lifecycle/simulate";
import { FLEET_CONFIG, REPO } from "./fleet.js";
import { seedWorld } from "./world.js";
import type { Later } from "../../src/runtime/port.js";
import { GitHubDouble, type PayloadName, type PersonAction, type RequestRecord } from "@bug-lifecycle/github-double";

export { FLEET_CONFIG, REPO };

export interface Harness {
  double: GitHubDouble;
  probot: Probot;
  /** The app's runtime (replaced by `restart`). */
  runtime: AppOnDouble["runtime"];
  logs: LogLine[];
  /** A person acts on GitHub; the app receives the webhook. Returns the requests the app made for it. */
  act(name: PayloadName, action: Omit<PersonAction, "repo">): Promise<Counts>;
  /** Sends an already built delivery (for replays and malformed payloads). */
  receive(delivery: { id: string; name: string; payload: unknown }): Promise<Counts>;
  issue(number: number): ReturnType<GitHubDouble["issue"]>;
  /** Forwards the webhooks the app's own writes cause back to it, as GitHub would; `double.settled()` waits for them. */
  loopBack(): void;
  /** A new process on the same GitHub: a fresh app with cold caches (config, permissions, deliveries seen). */
  restart(): Promise<void>;
}

export interface Counts {
  reads: number;
  writes: number;
  requests: RequestRecord[];
  id: string;
}

export interface HarnessOptions {
  config?: string | null;
  env?: Record<string, string>;
  /** The app's clock (default: the real one); timer tests pass a fixed one. */
  now?: () => Date;
  /** The app's permissions (default: everything allowed), as app.yml grants them. */
  permissions?: Partial<Record<string, "read" | "write">>;
  /** The work queue's delayed jobs the app schedules (the critical escalation's), given to every runtime it loads. */
  later?: Later;
}

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const double = new GitHubDouble({ appSlug: "bug-lifecycle", ...(options.permissions && { permissions: options.permissions }) });
  seedWorld(double, { config: options.config });

  const load = () => loadAppOnDouble(double, { logLevel: "debug", later: options.later, ...(options.env && { env: options.env }), ...(options.now && { now: options.now }) });
  const { probot, logs, runtime } = await load();

  const receive = async (delivery: { id: string; name: string; payload: unknown }): Promise<Counts> => {
    const start = double.requests.length;
    await harness.probot.receive(delivery as Parameters<Probot["receive"]>[0]);
    const requests = double.requests.slice(start).filter((r) => !r.path.endsWith("/access_tokens"));
    return { reads: requests.filter((r) => !r.write).length, writes: requests.filter((r) => r.write).length, requests, id: delivery.id };
  };
  const harness: Harness = {
    double,
    probot,
    runtime,
    logs,
    receive,
    // GitHub's other webhooks for the act (a merge's `issues.closed`) follow its own, and count with it.
    act: async (name, action) => {
      const delivery = double.payload(name, { repo: REPO, ...action });
      const counts = await receive(delivery);
      for (const caused of double.caused(delivery)) {
        const more = await receive(caused);
        Object.assign(counts, { reads: counts.reads + more.reads, writes: counts.writes + more.writes, requests: [...counts.requests, ...more.requests] });
      }
      return counts;
    },
    issue: (number) => double.issue(REPO, number),
    loopBack: () => {
      double.onWebhook((name, payload, event) => harness.probot.receive({ id: event.id, name, payload } as Parameters<Probot["receive"]>[0]));
    },
    restart: async () => {
      const next = await load();
      harness.probot = next.probot;
      harness.runtime = next.runtime;
      harness.logs = next.logs;
    },
  };
  return harness;
}

/** Opens a bug as a person would, without the app seeing it (a starting state). */
export function seedBug(h: Harness, labels: string[], assignees: string[] = [], author = "reporter"): number {
  return h.double.addIssue(REPO, { title: "Something breaks", author, labels, assignees }).number;
}
