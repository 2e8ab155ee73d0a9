import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Most of these files wait (on sockets, timers, a child server) rather than compute: vitest's
    // default (a worker per core, less one) runs a single file at a time on 2 cores, the CPU mostly idle.
    // VITEST_MAX_WORKERS overrides.
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS ?? 3),
    include: ['src/**/*.test.ts'],
    // A hang guard, not a speed limit: a passing test ends when its work does. Beside the browser
    // journeys in CI the same fixed work took 7x its time alone (the policy runner's 50 slots on
    // two SQLite connections: 2.8 s alone, 21 s there, over the 20 s this was).
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // What these tests poll for (a stream's first event, a poller's next snapshot) takes a round
    // of database reads: on a loaded machine more than expect.poll's default second, which once
    // failed CI beside the browser journeys. Only a failing poll waits this long.
    expect: { poll: { timeout: 10_000 } },
  },
});
