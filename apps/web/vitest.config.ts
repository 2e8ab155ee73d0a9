import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    // Most of these files wait (on sockets, timers, a child server) rather than compute: vitest's
    // default (a worker per core, less one) runs a single file at a time on 2 cores, the CPU mostly idle.
    // VITEST_MAX_WORKERS overrides.
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS ?? 2),
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
