import { existsSync, rmSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

/**
 * The journeys run in real Chromium against the built BFF, which serves the built SPA and runs
 * the embedded simulator on a fast clock. Ports differ from the defaults so that a console
 * left running on the machine does not get in the way.
 */
const PORT = Number(process.env.E2E_PORT ?? 8181);
const SIM_PORT = Number(process.env.E2E_SIM_PORT ?? 28810);
export const SIM_CONTROL_PORT = Number(process.env.E2E_SIM_CONTROL_PORT ?? 28860);
/**
 * A second console with a 12 s idle timeout, for the journey that outlasts it (next ports up).
 * Each console runs two simulated clusters, the second on its SIM_PORT+2 / SIM_CONTROL_PORT+2:
 * the main console's are +0 and +2, this one's +1 and +3, so none of the eight ports collide.
 */
const SHORT_IDLE = { port: PORT + 1, simPort: SIM_PORT + 1, simControlPort: SIM_CONTROL_PORT + 1 };
const simPorts = [SIM_PORT, SIM_PORT + 2, SHORT_IDLE.simPort, SHORT_IDLE.simPort + 2];
const controlPorts = [
  SIM_CONTROL_PORT,
  SIM_CONTROL_PORT + 2,
  SHORT_IDLE.simControlPort,
  SHORT_IDLE.simControlPort + 2,
];
const allPorts = [PORT, SHORT_IDLE.port, ...simPorts, ...controlPorts];
if (new Set(allPorts).size !== allPorts.length)
  throw new Error(`e2e ports collide: ${allPorts.join(', ')}; choose E2E_* ports further apart`);
const SHORT_IDLE_SPEC = /session-keepalive\.spec\.ts/;

/**
 * Each console keeps its store (audit trail, policies, alerts) in its own data directory, new for
 * every run: the main process clears it before the servers start (workers load this file too,
 * and must not touch a store in use).
 */
const dataDir = (port: number) => `e2e/.artifacts/data-${port}`;
if (!process.env.TEST_WORKER_INDEX)
  for (const p of [PORT, SHORT_IDLE.port]) rmSync(dataDir(p), { recursive: true, force: true });

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

export default defineConfig({
  testDir: './e2e/specs',
  outputDir: './test-results',
  fullyParallel: false,
  // Each console (and its simulated clusters) runs one journey at a time: the journeys reset the
  // clusters through their control channels. The two consoles are independent, so their two
  // projects run side by side.
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    timezoneId: 'UTC',
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: SHORT_IDLE_SPEC,
      workers: 1,
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: chromiumExecutable(),
          args: CHROMIUM_ARGS,
        },
      },
    },
    {
      name: 'chromium-short-idle',
      testMatch: SHORT_IDLE_SPEC,
      workers: 1,
      use: {
        ...devices['Desktop Chrome'],
        baseURL: `http://127.0.0.1:${SHORT_IDLE.port}`,
        viewport: { width: 1280, height: 800 },
        launchOptions: { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS },
      },
    },
  ],
  webServer: [
    {
      command: 'node apps/bff/dist/server.js',
      url: `http://127.0.0.1:${PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      env: {
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(PORT),
        DATA_DIR: dataDir(PORT),
        SIM_PORT: String(SIM_PORT),
        SIM_CONTROL_PORT: String(SIM_CONTROL_PORT),
        SIM_SPEED: '20',
        SIM_SEED_HISTORY: '120',
        LOGIN_RATE_LIMIT: '1000',
        MAX_SESSIONS_PER_ACCOUNT: '1000',
        LOG_LEVEL: 'warn',
        SESSION_SECRET: 'e2e-session-secret-0123456789abcdef0123',
        // The alerts journey's webhook receiver listens on loopback, refused unless listed.
        ALERTS_ALLOWED_HOSTS: '127.0.0.1',
      },
    },
    {
      command: 'node apps/bff/dist/server.js',
      url: `http://127.0.0.1:${SHORT_IDLE.port}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      env: {
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(SHORT_IDLE.port),
        DATA_DIR: dataDir(SHORT_IDLE.port),
        SIM_PORT: String(SHORT_IDLE.simPort),
        SIM_CONTROL_PORT: String(SHORT_IDLE.simControlPort),
        SIM_SPEED: '20',
        SIM_SEED_HISTORY: '120',
        LOGIN_RATE_LIMIT: '1000',
        MAX_SESSIONS_PER_ACCOUNT: '1000',
        LOG_LEVEL: 'warn',
        SESSION_IDLE_SECONDS_TEST: '12',
        SESSION_SECRET: 'e2e-session-secret-0123456789abcdef0123',
      },
    },
  ],
});
