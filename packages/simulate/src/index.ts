//! Purpose: the simulate package's API: play a scenario through the real app on the GitHub double; the app on the double for tests.
export { simulateCli, simulateFile, help, type Io } from "./cli.js";
export { loadScenario } from "./load-scenario.js";
export { play, type PlayResult } from "./play.js";
export { renderText } from "./render.js";
export type { Scenario, Step } from "./scenario-schema.js";
export { loadAppOnDouble, type AppOnDouble, type AppOptions, type LogLine } from "./app-on-double.js";
export { nextSteps, seedTry, TOKENS as TRY_TOKENS } from "./try-world.js";
