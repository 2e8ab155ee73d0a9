// The console's answer time for a normal user (a) during a slow-body attack without a login
// (300 sockets from another loopback address trickling a request body byte by byte) and (b)
// while the database is stalled (connections open, nothing answered), then how soon it
// recovers. Loopback only; bounded: about 40 s and a few thousand requests in all.
//
//   node bench/under-attack.mjs      (BENCH_ATTACKERS=300 BENCH_SAMPLES=40 BENCH_QUERY_TIMEOUT_MS=3000)
import net from 'node:net';
import { K, Client, keepAliveAgent } from './lib/http.mjs';
import { startStack } from './lib/stack.mjs';
import { ms, now, sleep, summarize, summary } from './lib/stats.mjs';

const ATTACKERS = Number(process.env.BENCH_ATTACKERS ?? 300);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 40);
const QUERY_TIMEOUT_MS = Number(process.env.BENCH_QUERY_TIMEOUT_MS ?? 3000);
const RECOVERY_TARGET_MS = 5000;

const stack = await startStack({
  sim: {},
  bff: {
    db: { connectTimeoutMs: 1000, queryTimeoutMs: QUERY_TIMEOUT_MS },
    // The production defaults (bff config.ts): 30 s per request, 10 s for headers, 64 per address.
    server: { requestTimeoutMs: 30_000, headersTimeoutMs: 10_000, maxConnectionsPerAddress: 64 },
  },
});
const url = new URL(stack.baseUrl);
const attackers = [];
let trickle;
try {
  const user = new Client(stack.baseUrl, { agent: keepAliveAgent(4) });
  await user.login('root', 'sys');

  /** Sequential timed GETs of the tenants screen's data, as one operator clicking around. */
  const sample = async (n, path = `${K}/tenants`) => {
    const times = [];
    const statuses = new Map();
    for (let i = 0; i < n; i++) {
      const t0 = now();
      const res = await user.request('GET', path);
      times.push(now() - t0);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
    return { ...summarize(times), statuses: Object.fromEntries(statuses) };
  };
  const show = (label, s) =>
    console.log(
      `${label}: median ${ms(s.median)}, p95 ${ms(s.p95)}, max ${ms(s.max)} over ${s.n} requests; statuses ${JSON.stringify(s.statuses)}`,
    );

  await sample(5); // warm up pools
  const baseline = await sample(SAMPLES);
  show('baseline', baseline);

  // (a) Slow bodies: headers complete, a body that never finishes, one byte a second.
  for (let i = 0; i < ATTACKERS; i++) {
    const s = net.connect({
      host: url.hostname,
      port: Number(url.port),
      localAddress: '127.0.0.2',
    });
    s.on('error', () => undefined);
    s.resume();
    s.write(
      `POST /api/session HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{`,
    );
    attackers.push(s);
  }
  trickle = setInterval(() => {
    for (const s of attackers) if (!s.destroyed) s.write(' ');
  }, 1000);
  await sleep(1000);
  const open = attackers.filter((s) => !s.destroyed && !s.readableEnded).length;
  const attacked = await sample(SAMPLES);
  show(`during ${ATTACKERS} slow-body sockets (${open} still open after 1 s)`, attacked);
  clearInterval(trickle);
  for (const s of attackers) s.destroy();

  // (b) A stalled database: every answer should come within the query timeout plus a second.
  await stack.sim.control.stall(true);
  const stalled = await sample(5);
  show(`database stalled (OB_QUERY_TIMEOUT_MS=${QUERY_TIMEOUT_MS})`, stalled);
  const health = await sample(5, '/api/health');
  show('  /api/health meanwhile', health);
  await stack.sim.control.stall(false);
  const thawed = now();
  let recoveredMs = NaN;
  while (now() - thawed < 30_000) {
    const res = await user.request('GET', `${K}/tenants`);
    if (res.status === 200) {
      recoveredMs = now() - thawed;
      break;
    }
    await sleep(50);
  }
  console.log(`recovered: first 200 ${ms(recoveredMs)} after the database answered again`);
  const after = await sample(SAMPLES);
  show('after recovery', after);

  const servedDuringAttack = (attacked.statuses[200] ?? 0) === attacked.n;
  const stallBounded =
    stalled.max <= QUERY_TIMEOUT_MS + 1000 && (stalled.statuses[503] ?? 0) === stalled.n;
  const recovered = recoveredMs <= RECOVERY_TARGET_MS;
  summary(
    'under-attack',
    `normal user p95 ${ms(attacked.p95, 1)} during ${ATTACKERS} slow bodies (baseline ${ms(baseline.p95, 1)}), ` +
      `stalled database answered 503 in at most ${ms(stalled.max, 0)} (limit ${QUERY_TIMEOUT_MS + 1000} ms), ` +
      `recovered in ${ms(recoveredMs, 0)} (limit ${RECOVERY_TARGET_MS} ms)`,
    servedDuringAttack && stallBounded && recovered,
  );
} finally {
  clearInterval(trickle);
  for (const s of attackers) s.destroy();
  await stack.close();
}
