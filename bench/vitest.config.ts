import { defineConfig } from "vitest/config";

// Benchmarks print figures for docs/benchmarks.md; they assert nothing about time.
export default defineConfig({
  test: { include: ["bench/**/*.run.ts"], environment: "node", testTimeout: 600_000, pool: "forks" },
});
