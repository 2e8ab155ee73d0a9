import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    // Most of these files wait (on sockets, timers, a child server) rather than compute: vitest's
    // default (a worker per core, less one) runs a single file at a time on 2 cores, the CPU mostly idle.
    // VITEST_MAX_WORKERS overrides.
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS ?? 2),
    // One jsdom and one module graph per worker, not per file: importing antd and building a
    // document for each of the files took two thirds of this package's test time (99 s → 31 s
    // on 2 cores). src/test/setup.ts puts the document and the stores back after every test.
    isolate: false,
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // Limits, not speed targets: a dialog driven through user-event in jsdom takes seconds on a
    // quiet machine and many times that on a busy one.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    restoreMocks: true,
    unstubGlobals: true,
  },
});
