// Heap held per logged-in session: the BFF runs in this process (so heapUsed is its heap), the
// simulator in a child process. 500 logins, then one GET /api/tenants each (the pool opens its
// connection), then logout of all; gc before every measurement.
//
//   node --expose-gc bench/session-memory.mjs        (BENCH_SESSIONS=500)
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { K, Client, keepAliveAgent } from './lib/http.mjs';
import { startSim } from './lib/stack.mjs';
import { kb, mapLimit, mb, sleep, summary } from './lib/stats.mjs';

if (typeof globalThis.gc !== 'function') {
  console.error('run with: node --expose-gc bench/session-memory.mjs');
  process.exit(2);
}
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 500);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { buildServices, createApp } = await import(path.join(root, 'apps/bff/dist/app.js'));
const { createLogger } = await import(path.join(root, 'apps/bff/dist/lib/logger.js'));

const sim = await startSim({});
const { openStore } = await import(path.join(root, 'packages/store/dist/index.js'));
const storeDir = mkdtempSync(path.join(tmpdir(), 'obconsole-bench-store-'));
const store = await openStore({ dataDir: storeDir });
const consoleApp = createApp(
  buildServices({
    store,
    clusters: [
      {
        id: 'bench',
        name: 'bench',
        target: { host: '127.0.0.1', port: sim.sqlPort },
        simulated: true,
      },
    ],
    sessionSecret: 'bench-session-secret-0123456789abcdef0123',
    // 500 sessions over 4 accounts from one address: above the production caps on sessions per
    // account and logins per minute, which have tests of their own; here the memory is measured.
    caps: { sessionsPerAccount: SESSIONS },
    loginRateLimit: { max: 100 * SESSIONS, windowMs: 60_000 },
    logger: createLogger('info', pino.destination({ dest: '/dev/null', sync: false })),
  }),
);
const server = createServer(consoleApp.app);
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${server.address().port}`;
const agent = keepAliveAgent(8);

const settle = async () => {
  for (let i = 0; i < 4; i++) {
    await sleep(150);
    globalThis.gc();
  }
  return process.memoryUsage();
};
const line = async (label) => {
  const m = await settle();
  const s = await sim.control.stats();
  console.log(
    `${label.padEnd(34)} heapUsed ${mb(m.heapUsed).padStart(9)}  rss ${mb(m.rss).padStart(9)}  ` +
      `sessions in BFF ${String(consoleApp.deps.registry.size).padStart(3)}  sim connections open ${s.connections.open}`,
  );
  return m;
};

try {
  const accounts = [
    ['root', 'sys'],
    ['root', 'mysql_tenant'],
    ['SYS', 'oracle_tenant'],
    ['support', 'sys'],
  ];
  // This process keeps only each session's cookie string between steps: a Client (with its URL
  // object) is made per request and dropped, so the client side adds < 0.2 KiB per session.
  const as = (cookie) => Object.assign(new Client(baseUrl, { agent }), { cookie });

  /** SESSIONS logins, one GET /api/tenants each, logout of all; measure() after each step. */
  const round = async (measure) => {
    const cookies = await mapLimit(
      Array.from({ length: SESSIONS }, (_, i) => accounts[i % accounts.length]),
      8,
      async ([u, t]) => {
        const c = new Client(baseUrl, { agent });
        await c.login(u, t);
        return c.cookie;
      },
    );
    const afterLogin = await measure(`${SESSIONS} sessions logged in`);
    await mapLimit(cookies, 8, (cookie) => as(cookie).get(`${K}/tenants`));
    const afterUse = await measure(`… after one GET /api/tenants each`);
    await mapLimit(cookies, 8, async (cookie) => {
      const res = await as(cookie).logout();
      if (res.status !== 204) throw new Error(`logout: ${res.status}`);
    });
    cookies.length = 0;
    await sleep(1000);
    const afterLogout = await measure('all logged out');
    return { afterLogin, afterUse, afterLogout };
  };

  // Warm-up: a whole round at the same scale first. Its first pass leaves a few MiB behind for
  // good (compiled code, mysql2's row parsers per result shape, grown Map and session-store
  // capacity); that is not per session, and later rounds do not add to it.
  const before = await settle();
  const warm = await round(async () => undefined);
  void warm;
  await sleep(500);
  const base = await line('baseline (after a warm-up round)');
  console.log(
    `  (the warm-up round of ${SESSIONS} left ${mb(base.heapUsed - before.heapUsed)} behind once)`,
  );
  const { afterLogin, afterUse, afterLogout } = await round(line);

  const perLogin = (afterLogin.heapUsed - base.heapUsed) / SESSIONS;
  const perUsed = (afterUse.heapUsed - base.heapUsed) / SESSIONS;
  const left = afterLogout.heapUsed - base.heapUsed;
  console.log(
    `\nheap per session: ${kb(perLogin)} after login, ${kb(perUsed)} once its pool holds a connection ` +
      `(this process's ${SESSIONS} cookie strings included, < 0.2 KiB each)`,
  );
  console.log(
    `after logout of all: ${mb(left)} above the baseline (${kb(left / SESSIONS)} per former session)`,
  );
  // heapUsed after gc moves by about a MiB between otherwise equal runs: "released" means back
  // within 2 MiB of the baseline, or 10 % of what the sessions held if that is more.
  const released = left < Math.max(2 * 1048576, 0.1 * (afterUse.heapUsed - base.heapUsed));
  summary(
    'session-memory',
    `${(perUsed / 1024).toFixed(1)} KiB heap per session (${(perLogin / 1024).toFixed(1)} KiB before its first query), ` +
      `${mb(left)} left after logout of ${SESSIONS} (${released ? 'released' : 'NOT released'})`,
    released,
  );
} finally {
  agent.destroy();
  await consoleApp.close();
  await store.close();
  rmSync(storeDir, { recursive: true, force: true });
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await sim.stop();
}
