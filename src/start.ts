//! Purpose: `npm start`: the environment checked before Probot reads it (one line, exit 2 on a bad setting), then Probot's server with the app.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { run } from "probot";
import app from "./index.js";
import { readSettings, SettingsError } from "./runtime/settings.js";

/**
 * Probot builds its own Redis client from `REDIS_URL` (its clustered pacing) before it loads the app: with
 * `redis:///tmp/r.sock` that client crashes the process with `select NaN` and a stack trace before the app's
 * own check can speak. So `npm start` checks the settings first, with the `.env` Probot would apply
 * (Probot's own `applyEnv`: the file's values win), and `probot run lib/index.js` keeps the app's check.
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
await run(app);
