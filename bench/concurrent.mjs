// Issue 11's overload target: 100 signed-in operators on one cluster, then 300 over two clusters
// (the embedded default's count), each with a progress stream open (GET /events) and a request
// loop (GET /backups/active and a history page, one request in flight, as one browser tab),
// for BENCH_SECONDS each. Target: 0 errors, p99 under 1 s, and the database connections, counted
// by each simulator, within the budget (8 per account, 64 per cluster: the defaults).
//
//   BENCH_SECONDS=60 node bench/concurrent.mjs
//   BENCH_CONNECTIONS_PER_ACCOUNT=50 BENCH_CONNECTIONS_PER_CLUSTER=400 node bench/concurrent.mjs
//   BENCH_OWN_PAGES=1 node bench/concurrent.mjs
//
// The sessions of one account ask for the same history page, as a team on the console's
// default page does, and the BFF shares such reads. BENCH_OWN_PAGES=1 gives every session a
// page size of its own (10-159 rows), so no two sessions of an account ask the same question
// and every history read queues on the account's connection budget: the worst case.
import { Client, keepAliveAgent } from './lib/http.mjs';
import { startBff, startSim } from './lib/stack.mjs';
import { mapLimit, ms, now, sleep, summarize, summary } from './lib/stats.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const WARMUP_S = 5;
const OWN_PAGES = process.env.BENCH_OWN_PAGES === '1';
// The server's defaults; BENCH_CONNECTIONS_PER_ACCOUNT / _PER_CLUSTER try another budget.
const BUDGET = {
  perAccount: Number(process.env.BENCH_CONNECTIONS_PER_ACCOUNT ?? 8),
  perCluster: Number(process.env.BENCH_CONNECTIONS_PER_CLUSTER ?? 64),
};
const ACCOUNTS = [
  ['root', 'sys'],
  ['root', 'mysql_tenant'],
  ['SYS', 'oracle_tenant'],
  ['support', 'sys'],
];
const PHASES = [
  { label: '100 sessions, one cluster', sessions: 100, clusters: 1 },
  { label: '300 sessions, two clusters', sessions: 300, clusters: 2 },
];
const clusterId = (i) => (i === 0 ? 'bench' : `bench-${i + 1}`);

async function phase({ label, sessions, clusters }) {
  const sims = await Promise.all(
    Array.from({ length: clusters }, () => startSim({ seedHistory: 10_000 })),
  );
  const bff = await startBff(sims[0].sqlPort, {
    clusterPorts: sims.map((s) => s.sqlPort),
    // What an operator sets for a team this size (MAX_SESSIONS_PER_ACCOUNT, LOGIN_RATE_LIMIT):
    // with the defaults (20 sessions per account, 10 logins) the logins, not the reads, fail.
    caps: { sessionsPerAccount: sessions, streamsPerSession: 8 },
    loginRateLimit: { max: 10_000, windowMs: 60_000 },
    // Every bench client shares one address, as clients behind a proxy do (TRUST_PROXY):
    // a socket per request loop and one per stream, MAX_CONNECTIONS_PER_ADDRESS is 64.
    server: { maxConnections: 4 * sessions, maxConnectionsPerAddress: 4 * sessions },
    // The server's defaults, spelled out: the budget is what is checked below.
    db: { connectTimeoutMs: 3000, queryTimeoutMs: 15_000, queueLimit: 20, budget: BUDGET },
  });
  try {
    // Backups running in both user tenants of each cluster (they finish after about a minute).
    for (let i = 0; i < clusters; i++) {
      const root = new Client(bff.baseUrl, { cluster: clusterId(i) });
      await root.login('root', 'sys');
      await root.startBackup(['mysql_tenant', 'oracle_tenant']);
    }
    const clients = await mapLimit(
      Array.from({ length: sessions }, (_, i) => i),
      8,
      async (i) => {
        const cluster = clusterId(i % clusters);
        const [user, tenant] = ACCOUNTS[Math.floor(i / clusters) % ACCOUNTS.length];
        const c = new Client(bff.baseUrl, { agent: keepAliveAgent(1), cluster });
        await c.login(user, tenant);
        c.label = `${user}@${tenant} on ${cluster}`;
        c.pageSize = OWN_PAGES ? 10 + (i % 150) : 50;
        return c;
      },
    );
    const streams = clients.map((c) => c.events());
    await Promise.all(streams.map((s) => s.ready));
    console.log(
      `\n## ${label}: ${sessions} sessions logged in, a stream open each; ` +
        (OWN_PAGES ? 'each its own history page size' : 'history pages of 50'),
    );

    let recording = false;
    let stop = false;
    const lat = { active: [], history: [] };
    const errors = new Map();
    let requests = 0;
    const urls = (c) => ({
      active: `${c.k}/backups/active`,
      history: `${c.k}/backups/history?limit=${c.pageSize}`,
    });
    const one = async (c, name) => {
      const t = now();
      try {
        const res = await c.request('GET', urls(c)[name]);
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
    // Peaks from here on: the logins' probes (a connection each, closed at once) are not reads.
    await Promise.all(
      sims.map((s) => fetch(`${s.controlUrl}/stats/reset-peaks`, { method: 'POST' })),
    );
    const s0 = await Promise.all(sims.map((s) => s.control.stats()));
    recording = true;
    const t0 = now();
    await sleep(SECONDS * 1000);
    recording = false;
    const elapsed = (now() - t0) / 1000;
    const s1 = await Promise.all(sims.map((s) => s.control.stats()));
    stop = true;
    await Promise.all(loops);
    for (const s of streams) s.close();

    const all = [...lat.active, ...lat.history];
    const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
    const statements = s1.reduce((n, s, i) => n + s.statements.total - s0[i].statements.total, 0);
    const opened = s1.reduce((n, s, i) => n + s.connections.total - s0[i].connections.total, 0);
    console.log(`${SECONDS} s measured after ${WARMUP_S} s of warm-up, ${sessions} loops:`);
    console.log(
      `throughput ${(requests / elapsed).toFixed(1)} req/s (${requests} requests), ` +
        `${(statements / elapsed).toFixed(0)} statements/s at the simulators, ` +
        `${opened} connections opened during the run (${(opened / elapsed).toFixed(1)}/s)`,
    );
    console.log('| request      | count | p50 | p95 | p99 | max |');
    console.log('| ------------ | ----- | --- | --- | --- | --- |');
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
    let withinBudget = true;
    const peaks = [];
    for (const [i, s] of s1.entries()) {
      const byAccount = Object.entries(s.connections.byAccount).sort(([a], [b]) =>
        a.localeCompare(b),
      );
      const accountPeak = Math.max(0, ...byAccount.map(([, v]) => v.peak));
      if (s.connections.peak > BUDGET.perCluster || accountPeak > BUDGET.perAccount) {
        withinBudget = false;
      }
      peaks.push(`${clusterId(i)} ${s.connections.peak}/${BUDGET.perCluster}`);
      console.log(
        `peak connections at ${clusterId(i)}: ${s.connections.peak} (budget ${BUDGET.perCluster}); per account: ` +
          byAccount.map(([k, v]) => `${k} ${v.peak}`).join(', ') +
          ` (budget ${BUDGET.perAccount})`,
      );
    }
    console.log(`errors: ${errorCount}`);
    for (const [k, n] of errors) console.log(`  ${n} × ${k}`);
    const x = summarize(all);
    return {
      label,
      pass: errorCount === 0 && x.p99 < 1000 && withinBudget,
      text:
        `${sessions} sessions/${clusters} cluster${clusters > 1 ? 's' : ''} ${(requests / elapsed).toFixed(0)} req/s, ` +
        `p99 ${x.p99.toFixed(0)} ms (target < 1000), ${errorCount} errors (target 0), ` +
        `peak connections ${peaks.join(', ')}${withinBudget ? '' : ' OVER BUDGET'}`,
    };
  } finally {
    await bff.stop();
    await Promise.all(sims.map((s) => s.stop()));
  }
}

const results = [];
for (const p of PHASES) results.push(await phase(p));
summary(
  OWN_PAGES ? 'concurrent (own page sizes)' : 'concurrent',
  results.map((r) => `${r.text}`).join('; '),
  results.every((r) => r.pass),
);
