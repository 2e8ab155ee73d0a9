// Three console instances on one Redis (and one simulated cluster): database statements per
// second with 100 watchers of one account spread over the three, against one instance with
// one watcher (target ≤ 1.1x: one poller per account across the fleet); then throughput and
// p99 of 300 sessions spread over three instances against 100 sessions on one.
//
//   node bench/scale-out.mjs          (BENCH_WINDOW_SECONDS=15, BENCH_LOAD_SECONDS=20)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, K, keepAliveAgent } from './lib/http.mjs';
import { advance, startBff, startSim } from './lib/stack.mjs';
import { mapLimit, ms, now, percentile, sleep, summary } from './lib/stats.mjs';

const WINDOW_S = Number(process.env.BENCH_WINDOW_SECONDS ?? 15);
const LOAD_S = Number(process.env.BENCH_LOAD_SECONDS ?? 20);
const WATCHERS = 100;
const TARGET = 1.1;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function pings(port) {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('error', () => resolve(false));
    s.once('connect', () => s.write('PING\r\n'));
    s.once('data', (d) => {
      s.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
  });
}

/** A real redis-server (Debian: apt-get install redis-server) on a free port, no persistence. */
async function startRedis() {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'obconsole-bench-redis-'));
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    { stdio: 'ignore' },
  );
  await new Promise((resolve, reject) => {
    child.once('error', (e) =>
      reject(new Error(`redis-server: ${e.message} (apt-get install redis-server)`)),
    );
    child.once('spawn', resolve);
  });
  for (let i = 0; !(await pings(port)); i++) {
    if (i > 200) throw new Error('redis-server did not answer PING');
    await sleep(50);
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () => {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The same browser session at another instance (the cookie is valid everywhere). */
function at(client, baseUrl, agent) {
  const c = new Client(baseUrl, { agent });
  c.cookie = client.cookie;
  return c;
}

const redis = await startRedis();
const sim = await startSim({ manualClock: true });
const shared = {
  url: redis.url,
  prefix: `bench${randomBytes(3).toString('hex')}:`,
  secretKey: randomBytes(32).toString('hex'),
};
const fleet = [];
const single = [];
const streams = [];
try {
  // Hundreds of sign-ins of one account: over the default cap of 20 per account and instance.
  const caps = { sessionsPerAccount: 1000, streamsPerSession: 8 };
  for (let i = 0; i < 3; i++) fleet.push(await startBff(sim.sqlPort, { redis: shared, caps }));
  single.push(await startBff(sim.sqlPort, { caps }));
  const agent = keepAliveAgent(32);
  const { control } = sim;

  const root = new Client(fleet[0].baseUrl, { agent });
  await root.login('root', 'sys');
  await root.startBackup(['mysql_tenant']);
  await advance(control, 10);
  await control.setSpeed(0.2);
  await control.setManual(false);

  /** statements/s of root@sys at the simulator, counted between poll starts in the window. */
  const measure = async (label) => {
    const w0 = Date.now();
    await sleep(WINDOW_S * 1000);
    const w1 = Date.now();
    const log = (await control.statements(2000)).filter(
      (s) => s.account === 'root@sys' && Date.parse(s.at) >= w0 && Date.parse(s.at) < w1,
    );
    const starts = log
      .filter((s) => /FROM oceanbase\.CDB_OB_BACKUP_JOBS\b/.test(s.text))
      .map((s) => Date.parse(s.at));
    const a = starts[0];
    const b = starts[starts.length - 1];
    const inCycles = log.filter((s) => Date.parse(s.at) >= a && Date.parse(s.at) < b).length;
    const rate = (inCycles / (b - a)) * 1000;
    console.log(`${label}: ${rate.toFixed(2)} statements/s (${starts.length - 1} poll cycles)`);
    return rate;
  };

  // One instance, one watcher: the single instance (no Redis) is the baseline.
  const alone = new Client(single[0].baseUrl, { agent });
  await alone.login('root', 'sys');
  const one = alone.events();
  await one.ready;
  await sleep(3000);
  const base = await measure('one instance, 1 watcher');
  one.close();
  await sleep(2000);

  // 100 watchers of root@sys, each its own sign-in, spread round-robin over three instances.
  const sessions = await mapLimit(Array.from({ length: WATCHERS }), 8, async (_, i) => {
    const c = new Client(fleet[i % 3].baseUrl, { agent });
    await c.login('root', 'sys');
    // Each watches through the next instance: the sign-in is shared, not sticky.
    return at(c, fleet[(i + 1) % 3].baseUrl, agent);
  });
  const opened = sessions.map((c) => c.events());
  await Promise.all(opened.map((s) => s.ready));
  streams.push(...opened);
  await sleep(3000);
  const spread = await measure(`three instances, ${WATCHERS} watchers`);
  const got = opened.map((s) => s.counts.active ?? 0);
  console.log(`each watcher got ${Math.min(...got)}..${Math.max(...got)} 'active' events`);
  for (const s of opened) s.close();
  const ratio = spread / base;
  console.log(`ratio: ${ratio.toFixed(3)} (target ≤ ${TARGET})`);

  // Throughput and p99: sessions each asking for the active backups in a loop.
  const load = async (label, bases, count) => {
    const clients = await mapLimit(Array.from({ length: count }), 8, async (_, i) => {
      const c = new Client(bases[i % bases.length], { agent });
      await c.login('root', 'sys');
      return { c, i };
    });
    const latencies = [];
    const until = now() + LOAD_S * 1000;
    let errors = 0;
    await Promise.all(
      clients.map(async ({ c, i }) => {
        let n = i;
        while (now() < until) {
          const target = at(c, bases[n++ % bases.length], agent);
          const t = now();
          const res = await target.request('GET', `${K}/backups/active`);
          latencies.push(now() - t);
          if (res.status !== 200) errors += 1;
        }
      }),
    );
    await Promise.all(clients.map(({ c }) => c.logout()));
    const rps = latencies.length / LOAD_S;
    const p99 = percentile(latencies, 99);
    console.log(
      `${label}: ${rps.toFixed(0)} requests/s, p50 ${ms(percentile(latencies, 50))}, p99 ${ms(p99)}, ${errors} errors`,
    );
    return { rps, p99, errors };
  };
  const oneLoad = await load('100 sessions on one instance', [single[0].baseUrl], 100);
  const threeLoad = await load(
    '300 sessions over three instances',
    fleet.map((f) => f.baseUrl),
    300,
  );
  summary(
    'scale-out',
    `${WATCHERS} watchers over 3 instances / 1 watcher on one: ${ratio.toFixed(2)} (${spread.toFixed(2)} vs ${base.toFixed(2)} stmt/s, target ≤ ${TARGET}); ` +
      `300 sessions/3 instances ${threeLoad.rps.toFixed(0)} req/s p99 ${ms(threeLoad.p99)} vs 100/1 ${oneLoad.rps.toFixed(0)} req/s p99 ${ms(oneLoad.p99)}`,
    ratio <= TARGET && threeLoad.errors === 0 && oneLoad.errors === 0,
  );
} finally {
  for (const s of streams) s.close();
  for (const b of [...fleet, ...single]) await b.stop();
  await sim.stop();
  redis.stop();
}
