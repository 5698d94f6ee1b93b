//! Purpose: what a GitHub Actions runner tells the action (GITHUB_*, RUNNER_DEBUG, INPUT_* with their dashes), checked once with every problem named.

export interface ActionSettings {
  eventName: string;
  eventPath: string;
  token: string;
  repository: { owner: string; name: string };
  /** The runtime's environment: the job's, with the runner's variables spelt as the bot reads them (GITHUB_TOKEN, GHE_HOST…). */
  env: NodeJS.ProcessEnv;
  dryRun: boolean;
  report: boolean;
  logLevel: Level;
  /** `action-<run id>-<attempt>`: a re-run of the job is a new attempt, so it is not skipped as a duplicate. */
  deliveryId: string;
  summaryPath: string | undefined;
  outputPath: string | undefined;
}

export type SettingsResult = { ok: true; settings: ActionSettings } | { ok: false; problems: string[] };

const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace"] as const;
type Level = (typeof LEVELS)[number];

/** The runner names an input `INPUT_` + its name upper-cased, spaces as `_`, dashes kept (`INPUT_DRY-RUN`). */
export function input(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();
}

/** YAML 1.2 core booleans, as `core.getBooleanInput` accepts them; anything else is a mistake worth naming. */
function booleanInput(env: NodeJS.ProcessEnv, name: string, problems: string[]): boolean {
  const value = input(env, name);
  if (value === "" || ["false", "False", "FALSE"].includes(value)) return false;
  if (["true", "True", "TRUE"].includes(value)) return true;
  problems.push(`input ${name} must be true or false, got ${JSON.stringify(value)}`);
  return false;
}

/**
 * GitHub's API URL as the bot's settings spell it: github.com needs nothing, GitHub Enterprise Server
 * (`https://HOST/api/v3`, the form GHE_HOST stands for) becomes GHE_HOST and GHE_PROTOCOL.
 */
function apiSettings(apiUrl: string | undefined, problems: string[]): NodeJS.ProcessEnv {
  if (!apiUrl || apiUrl.replace(/\/+$/, "") === "https://api.github.com") return {};
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    problems.push(`GITHUB_API_URL is not a URL: ${JSON.stringify(apiUrl)}`);
    return {};
  }
  if (url.pathname.replace(/\/+$/, "") !== "/api/v3") {
    problems.push(`GITHUB_API_URL ${apiUrl}: only api.github.com and GitHub Enterprise Server's https://HOST/api/v3 are supported`);
    return {};
  }
  return { GHE_HOST: url.host, GHE_PROTOCOL: url.protocol.replace(/:$/, "") };
}

/**
 * The token input is the action's credential. APP_ID and a private key in the job's environment would win over
 * it in the runtime (as on the server and CLI); a workflow that has them should mint a token with
 * actions/create-github-app-token and pass it as github-token instead.
 */
function withoutAppCredentials(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { APP_ID: _id, PRIVATE_KEY: _key, PRIVATE_KEY_PATH: _path, GHE_HOST: _host, GHE_PROTOCOL: _protocol, ...rest } = env;
  return rest;
}

export function readSettings(env: NodeJS.ProcessEnv): SettingsResult {
  const problems: string[] = [];
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const eventPath = env.GITHUB_EVENT_PATH ?? "";
  if (!eventName) problems.push("GITHUB_EVENT_NAME is not set: run this as a step of a GitHub Actions job");
  if (!eventPath) problems.push("GITHUB_EVENT_PATH is not set: run this as a step of a GitHub Actions job");
  // The input's default is `${{ github.token }}`; GITHUB_TOKEN covers `env:` in a workflow and local runs.
  const token = input(env, "github-token") || env.GITHUB_TOKEN?.trim() || "";
  if (!token) problems.push("no token: the github-token input is empty and GITHUB_TOKEN is not set");
  const [owner, name, ...rest] = (env.GITHUB_REPOSITORY ?? "").split("/");
  if (!owner || !name || rest.length) problems.push(`GITHUB_REPOSITORY must be owner/name, got ${JSON.stringify(env.GITHUB_REPOSITORY ?? "")}`);
  const dryRun = booleanInput(env, "dry-run", problems);
  const report = booleanInput(env, "report", problems);
  // RUNNER_DEBUG=1 is "Enable debug logging" on a re-run: it wins over the input.
  const level = env.RUNNER_DEBUG === "1" ? "debug" : input(env, "log-level").toLowerCase() || "info";
  const logLevel = LEVELS.find((known) => known === level) ?? "info";
  if (logLevel !== level) problems.push(`input log-level must be one of ${LEVELS.join(", ")}, got ${JSON.stringify(level)}`);
  const api = apiSettings(env.GITHUB_API_URL, problems);
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    settings: {
      eventName,
      eventPath,
      token,
      repository: { owner: owner!, name: name! },
      env: {
        ...withoutAppCredentials(env),
        ...api,
        GITHUB_TOKEN: token,
        LOG_LEVEL: logLevel,
        LOG_FORMAT: "json",
        DRY_RUN: dryRun ? "true" : "false",
        // One job is one event or one sweep: the server's hourly schedule has no place in it.
        SWEEP_SCHEDULE: "off",
      },
      dryRun,
      report,
      logLevel,
      deliveryId: `action-${env.GITHUB_RUN_ID ?? "local"}-${env.GITHUB_RUN_ATTEMPT ?? "1"}`,
      summaryPath: env.GITHUB_STEP_SUMMARY || undefined,
      outputPath: env.GITHUB_OUTPUT || undefined,
    },
  };
}
