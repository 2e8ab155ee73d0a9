import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Most of these files wait (on sockets, timers, a child server) rather than compute: vitest's
    // default (a worker per core, less one) runs a single file at a time on 2 cores, the CPU mostly idle.
    // VITEST_MAX_WORKERS overrides.
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS ?? 3),
    include: ['src/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
