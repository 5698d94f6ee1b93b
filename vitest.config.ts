import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    testTimeout: 20_000,
    pool: "forks",
    projects: [
      { extends: true, test: { name: "unit", include: ["test/**/*.test.ts"], exclude: [...configDefaults.exclude, "test/e2e/**", "test/action/**"] } },
      // The e2e files start the built server: their global setup builds it, and runs only when they are selected.
      { extends: true, test: { name: "e2e", include: ["test/e2e/**/*.test.ts"], globalSetup: ["test/e2e/global-setup.ts"], testTimeout: 30_000, hookTimeout: 30_000 } },
      // The Action's files run dist/action.mjs: their global setup bundles it (npm run build:action).
      { extends: true, test: { name: "action", include: ["test/action/**/*.test.ts"], globalSetup: ["test/action/global-setup.ts"], testTimeout: 30_000, hookTimeout: 30_000 } },
    ],
  },
});
