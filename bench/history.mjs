// History at scale: 200,000 finished jobs. First page vs page 1,001 (reached by following
// nextCursor 1,000 times), a filtered page, then the CSV export of every row while sampling the
// BFF's RSS (the BFF runs in a process of its own, the simulator in another).
//
//   node bench/history.mjs          (BENCH_HISTORY_JOBS=200000, BENCH_REPEATS=7)
import mysql from 'mysql2/promise';
import { K, Client, PASSWORD, keepAliveAgent } from './lib/http.mjs';
import { MARKS, csvVerdict, exportCsv } from './lib/csv-export.mjs';
import { startBff, startSim } from './lib/stack.mjs';
import { mb, median, ms, now, summary } from './lib/stats.mjs';

const JOBS = Number(process.env.BENCH_HISTORY_JOBS ?? 200_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 7);
const PAGES = Number(process.env.BENCH_PAGES ?? 1000);
const TARGET_RATIO = 1.2;
const FILTER_TARGET = 2;

const t0 = now();
const sim = await startSim({ manualClock: true, seedHistory: JOBS });
console.log(
  `simulator up with ${JOBS.toLocaleString('en-US')} seeded jobs in ${((now() - t0) / 1000).toFixed(1)} s`,
);
// The simulator builds its +00:00 time-zone indexes on the first read in that zone (~2 s at 200k,
// far more on a loaded machine, while it answers nothing else): paid here, once, before the BFF
// starts, as the README's "first use of a session time zone" describes.
{
  const t = now();
  const warm = await mysql.createConnection({
    host: '127.0.0.1',
    port: sim.sqlPort,
    user: 'root@sys',
    password: PASSWORD,
  });
  await warm.query("SET time_zone = '+00:00'");
  await warm.query('SELECT JOB_ID FROM oceanbase.CDB_OB_BACKUP_JOB_HISTORY LIMIT 1');
  await warm.end();
  console.log(`time-zone indexes built in ${((now() - t) / 1000).toFixed(1)} s`);
}
// A loaded machine (the simulator building its indexes) can take more than the default 3 s to
// answer a handshake: the bench measures reads, not connect timeouts.
const BFF_OPTIONS = { db: { connectTimeoutMs: 15_000 } };
let bff = await startBff(sim.sqlPort, BFF_OPTIONS);
const results = {};
try {
  let client = new Client(bff.baseUrl, { agent: keepAliveAgent(1) });
  await client.login('root', 'sys');

  /** Median latency of the same GET repeated; returns {median, all, body}. */
  const timed = async (url) => {
    const t = now();
    const body = await client.get(url);
    return { ms: now() - t, body };
  };
  const repeated = async (url) => {
    const all = [];
    let body;
    for (let i = 0; i < REPEATS; i++) {
      const r = await timed(url);
      all.push(r.ms);
      body = r.body;
    }
    return { median: median(all), all, body };
  };
  const show = (label, r, extra = '') =>
    console.log(
      `${label}: median ${ms(r.median)} of ${r.all.map((x) => x.toFixed(1)).join(', ')}${extra}`,
    );

  const firstUrl = `${K}/backups/history?limit=50`;
  // The simulator builds its time-zone indexes on this first read (~2 s at 200k, far more on a
  // loaded machine), during which a second connection's handshake can time out: say so, go on.
  const t = now();
  const cold = await timed(firstUrl).catch((e) => ({ ms: now() - t, error: e }));
  console.log(
    `\nfirst page, first request of the session (cold): ${ms(cold.ms)}${cold.error ? ` (${String(cold.error.message).slice(0, 120)})` : ''}`,
  );
  const first = await repeated(firstUrl);
  show('first page', first, ` (${first.body.items.length} items)`);

  // Follow nextCursor 1,000 times.
  let cursor = first.body.nextCursor;
  const pageTimes = [];
  const walkStart = now();
  for (let i = 0; i < PAGES - 1; i++) {
    const r = await timed(`${firstUrl}&cursor=${encodeURIComponent(cursor)}`);
    pageTimes.push(r.ms);
    cursor = r.body.nextCursor;
    if (!cursor) throw new Error(`history ended after page ${i + 2}`);
  }
  const walkMs = now() - walkStart;
  console.log(
    `pages 2..${PAGES}: ${(walkMs / 1000).toFixed(1)} s in total, median ${ms(median(pageTimes))}, ` +
      `slowest ${ms(Math.max(...pageTimes))}`,
  );
  const deepUrl = `${firstUrl}&cursor=${encodeURIComponent(cursor)}`;
  const deep = await repeated(deepUrl);
  const deepFirst = deep.body.items[0];
  show(
    `page ${PAGES + 1}`,
    deep,
    ` (${deep.body.items.length} items, starts ${deepFirst?.startTime}, job ${deepFirst?.jobId})`,
  );
  const ratio = deep.median / first.median;
  console.log(
    `ratio page ${PAGES + 1} / first page: ${ratio.toFixed(2)} (target ≤ ${TARGET_RATIO})`,
  );
  results.ratio = ratio;

  // A filtered page over one calendar month in the middle of the seeded range.
  const oldest = (await client.get(`${K}/backups/history?limit=1&order=asc`)).items[0].startTime;
  const newest = first.body.items[0].startTime;
  const mid = new Date((Date.parse(oldest) + Date.parse(newest)) / 2);
  const from = `${mid.toISOString().slice(0, 7)}-01`;
  const last = new Date(Date.UTC(mid.getUTCFullYear(), mid.getUTCMonth() + 1, 0));
  const to = last.toISOString().slice(0, 10);
  console.log(`seeded history spans ${oldest} .. ${newest}; filter month ${from} .. ${to}`);
  // Every filter the UI offers (tenant, type, status, time range) alone and combined: each first
  // page against the unfiltered first page (target ≤ FILTER_TARGET).
  const month = `from=${from}&to=${to}`;
  const filters = [
    'tenant=mysql_tenant',
    'type=full',
    'type=incremental',
    'status=COMPLETED',
    'status=FAILED',
    'status=CANCELED',
    month,
    'tenant=mysql_tenant&type=incremental',
    `type=incremental&${month}`,
    `status=FAILED&${month}`,
    `tenant=mysql_tenant&status=FAILED&${month}`,
    `tenant=oracle_tenant&type=full&status=CANCELED&${month}`,
  ];
  results.filters = [];
  for (const f of filters) {
    const r = await repeated(`${K}/backups/history?limit=50&${f}`);
    if (r.body.items.length === 0)
      throw new Error(`the filtered page ${f} is empty: pick another month`);
    results.filters.push({ f, median: r.median, ratio: r.median / first.median });
    show(
      `filtered page ${f}`,
      r,
      ` (${r.body.items.length} items, ${(r.median / first.median).toFixed(2)}× the first page)`,
    );
  }
  const worst = results.filters.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  results.filtered = worst.median;
  results.worstFilter = worst;

  // Not a history route, but it reads the history too (the jobs that ended in the last 10 minutes).
  const active = await repeated(`${K}/backups/active`);
  show('GET /api/backups/active with this history (no watcher, so no poller snapshot)', active);
  results.active = active.median;

  // Expected row counts, straight from the simulator.
  const conn = await mysql.createConnection({
    host: '127.0.0.1',
    port: sim.sqlPort,
    user: 'root@sys',
    password: PASSWORD,
  });
  const count = async (where) =>
    Number(
      (
        await conn.query(
          `SELECT COUNT(*) AS n FROM oceanbase.CDB_OB_BACKUP_JOB_HISTORY WHERE JOB_LEVEL = 'USER_TENANT'${where}`,
        )
      )[0][0].n,
    );
  const exports = [
    {
      label: 'status=FAILED',
      query: '?status=FAILED',
      expected: await count(" AND STATUS = 'FAILED'"),
    },
    { label: 'everything', query: '', expected: await count('') },
    // What every browser gets: the same export through the BFF's compression.
    { label: 'everything, gzip', query: '', expected: await count(''), gzip: true },
    // The proof that nothing is buffered: the whole export in a BFF whose old space is capped
    // far below what 200k rows held in memory would need.
    {
      label: 'everything, BFF at --max-old-space-size=48',
      query: '',
      expected: await count(''),
      nodeArgs: ['--max-old-space-size=48'],
    },
  ];
  await conn.end();
  results.firstMs = first.median;
  results.deepMs = deep.median;

  // CSV export, each in a fresh BFF process so the RSS of one run does not carry into the next.
  console.log('\nCSV export (fresh BFF process each, RSS sampled every 20 ms):');
  console.log(
    '| export | expected rows | status | rows | bytes | time | rows/s | RSS before | peak RSS growth |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  results.csv = [];
  for (const e of exports) {
    await bff.stop();
    bff = await startBff(sim.sqlPort, BFF_OPTIONS, e.nodeArgs);
    client = new Client(bff.baseUrl, { agent: keepAliveAgent(1) });
    await client.login('root', 'sys');
    await client.get(`${K}/backups/history?limit=50&tenant=mysql_tenant`);
    const r = await exportCsv(
      bff,
      client.cookie,
      `${K}/backups/history.csv${e.query}`,
      e.expected,
      e.gzip,
    );
    results.csv.push({ ...e, ...r });
    console.log(
      `| ${e.label} | ${e.expected} | ${r.status} | ${r.rows} | ${mb(r.bytes)} | ${(r.ms / 1000).toFixed(1)} s | ` +
        `${Math.round(r.rows / (r.ms / 1000))} | ${mb(r.rssBefore)} | ${mb(r.peak - r.rssBefore)} |`,
    );
    if (r.error) console.log(`  → ${r.error}`);
    else {
      const at = r.marks.map((m, i) => `${MARKS[i] * 100} % ${mb(m)}`).join(', ');
      console.log(`  RSS growth as the rows arrived: ${at}, peak ${mb(r.peak - r.rssBefore)}`);
    }
  }
} finally {
  await bff.stop();
  await sim.stop();
}

const csv = csvVerdict(results.csv);
const ratioPass = results.ratio <= TARGET_RATIO && results.worstFilter.ratio <= FILTER_TARGET;
summary(
  'history',
  `page${PAGES + 1}/first ${results.ratio.toFixed(2)} (target ≤ ${TARGET_RATIO}; first ${results.firstMs.toFixed(0)} ms, ` +
    `page${PAGES + 1} ${results.deepMs.toFixed(1)} ms, worst filter ${results.worstFilter.f} ${results.worstFilter.ratio.toFixed(2)}× first (target ≤ ${FILTER_TARGET}, ${results.filtered.toFixed(1)} ms), active ${results.active.toFixed(0)} ms); ${csv.text}`,
  ratioPass && csv.pass,
);
