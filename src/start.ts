//! Purpose: `npm start`: the environment checked before Probot reads it (one line, exit 2 on a bad setting), then Probot's server with the app.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { run } from "probot";
import app from "./index.js";
import { readSettings, SettingsError } from "./runtime/settings.js";

/**
 * A bad setting gets one line and exit 2 before Probot reads the environment: `npm start` checks the settings
 * first, with the `.env` Probot would apply (Probot's own `applyEnv`: the file's values win), and
 * `probot run lib/index.js` keeps the app's check.
 */
function preflight(): void {
  try {
    Object.assign(process.env, parseEnv(readFileSync(join(process.cwd(), ".env"), "utf8")));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  try {
    readSettings(process.env);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    process.stderr.write(`bug-lifecycle: refusing to start: ${error.message}\n`);
    process.exit(2);
  }
}

preflight();
// Probot would build a Redis client of its own from `REDIS_URL` to cluster its pacing; the app keeps pacing in
// each process (an installation's work runs on one replica at a time: src/queue/redis-queue.ts), so Probot
// is not given it. The app reads it from the environment itself.
await run(app, { env: { ...process.env, REDIS_URL: undefined } });
