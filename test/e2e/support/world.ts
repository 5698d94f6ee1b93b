//! Purpose: one e2e world: the GitHub double on loopback HTTP, the built server pointed at it, people acting, bot webhooks looped back.
import { GitHubDouble, type PayloadName, type PersonAction, type RequestRecord } from "../../../src/double/index.js";
import { FLEET_CONFIG, FLEET_LABELS, REPO } from "../../support/fleet.js";
import { startServer, waitFor, type Answer, type ServerProcess } from "./server.js";

export { FLEET_CONFIG as CONFIG, REPO };
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
  stop(): Promise<void>;
}

/** Starts a double and a server; the app's own webhooks are sent back to it, signed, as GitHub would. */
export async function createWorld(options: { config?: string } = {}): Promise<World> {
  const double = new GitHubDouble({ appSlug: "bug-lifecycle" });
  double.addRepo(REPO, { labels: FLEET_LABELS });
  double.addInstallation({ id: 1, account: "acme" });
  for (const login of ["maint", "qa-lead", "mdm-em", "mdm-pm", "orch-em", "orch-pm", "product-head", "dev-1"]) double.addCollaborator(REPO, login, "write");
  double.addUser("reporter");
  double.setFile(REPO, ".github/bug-lifecycle.yml", options.config ?? FLEET_CONFIG);
  const listening = await double.listen();
  const server = await startServer({ appId: double.appId, gheHost: `127.0.0.1:${listening.port}` });
  const botAnswers: Answer[] = [];
  const world: World = {
    double,
    server,
    botAnswers,
    loopBack: true,
    act: async (name, action) => {
      const delivery = double.payload(name, { repo: REPO, ...action });
      const answer = await server.send(delivery);
      // GitHub's other webhooks for the act (a merge's `issues.closed`) follow its own.
      for (const caused of double.caused(delivery)) botAnswers.push(await server.send(caused));
      return answer;
    },
    issue: (number) => double.issue(REPO, number),
    appRequests: () => double.requests.filter((r) => !r.path.endsWith("/access_tokens")),
    settled: () => double.settled(),
    async stop() {
      await server.stop();
      await listening.close();
    },
  };
  double.onWebhook(async (name, payload, event) => {
    if (world.loopBack) botAnswers.push(await server.send({ id: event.id, name, payload }));
  });
  return world;
}

/** Polls the double until `check` holds (for work the server does after answering), bounded. */
export function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<true> {
  return waitFor(() => (check() ? true : undefined), timeoutMs, what);
}
