import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { FixtureLastSequencer } from './tests/support/sequencer.ts';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    // Test files share each worker's loaded modules (DuckDB, the AWS SDK, HiGHS load once per
    // worker, not once per file): a quarter off the suite's time here. Tests keep no module state.
    isolate: false,
    // A worker more than there are cores: vitest's default (one fewer) left one of this machine's two idle, and
    // many files wait on a child process (the command, Chromium) for part of their time. 180 -> 106 s here.
    maxWorkers: availableParallelism() + 1,
    // As the command runs (cli/workforce.mjs), no allocation-site pretenuring (it made the ingest's short-lived
    // objects old). Unlike the command, WebAssembly is optimised: a worker solves thousands of disclosure programs.
    execArgv: ['--no-allocation-site-pretenuring'],
    sequence: { sequencer: FixtureLastSequencer },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
