//! Purpose: a `node --import` preload that turns Probot's write pacing off in a server process, for tests and benchmarks.
// Probot's `run` builds its Octokit from ProbotOctokit and offers no env switch for the throttling plugin,
// which spaces GraphQL requests and writes ≥1 s apart per installation (3 s for comments). That pacing is
// right against github.com but would make the e2e suite and the server benchmark measure sleeps, not code.
// Octokit runs the plugins listed on its class for every new client, so swapping the throttling entry for
// one that forces `throttle: { enabled: false }` is exactly the option tests pass in-process. Retries
// (plugin-retry) stay on, as in production.
import { ProbotOctokit } from "probot";

const plugins = /** @type {{ plugins: Array<(octokit: unknown, options: Record<string, unknown>) => unknown> }} */ (
  /** @type {unknown} */ (ProbotOctokit)
).plugins;
const index = plugins.findIndex((plugin) => plugin.name === "throttling");
if (index < 0) throw new Error("server-no-pacing: Probot's Octokit has no throttling plugin any more; update this preload");
const throttling = plugins[index];
// In place: every subclass (Probot's per-app and per-installation clients) shares this array.
plugins[index] = function throttlingOff(octokit, options) {
  return throttling(octokit, { ...options, throttle: { ...(/** @type {object} */ (options.throttle) ?? {}), enabled: false } });
};
