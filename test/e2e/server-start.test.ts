//! Purpose: `probot run lib/index.js` (what `npm start` runs) as a process: the setup page without credentials, and no start on a weak webhook secret.
import { afterEach, describe, expect, it } from "vitest";
import { startProcess, type Started } from "./support/cli.js";
import { APP_ENTRY, freePort, PROBOT_BIN, rsaKey, waitFor } from "./support/server.js";

let started: Started | undefined;
afterEach(async () => {
  await started?.stop();
  started = undefined;
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

  it("starts with a secret of its own, and with a weak one under NODE_ENV=development", async () => {
    const cases: Record<string, string>[] = [{ WEBHOOK_SECRET: "a-secret-of-its-own-42" }, { WEBHOOK_SECRET: "development", NODE_ENV: "development" }];
    for (const extra of cases) {
      const port = await freePort();
      // The double is not needed to listen: SWEEP_SCHEDULE=off keeps the process from calling GitHub.
      started = serve({ PORT: String(port), APP_ID: "1", PRIVATE_KEY: rsaKey(), SWEEP_SCHEDULE: "off", ...extra });
      const ping = await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/ping`).catch(() => undefined))?.status, 20_000, "the server");
      expect(ping).toBe(200);
      await started.stop();
      started = undefined;
    }
  });
});
