//! Purpose: one e2e world: the GitHub double on loopback HTTP, the built server pointed at it, people acting, bot webhooks looped back.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { GitHubDouble, type PayloadName, type PersonAction, type RequestRecord } from "@bug-lifecycle/github-double";
import { FLEET_CONFIG, REPO } from "../../support/fleet.js";
import { seedWorld } from "../../support/world.js";
import { createRequire } from "node:module";
import { startServer, waitFor, type Answer, type ServerProcess } from "./server.js";

export { FLEET_CONFIG as CONFIG, REPO };
const require = createRequire(import.meta.url);
export const BOT = "bug-lifecycle[bot]";

export interface World {
  double: GitHubDouble;
  server: ServerProcess;
  /** A person acts on GitHub (applied to the double now); the signed webhook goes to the server; resolves with its answer. */
  act(name: PayloadName, action: Omit<PersonAction, "repo">): Promise<Answer>;
  issue(number: number): ReturnType<GitHubDouble["issue"]>;
  /** Requests the app made (token minting left out). */
  appRequests(): RequestRecord[];
  /** Waits until the webhooks the app's writes caused were delivered and answered. */
  settled(): Promise<void>;
  /** Every answer the server gave to a looped-back bot webhook. */
  botAnswers: Answer[];
  /** Whether the app's own webhooks are sent back to it (default true); off, they only pile up in `double.webhooks`. */
  loopBack: boolean;
  /** What the server posted to `SLACK_WEBHOOK_URL` (path `…/e2e`) and `SLACK_ESCALATION_WEBHOOK_URL` (`…/escalation`): a local listener, as Slack's incoming webhooks. */
  slack: SlackPost[];
  /** Stops the server and starts a new process on the same GitHub: every cache cold. */
  restart(): Promise<void>;
  /** SIGKILLs the server mid-work (nothing settled first) and starts a new process on the same GitHub and env. */
  crash(): Promise<void>;
  /** A push to the repository's default branch changing these files, as GitHub sends it. */
  push(files: string[]): Promise<Answer>;
  stop(): Promise<void>;
}

export interface SlackPost {
  path: string;
  contentType: string | undefined;
  body: unknown;
}

export interface WorldOptions {
  config?: string;
  /** More environment for the server (SWEEP_SCHEDULE…); SLACK_WEBHOOK_URL is always the world's listener. */
  env?: Record<string, string>;
  /** The Node executable the server runs on (default: this one; NODE24 for the Node 24 runs). */
  node?: string;
  /** The server's `--import` preloads (default: no pacing; `[]`: Probot's real pacing, writes ≥ 1 s apart). */
  preloads?: string[];
}

/** A Slack incoming-webhook stand-in on loopback: records each POST, answers `ok` as Slack does. */
async function slackListener(posts: SlackPost[]): Promise<{ url: string; close(): Promise<void> }> {
  const read = async (request: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  };
  const server = createServer((request, response) => {
    void read(request).then((text) => {
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Kept as text: the test then shows what was sent.
      }
      posts.push({ path: `${request.method} ${request.url}`, contentType: request.headers["content-type"], body });
      response.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/services/T000/B000/e2e`, close: () => new Promise<void>((done) => server.close(() => done())) };
}

/** Starts a double and a server; the app's own webhooks are sent back to it, signed, as GitHub would. */
export async function createWorld(options: WorldOptions = {}): Promise<World> {
  const double = new GitHubDouble({ appSlug: "bug-lifecycle" });
  seedWorld(double, { config: options.config ?? FLEET_CONFIG });
  const listening = await double.listen();
  const slack: SlackPost[] = [];
  const slackServer = await slackListener(slack);
  // Both Slack webhooks go to the one listener, told apart by path (`…/e2e` and `…/escalation`).
  const slackEnv = { SLACK_WEBHOOK_URL: slackServer.url, SLACK_ESCALATION_WEBHOOK_URL: slackServer.url.replace(/\/e2e$/, "/escalation") };
  const start = () => startServer({ appId: double.appId, gheHost: `127.0.0.1:${listening.port}`, env: { ...slackEnv, ...options.env }, ...(options.node ? { node: options.node } : {}), ...(options.preloads && { preloads: options.preloads }) });
  const botAnswers: Answer[] = [];
  const world: World = {
    double,
    server: await start(),
    botAnswers,
    slack,
    loopBack: true,
    // A person's action and what the server did about it: the answer comes first, the work after it.
    act: async (name, action) => {
      const delivery = double.payload(name, { repo: REPO, ...action });
      const answer = await world.server.send(delivery);
      // GitHub's other webhooks for the act (a merge's `issues.closed`) follow its own.
      for (const caused of double.caused(delivery)) botAnswers.push(await world.server.send(caused));
      await world.settled();
      return answer;
    },
    issue: (number) => double.issue(REPO, number),
    appRequests: () => double.requests.filter((r) => !r.path.endsWith("/access_tokens")),
    // The server answers before it works (its queue): settled is when the double has no webhook in flight
    // and the server's queue holds nothing, twice in a row (work makes webhooks, webhooks make work).
    async settled() {
      for (let quiet = 0; quiet < 2; ) {
        await double.settled();
        const stats = (await fetch(`${world.server.url}/bug-lifecycle/queue`).then((r) => r.json())) as Record<string, number>;
        const busy = (stats.waiting ?? 0) + (stats.running ?? 0) + (stats.retrying ?? 0);
        quiet = busy ? 0 : quiet + 1;
        await new Promise((done) => setTimeout(done, busy ? 20 : 5));
      }
    },
    async restart() {
      await world.settled();
      await world.server.stop();
      world.server = await start();
    },
    async crash() {
      await world.server.stop("SIGKILL");
      world.server = await start();
    },
    push: async (files) => {
      const answer = await world.server.send(pushDelivery(files));
      await world.settled();
      return answer;
    },
    async stop() {
      await world.server.stop();
      await slackServer.close();
      await listening.close();
    },
  };
  double.onWebhook(async (name, payload, event) => {
    if (world.loopBack) botAnswers.push(await world.server.send({ id: event.id, name, payload }));
  });
  return world;
}

/** Polls the double until `check` holds (for work the server does after answering), bounded. */
export function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<true> {
  return waitFor(() => (check() ? true : undefined), timeoutMs, what);
}

/** `push` from @octokit/webhooks-examples, pointed at the world's repository and changing `files`. */
function pushDelivery(files: string[]): { id: string; name: string; payload: unknown } {
  const examples = require("@octokit/webhooks-examples") as Array<{ name: string; examples: Array<Record<string, unknown>> }>;
  const example = examples.find((webhook) => webhook.name === "push")?.examples[0];
  if (!example) throw new Error("no push example in @octokit/webhooks-examples");
  const payload = structuredClone(example) as Record<string, unknown> & { repository: Record<string, unknown>; commits: Array<Record<string, unknown>> };
  const [owner, name] = REPO.split("/") as [string, string];
  payload.ref = "refs/heads/main";
  payload.repository = { ...payload.repository, name, full_name: REPO, owner: { ...(payload.repository.owner as object), login: owner, name: owner }, default_branch: "main" };
  const commit = { ...(payload.commits[0] ?? {}), added: [], removed: [], modified: files, message: "Update the bug process" };
  payload.commits = [commit];
  payload.head_commit = commit;
  payload.installation = { id: 1, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" };
  return { id: `push-${randomUUID()}`, name: "push", payload };
}
