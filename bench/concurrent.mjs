// 100 logged-in sessions, each polling GET /api/backups/active and a history page in a loop
// (one request in flight per session, as one browser tab would), for BENCH_SECONDS.
//
//   BENCH_SECONDS=60 node bench/concurrent.mjs
import { K, Client, keepAliveAgent } from './lib/http.mjs';
import { startStack } from './lib/stack.mjs';
import { mapLimit, ms, now, sleep, summarize, summary } from './lib/stats.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const WARMUP_S = 5;
const SESSIONS = 100;
const ACCOUNTS = [
  ['root', 'sys'],
  ['root', 'mysql_tenant'],
  ['SYS', 'oracle_tenant'],
  ['support', 'sys'],
];
const URLS = {
  active: `${K}/backups/active`,
  history: `${K}/backups/history?limit=50`,
};

const stack = await startStack({ sim: { seedHistory: 10_000 } });
const { control } = stack.sim;
try {
  // Backups running in both user tenants at the start (they finish after about a minute).
  const root = new Client(stack.baseUrl);
  await root.login('root', 'sys');
  await root.startBackup(['mysql_tenant', 'oracle_tenant']);

  const clients = await mapLimit(
    Array.from({ length: SESSIONS }, (_, i) => ACCOUNTS[i % ACCOUNTS.length]),
    8,
    async ([user, tenant]) => {
      const c = new Client(stack.baseUrl, { agent: keepAliveAgent(1) });
      await c.login(user, tenant);
      c.label = `${user}@${tenant}`;
      return c;
    },
  );
  console.log(
    `${SESSIONS} sessions logged in (${ACCOUNTS.map((a) => a.join('@')).join(', ')}, ${SESSIONS / ACCOUNTS.length} each)`,
  );

  let recording = false;
  let stop = false;
  const lat = { active: [], history: [] };
  const errors = new Map();
  let requests = 0;
  const one = async (c, name) => {
    const t = now();
    try {
      const res = await c.request('GET', URLS[name]);
      const took = now() - t;
      if (!recording) return;
      requests++;
      lat[name].push(took);
      if (res.status < 200 || res.status >= 300) {
        const key = `${name} ${res.status} ${res.body.slice(0, 160)}`;
        errors.set(key, (errors.get(key) ?? 0) + 1);
      }
    } catch (e) {
      if (!recording) return;
      requests++;
      const key = `${name} network ${e.code ?? e.message}`;
      errors.set(key, (errors.get(key) ?? 0) + 1);
    }
  };
  const loops = clients.map(async (c) => {
    while (!stop) {
      await one(c, 'active');
      if (stop) break;
      await one(c, 'history');
    }
  });

  await sleep(WARMUP_S * 1000);
  const s0 = await control.stats();
  recording = true;
  const t0 = now();
  await sleep(SECONDS * 1000);
  recording = false;
  const elapsed = (now() - t0) / 1000;
  const s1 = await control.stats();
  stop = true;
  await Promise.all(loops);

  const all = [...lat.active, ...lat.history];
  const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
  console.log(`\n${SECONDS} s measured after ${WARMUP_S} s of warm-up, ${SESSIONS} loops:`);
  console.log(
    `throughput ${(requests / elapsed).toFixed(1)} req/s (${requests} requests), ` +
      `${((s1.statements.total - s0.statements.total) / elapsed).toFixed(0)} statements/s at the simulator, ` +
      `${s1.connections.open} sim connections open, ${s1.connections.total - s0.connections.total} new sim connections ` +
      `during the run (${((s1.connections.total - s0.connections.total) / elapsed).toFixed(1)}/s, with a fixed set of sessions: pools opening or reopening connections)`,
  );
  console.log('| request | count | p50 | p95 | p99 | max |');
  console.log('|---|---|---|---|---|---|');
  for (const [name, values] of [
    ['active', lat.active],
    ['history page', lat.history],
    ['all', all],
  ]) {
    const x = summarize(values);
    console.log(
      `| ${name} | ${x.n} | ${ms(x.median, 1)} | ${ms(x.p95, 1)} | ${ms(x.p99, 1)} | ${ms(x.max, 1)} |`,
    );
  }
  const slow = all.filter((v) => v >= 3000).length;
  console.log(
    `requests ≥ 3 s (the BFF's connect timeout): ${slow} (${((100 * slow) / all.length).toFixed(1)} %)`,
  );
  console.log(`errors: ${errorCount}`);
  for (const [k, n] of errors) console.log(`  ${n} × ${k}`);
  const x = summarize(all);
  summary(
    'concurrent',
    `${SESSIONS} sessions ${(requests / elapsed).toFixed(0)} req/s, p50 ${x.median.toFixed(0)} ms, p99 ${x.p99.toFixed(0)} ms, ${errorCount} errors (target 0)`,
    errorCount === 0,
  );
} finally {
  await stack.close();
}
