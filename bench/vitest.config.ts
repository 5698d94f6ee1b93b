import { defineConfig } from "vitest/config";
import { sourceConditions } from "../vitest.config.js";

// Benchmarks print figures for docs/benchmarks.md; they assert nothing about time.
export default defineConfig({
  // The workspace packages (the GitHub double) from their TypeScript sources, as in the tests.
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions } },
  test: { include: ["bench/**/*.run.ts"], environment: "node", testTimeout: 600_000, pool: "forks" },
});
