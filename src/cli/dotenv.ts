//! Purpose: the CLI reads `.env` in the working directory exactly as the server (`probot run`) does, so the file the setup page wrote serves both.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";

/** Where the CLI looks: the working directory, as Probot does. */
export function dotEnvPath(cwd: string = process.cwd()): string {
  return join(cwd, ".env");
}

/**
 * Lays `.env` over `env` (Probot's `applyEnv`: the file's values win over the environment's) and returns the
 * path it read, or undefined when there is no `.env`. An unreadable file is an error a person must see.
 */
export function applyDotEnv(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): string | undefined {
  const path = dotEnvPath(cwd);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") return undefined;
    throw error;
  }
  Object.assign(env, parseEnv(text));
  return path;
}
