import { defineConfig } from "vitest/config";

// Test files run in one process so that they share one embedded database start-up
// (test/support/database.ts); each test starts from empty tables.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    pool: "forks",
    maxWorkers: 1,
    isolate: false,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
