// The landing page at fleet scale: GET /tenants and GET /backups/active (no live stream, so the
// route reads the database) with 10,000 finished jobs, then with 200,000 (the simulator seeds
// the difference into the same history), root@sys. Target: 200k costs at most 1.2x 10k.
//
//   node bench/landing.mjs          (BENCH_SMALL_JOBS=10000, BENCH_HISTORY_JOBS=200000, BENCH_REPEATS=41)
import { K, Client, keepAliveAgent } from './lib/http.mjs';
import { startBff, startSim } from './lib/stack.mjs';
import { median, ms, now, percentile, summary } from './lib/stats.mjs';

const SMALL = Number(process.env.BENCH_SMALL_JOBS ?? 10_000);
const LARGE = Number(process.env.BENCH_HISTORY_JOBS ?? 200_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 41);
const TARGET = 1.2;

const sim = await startSim({ manualClock: true, seedHistory: SMALL });
const bff = await startBff(sim.sqlPort);
try {
  const client = new Client(bff.baseUrl, { agent: keepAliveAgent(1) });
  await client.login('root', 'sys');

  /** Median of the two routes, interleaved, after 5 warm-up rounds. */
  const measure = async (label) => {
    const times = { tenants: [], active: [] };
    for (let i = 0; i < REPEATS + 5; i++) {
      for (const [name, url] of [
        ['tenants', `${K}/tenants`],
        ['active', `${K}/backups/active`],
      ]) {
        const t = now();
        await client.get(url);
        if (i >= 5) times[name].push(now() - t);
      }
    }
    const out = {};
    for (const [name, all] of Object.entries(times)) {
      out[name] = median(all);
      console.log(
        `${label} ${name}: median ${ms(out[name])}, p95 ${ms(percentile(all, 95))} (${all.length} requests)`,
      );
    }
    return out;
  };

  const small = await measure(`${SMALL.toLocaleString('en-US')} jobs`);
  const t0 = now();
  const seeded = await sim.control.seedHistory(LARGE - SMALL, 11);
  console.log(
    `\nseeded ${seeded.jobs.toLocaleString('en-US')} more jobs in ${((now() - t0) / 1000).toFixed(1)} s`,
  );
  // The first read after the history grew by 190k rows at once: the index reads each tenant
  // afresh (its newest rows), not the rows in between.
  const t1 = now();
  await client.get(`${K}/tenants`);
  console.log(`first GET /tenants after the growth: ${ms(now() - t1)}`);
  const large = await measure(`${LARGE.toLocaleString('en-US')} jobs`);

  const rt = large.tenants / small.tenants;
  const ra = large.active / small.active;
  console.log(
    `\nratio 200k/10k: tenants ${rt.toFixed(2)}, active ${ra.toFixed(2)} (target ≤ ${TARGET})`,
  );
  summary(
    'landing',
    `200k/10k tenants ${rt.toFixed(2)} (${ms(small.tenants)} → ${ms(large.tenants)}), active ${ra.toFixed(2)} (${ms(small.active)} → ${ms(large.active)}) (target ≤ ${TARGET})`,
    rt <= TARGET && ra <= TARGET,
  );
} finally {
  await bff.stop();
  await sim.stop();
}
