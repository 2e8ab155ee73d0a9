import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Most of these files wait (on sockets, timers, a child server) rather than compute: vitest's
    // default (a worker per core, less one) runs a single file at a time on 2 cores, the CPU mostly idle.
    // VITEST_MAX_WORKERS overrides.
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS ?? 2),
    // One module graph per worker, not per file: re-importing the same modules for every file
    // was most of this package's test time. No test mocks a module, the few spies put back what
    // they replaced, and each file starts and stops its own servers (shuffled file orders pass).
    isolate: false,
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/testing/global-setup.ts'],
    // A hang guard, not a speed limit (see apps/bff/vitest.config.ts).
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
