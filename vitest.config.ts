import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    // Test files share each worker's loaded modules (DuckDB, the AWS SDK, HiGHS load once per
    // worker, not once per file): a quarter off the suite's time here. Tests keep no module state.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
