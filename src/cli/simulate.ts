//! Purpose: `bug-lifecycle simulate` moved out of the app (packages/simulate): one line saying how to run it now.
import { EXIT_USAGE, type CliCommand, type Io } from "./command.js";

const moved = "simulate: moved out of the app into its own package: from a clone, `npm ci`, then `npm run simulate -- SCENARIO.yml` (docs/simulate.md)\n";

export const simulateCommand: CliCommand = {
  name: "simulate",
  summary: "moved: `npm run simulate -- SCENARIO.yml` from a clone (docs/simulate.md)",
  help: moved,
  async run(_args: string[], io: Io): Promise<number> {
    io.stderr(moved);
    return EXIT_USAGE;
  },
};
