//! Purpose: a real Probot app with this check wired as index.ts will wire it, and GitHub mocked with nock, for tests.
import { generateKeyPairSync } from "node:crypto";
import { createRequire } from "node:module";
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import { checkConfigChange } from "../../src/checks/config-check.js";
import { createRuntime } from "../../src/runtime/runtime.js";

export const API = "https://api.github.com";
export const REPO = "/repos/Codertocat/Hello-World";

// One key for the whole file: generating RSA keys is slow on a shared machine.
const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "pkcs1", format: "pem" },
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
});

export async function createApp(options: { dryRun?: boolean } = {}): Promise<Probot> {
  const probot = new Probot({
    appId: 1,
    privateKey,
    logLevel: "fatal",
    // The function form: the object form of `defaults` would leave throttling (and its waits) on.
    Octokit: ProbotOctokit.defaults((defaults: object) => ({
      ...defaults,
      retry: { enabled: false },
      throttle: { enabled: false },
    })),
  });
  // Node's own fetch rather than the undici transport: nock intercepts that one.
  const runtime = createRuntime({ env: options.dryRun ? { DRY_RUN: "true" } : {}, probot, fetch: globalThis.fetch });
  await probot.load((app) => {
    app.on(["pull_request.opened", "pull_request.synchronize", "pull_request.reopened"], (context) =>
      checkConfigChange({ id: context.id, name: context.name, payload: context.payload }, runtime).then(() => undefined),
    );
  });
  return probot;
}

type PullRequestPayload = { action: string; pull_request: { head: { sha: string } }; installation?: { id: number } };

/** `pull_request.opened` from @octokit/webhooks-examples, as the app receives it (with an installation). */
export function pullRequestEvent(action: "opened" | "synchronize" | "reopened" = "opened"): Parameters<Probot["receive"]>[0] {
  const examples = createRequire(import.meta.url)("@octokit/webhooks-examples") as {
    name: string;
    examples: PullRequestPayload[];
  }[];
  const opened = examples.find((webhook) => webhook.name === "pull_request")?.examples.find((e) => e.action === "opened");
  if (!opened) throw new Error("no pull_request.opened example in @octokit/webhooks-examples");
  const payload = structuredClone(opened);
  payload.action = action;
  payload.installation = { id: 1 };
  return { id: `delivery-${action}`, name: "pull_request", payload } as unknown as Parameters<Probot["receive"]>[0];
}

/** The installation token every installation request starts with. */
export function mockToken(): nock.Scope {
  return nock(API)
    .post("/app/installations/1/access_tokens")
    .reply(201, { token: "test-token", expires_at: "2099-01-01T00:00:00Z", permissions: {}, repository_selection: "all" });
}
