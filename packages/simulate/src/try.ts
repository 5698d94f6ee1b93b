#!/usr/bin/env node
//! Purpose: `npm run try`: the real server against the GitHub double over HTTP, with a seeded repository, and what to type next. No GitHub, no credentials, nothing to register.
import { spawn } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { GitHubDouble } from "@bug-lifecycle/github-double";
import { nextSteps, REPO, seedTry, TOKENS } from "./try-world.js";

/** packages/simulate/{src,lib}/try.* → the repository's root, where the built server and CLI are. */
const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "3000" },
    "github-port": { type: "string", default: "3100" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  process.stdout.write(`Usage: npm run try [-- --port 3000 --github-port 3100]

Serves a GitHub double (acme/app with a few bugs) on --github-port, starts the bug-lifecycle server
against it on --port, and prints commands to try. Ctrl-C stops both.
`);
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), "bug-lifecycle-try-"));
const keyFile = join(dir, "private-key.pem");
writeFileSync(keyFile, generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } }).privateKey, { mode: 0o600 });
const secret = randomBytes(20).toString("hex");

const double = new GitHubDouble({ appSlug: "bug-lifecycle" });
seedTry(double);
const github = await double.listen(Number(values["github-port"]));
const serverUrl = `http://127.0.0.1:${values.port}`;
// GitHub delivers the webhooks people's (and the bot's) writes cause to the app, signed with its secret.
double.hookTarget(`${serverUrl}/api/github/webhooks`, secret);
double.onWebhook((_name, _payload, event) => double.hookSend(event as unknown as Parameters<GitHubDouble["hookSend"]>[0]));

const env = { GHE_HOST: `127.0.0.1:${github.port}`, GHE_PROTOCOL: "http", APP_ID: String(double.appId), PRIVATE_KEY_PATH: keyFile };
const logFile = join(dir, "server.log");
const log = openSync(logFile, "a");
const server = spawn(process.execPath, [join(ROOT, "node_modules/probot/bin/probot.js"), "run", join(ROOT, "lib/index.js")], {
  cwd: dir,
  env: { PATH: process.env.PATH ?? "", ...env, WEBHOOK_SECRET: secret, PORT: values.port, HOST: "127.0.0.1", NODE_ENV: "development", LOG_FORMAT: "pretty", SWEEP_SCHEDULE: "off" },
  stdio: ["ignore", log, log],
});
let stopping = false;
server.once("exit", (code) => {
  if (stopping) return;
  process.stderr.write(`try: the server exited (${code}); its log: ${logFile}\n`);
  void stop(1);
});

async function stop(code: number): Promise<void> {
  stopping = true;
  if (server.exitCode === null) server.kill("SIGTERM");
  await github.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(code);
}
process.once("SIGINT", () => void stop(0));
process.once("SIGTERM", () => void stop(0));

// Ready when the server answers its health check.
for (let waited = 0; ; waited += 100) {
  if (await fetch(`${serverUrl}/ping`).then((r) => r.ok, () => false)) break;
  if (waited > 60_000) {
    process.stderr.write(`try: the server did not start in 60 s; its log: ${logFile}\n`);
    await stop(1);
  }
  await new Promise((done) => setTimeout(done, 100));
}

process.stdout.write(nextSteps({ github: github.url, server: serverUrl, env, cli: join(ROOT, "lib/cli/main.js"), logFile, tokens: TOKENS, repo: REPO }));
