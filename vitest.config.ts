import { configDefaults, defineConfig } from "vitest/config";

// The workspace packages (packages/*) export their TypeScript sources under "@bug-lifecycle/source" (plain `node`
// gets their built lib/): tests run the sources. The rest are Vite's default server conditions.
export const sourceConditions = ["@bug-lifecycle/source", "module", "node", "development|production"];

export default defineConfig({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions } },
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
