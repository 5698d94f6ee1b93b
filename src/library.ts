//! Purpose: the app as a library (`bug-lifecycle/library`): what tools built on it, like simulate, may import; nothing here is loaded by the server.
/**
 * The server's own pieces, so a tool runs the same code the server does: the Probot app on a runtime (the
 * handlers, the work queue's delayed jobs, the sweep through `runtime.sweep`), the config checker behind
 * `check-config`, and the lifecycle's reading of an issue's labels. A tool adds what it needs around them
 * (simulate: an in-memory GitHub and a clock); the app never imports a tool.
 */
export { serverApp } from "./index.js";
export { createRuntime, type Runtime, type RuntimeOptions } from "./runtime/runtime.js";
export type { Later } from "./runtime/port.js";
export type { RunSummary } from "./sweep/run-sweep.js";
export { checkConfigText } from "./config/lint.js";
export { closest } from "./config/closest.js";
export { formatPath, sortProblems, type Locate, type Problem } from "./config/problem.js";
export { locatorFor } from "./config/yaml-locate.js";
export { defaultConfig, type Config } from "./lifecycle/config.js";
export { BOARD_STATES, parseProjectUrl } from "./lifecycle/board/config.js";
export { stateOf } from "./lifecycle/state.js";
export { configLogins } from "./github/directory.js";
