//! Purpose: `probot run lib/index.js` (what `npm start` runs) as a process: the setup page without credentials, and no start on a weak webhook secret.
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startProcess, type Started } from "./support/cli.js";
import { APP_ENTRY, freePort, PROBOT_BIN, ROOT, rsaKey, SERVER_NODE_FLAGS, waitFor } from "./support/server.js";

/** What `npm start` runs (after its build). */
const START_ENTRY = join(ROOT, "lib/start.js");

let started: Started | undefined;
let closeChannel: (() => Promise<void>) | undefined;
afterEach(async () => {
  await started?.stop();
  await closeChannel?.();
  started = undefined;
  closeChannel = undefined;
});

const serve = (env: Record<string, string>) => startProcess([PROBOT_BIN, "run", APP_ENTRY], { HOST: "127.0.0.1", LOG_FORMAT: "json", ...env });

describe("the server as `npm start` runs it", () => {
  it("without credentials answers with Probot's setup page", async () => {
    const port = await freePort();
    // NO_SMEE_SETUP: Probot's setup would otherwise ask smee.io for a webhook channel.
    started = serve({ PORT: String(port), NO_SMEE_SETUP: "true" });
    const page = await waitFor(async () => {
      const response = await fetch(`http://127.0.0.1:${port}/probot`).catch(() => undefined);
      return response?.ok ? response.text() : undefined;
    }, 20_000, "the setup page");
    expect(page).toContain("Register GitHub App");
    const root = await fetch(`http://127.0.0.1:${port}/`, { redirect: "manual" });
    expect([root.status, root.headers.get("location")]).toEqual([302, "/probot"]);
  });

  it("the setup page registers the app with app.yml's permissions and its webhooks going to WEBHOOK_PROXY_URL", async () => {
    const port = await freePort();
    // A smee channel on loopback (an event stream that stays open, as smee.io's does): the proxy client,
    // smee-client, installed for development, connects to it; nothing reaches smee.io.
    const channel = createServer((request, response) => {
      connected = true;
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      response.write("event: ready\ndata: {}\n\n");
    });
    let connected = false;
    await new Promise<void>((done) => channel.listen(0, "127.0.0.1", done));
    closeChannel = () => new Promise<void>((done) => (channel.closeAllConnections(), channel.close(() => done())));
    const proxy = `http://127.0.0.1:${(channel.address() as AddressInfo).port}/smee-channel-for-the-test`;
    // `npm start` runs in the clone, where Probot's setup reads app.yml from the working directory.
    const cwd = mkdtempSync(join(tmpdir(), "bug-lifecycle-setup-"));
    const closeChannelOnly = closeChannel;
    closeChannel = async () => (await closeChannelOnly?.(), rmSync(cwd, { recursive: true, force: true }));
    copyFileSync(join(ROOT, "app.yml"), join(cwd, "app.yml"));
    started = startProcess([PROBOT_BIN, "run", APP_ENTRY], { HOST: "127.0.0.1", LOG_FORMAT: "json", PORT: String(port), WEBHOOK_PROXY_URL: proxy }, { cwd });
    const page = await waitFor(async () => {
      const response = await fetch(`http://127.0.0.1:${port}/probot`).catch(() => undefined);
      return response?.ok ? response.text() : undefined;
    }, 20_000, "the setup page");
    const manifest = JSON.parse(/value='([^']+)'/.exec(page)![1]!.replace(/&quot;/g, '"')) as { hook_attributes: { url: string }; default_permissions: Record<string, string>; default_events: string[] };
    expect(manifest.hook_attributes.url).toBe(proxy);
    expect(manifest.default_permissions.issues).toBe("write");
    expect(manifest.default_events).toContain("issue_comment");
    await waitFor(() => connected || undefined, 20_000, "smee-client to connect to the channel");
    expect(started.output()).not.toContain("SmeeClient is not available");
    expect(started.output()).not.toContain("npm install --save-dev smee-client");
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ["APP_ID without WEBHOOK_SECRET", {}, /WEBHOOK_SECRET is not set/],
    ["Probot's default secret", { WEBHOOK_SECRET: "development" }, /WEBHOOK_SECRET is Probot's default "development"/],
    ["a short secret in production", { WEBHOOK_SECRET: "short-secret", NODE_ENV: "production" }, /WEBHOOK_SECRET is shorter than 16 characters/],
  ])("refuses to start with %s: one line, exit 1", async (_name, extra, message) => {
    const port = await freePort();
    started = serve({ PORT: String(port), APP_ID: "1", PRIVATE_KEY: rsaKey(), ...extra });
    expect(await started.exited).toBe(1);
    const lines = started.output().trim().split("\n").filter((line) => !line.startsWith("{"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^bug-lifecycle: refusing to start: /);
    expect(lines[0]).toMatch(message);
    expect(await fetch(`http://127.0.0.1:${port}/ping`).then(() => "listening", () => "closed")).toBe("closed");
  });

  it.each<[string, string, RegExp]>([
    // ioredis (Probot's clustered pacing's client too) reads the path as database "tmp/r.sock": it crashed with `select NaN`.
    ["npm start", "redis:///tmp/r.sock", /not redis:\/\/\/path/],
    ["npm start", "redis://localhost:6379/cache", /not redis:\/\/\/path/],
    // `probot run lib/index.js`: the app's own check (Probot's client, built first, crashes on `redis:///path`
    // when a Redis answers on localhost:6379, which is why `npm start` checks before Probot).
    ["probot run", "localhost:6379", /redis:\/\/\[user:password@\]host\[:port\]\[\/db\]/],
  ])("%s refuses REDIS_URL=%s: one line naming the variable and its forms, exit 2", async (how, url, message) => {
    const port = await freePort();
    const launch = how === "npm start" ? (env: Record<string, string>) => startProcess([...SERVER_NODE_FLAGS, START_ENTRY], { HOST: "127.0.0.1", LOG_FORMAT: "json", ...env }) : serve;
    started = launch({ PORT: String(port), APP_ID: "1", PRIVATE_KEY: rsaKey(), WEBHOOK_SECRET: "a-secret-of-its-own-42", SWEEP_SCHEDULE: "off", REDIS_URL: url });
    expect(await started.exited).toBe(2);
    const lines = started.output().trim().split("\n").filter((line) => !line.startsWith("{"));
    expect(lines).toEqual([expect.stringMatching(/^bug-lifecycle: refusing to start: REDIS_URL: takes one of these forms: /)]);
    expect(lines[0]).toMatch(message);
    expect(await fetch(`http://127.0.0.1:${port}/ping`).then(() => "listening", () => "closed")).toBe("closed");
  });

  it("refuses a JOURNAL_DIR it cannot create: one line naming it, exit 2 (it would accept deliveries it cannot keep)", async () => {
    const port = await freePort();
    started = serve({ PORT: String(port), APP_ID: "1", PRIVATE_KEY: rsaKey(), WEBHOOK_SECRET: "a-secret-of-its-own-42", SWEEP_SCHEDULE: "off", JOURNAL_DIR: "/dev/null/journal" });
    expect(await started.exited).toBe(2);
    const lines = started.output().trim().split("\n").filter((line) => !line.startsWith("{"));
    expect(lines).toEqual([expect.stringMatching(/^bug-lifecycle: refusing to start: JOURNAL_DIR \/dev\/null\/journal: .*ENOTDIR.*JOURNAL_DIR=off\)$/)]);
  });

  it("starts with a secret of its own, and with a weak one under NODE_ENV=development", async () => {
    // The npm start case also sets a retired setting: it starts, and says once that it is not read.
    const cases: Record<string, string>[] = [{ WEBHOOK_SECRET: "a-secret-of-its-own-42" }, { WEBHOOK_SECRET: "development", NODE_ENV: "development" }, { WEBHOOK_SECRET: "a-secret-of-its-own-42", START: "npm start", QUEUE_SHARDS: "64" }];
    for (const { START: how, ...extra } of cases) {
      const port = await freePort();
      const launch = how ? (env: Record<string, string>) => startProcess([...SERVER_NODE_FLAGS, START_ENTRY], { HOST: "127.0.0.1", LOG_FORMAT: "json", ...env }) : serve;
      // The double is not needed to listen: SWEEP_SCHEDULE=off keeps the process from calling GitHub.
      started = launch({ PORT: String(port), APP_ID: "1", PRIVATE_KEY: rsaKey(), SWEEP_SCHEDULE: "off", ...extra });
      const ping = await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/ping`).catch(() => undefined))?.status, 20_000, "the server");
      expect(ping).toBe(200);
      if (extra.QUEUE_SHARDS) {
        await waitFor(() => (started!.output().includes("QUEUE_SHARDS is no longer read: QUEUE_LANES took its place") ? true : undefined), 10_000, `the warning:\n${started.output()}`);
        expect(started.output().split("QUEUE_SHARDS is no longer read").length - 1).toBe(1);
      }
      await started.stop();
      started = undefined;
    }
  });
});
