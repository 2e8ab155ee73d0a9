import { existsSync, rmSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { CONSOLES, WORKERS } from './e2e/consoles';

/**
 * The journeys run in real Chromium against the built BFF, which serves the built SPA and runs
 * the embedded simulator on a fast clock. e2e/consoles.ts says which consoles run and on which
 * ports (they differ from the defaults, so that a console left running does not get in the way).
 */

/**
 * Each console keeps its store (audit trail, policies, alerts) in its own data directory, new for
 * every run: the main process clears it before the servers start (workers load this file too,
 * and must not touch a store in use).
 */
const dataDir = (port: number) => `e2e/.artifacts/data-${port}`;
if (!process.env.TEST_WORKER_INDEX)
  for (const c of CONSOLES) rmSync(dataDir(c.port), { recursive: true, force: true });

/** The system browser when there is one (Debian's chromium here); Playwright's own elsewhere. */
function chromiumExecutable(): string | undefined {
  const candidates = [
    process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ];
  return candidates.find(
    (p): p is string => typeof p === 'string' && p.length > 0 && existsSync(p),
  );
}

/**
 * Journeys that wait minutes on the simulated clock or an idle timeout, or check many screens.
 * (The alerts journey no longer has to run first on its console: a simulator's reset sets the
 * cluster's clock back behind what the job watcher has seen, and the watcher now notices the
 * step and reads on from the cluster's present, decision 021.)
 */
const LONG_JOURNEYS = [
  /policies\.spec/,
  /session-keepalive\.spec/,
  /screens.*\.spec/,
  /zh-cn-journey\.spec/,
  /stale-data\.spec/,
];

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Every console's settings; a special console (e2e/consoles.ts) adds its own on top. */
const CONSOLE_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  HOST: '127.0.0.1',
  SIM_SPEED: '20',
  SIM_SEED_HISTORY: '120',
  LOGIN_RATE_LIMIT: '1000',
  MAX_SESSIONS_PER_ACCOUNT: '1000',
  LOG_LEVEL: 'warn',
  SESSION_SECRET: 'e2e-session-secret-0123456789abcdef0123',
  // The alerts journey's webhook receiver listens on loopback, refused unless listed.
  ALERTS_ALLOWED_HOSTS: '127.0.0.1',
};

export default defineConfig({
  testDir: './e2e/specs',
  outputDir: './test-results',
  // Journeys, not files, are spread over the workers: each worker drives its own console
  // (e2e/fixtures.ts picks it by the worker's parallelIndex), so no two journeys share clusters.
  fullyParallel: true,
  workers: WORKERS,
  retries: process.env.CI ? 1 : 0,
  timeout: 180_000,
  // A limit, not a speed target: four journeys share two cores, and a page's first load (its
  // route's chunk, the first render of the layout) can take many seconds on a busy machine.
  expect: { timeout: 30_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  use: {
    ...devices['Desktop Chrome'],
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    timezoneId: 'UTC',
    launchOptions: { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS },
  },
  // The longest journeys first, so that none of them starts last and runs on alone while the
  // other workers are idle (Playwright hands out tests in the order of the projects).
  projects: [
    { name: 'long', testMatch: LONG_JOURNEYS },
    { name: 'journeys', testIgnore: LONG_JOURNEYS },
  ],
  webServer: CONSOLES.map((c) => ({
    command: 'node apps/bff/dist/server.js',
    url: `http://127.0.0.1:${c.port}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000 + 10_000 * CONSOLES.length,
    stdout: 'pipe' as const,
    env: {
      ...CONSOLE_ENV,
      PORT: String(c.port),
      DATA_DIR: dataDir(c.port),
      SIM_PORT: String(c.simPort),
      SIM_CONTROL_PORT: String(c.controlPort),
      ...c.env,
    },
  })),
});
