// The audit trail at scale: append 100,000 events (64 appends in flight, as a busy console would
// send them), page through them newest first (first page vs the 1,000th, reached by following
// nextCursor), verify the whole chain, and export all of them as CSV in a child process that
// samples its heap (also one limited to a 48 MiB old space: it completes only if nothing is
// buffered). On SQLite (the embedded default) and on a MariaDB server the bench starts itself.
//
//   node bench/audit.mjs      (BENCH_AUDIT_EVENTS=100000, BENCH_AUDIT_BACKENDS=sqlite,mariadb,
//                              BENCH_REPEATS=21)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditCsv, openStore } from '../packages/store/dist/index.js';
import { createTestDatabase, startMariaDb } from '../packages/store/dist/testing/index.js';
import { mb, median, ms, now, summary } from './lib/stats.mjs';

const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 100_000);
const BACKENDS = (process.env.BENCH_AUDIT_BACKENDS ?? 'sqlite,mariadb')
  .split(',')
  .map((s) => s.trim());
// Sub-millisecond pages on a shared machine: many repeats, so the medians are stable.
const REPEATS = Number(process.env.BENCH_REPEATS ?? 21);
const IN_FLIGHT = 64;
const LIMIT = 50;
const PAGES = 1000;
const TARGET_RATIO = 1.2;
const ACTIONS = [
  'backup_start',
  'backup_preview',
  'backup_start',
  'sign_in',
  'backup_cancel',
  'sign_out',
];
const TENANTS = [['mysql_tenant'], ['oracle_tenant'], ['mysql_tenant', 'oracle_tenant'], []];

if (process.argv[2] === '--csv-child') await csvChild(JSON.parse(process.argv[3]));
else await main();

/**
 * Exports one filter as CSV into nowhere, counting rows and bytes. The heap is sampled after a
 * forced GC every 10,000 rows (what the export holds on to) and without one at every chunk
 * (peak, garbage included).
 */
async function csvChild({ options, filter }) {
  const store = await openStore(options);
  globalThis.gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  let retained = base;
  let bytes = 0;
  let lines = 0;
  let nextMark = 10_000;
  const t = now();
  for await (const chunk of auditCsv(store.audit.iterate(filter))) {
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    if (lines >= nextMark) {
      nextMark += 10_000;
      globalThis.gc();
      retained = Math.max(retained, process.memoryUsage().heapUsed);
    }
  }
  const elapsed = now() - t;
  await store.close();
  process.stdout.write(
    `${JSON.stringify({ rows: lines - 1, bytes, ms: elapsed, retained: retained - base, peak: peak - base, base })}\n`,
  );
}

function runCsvChild(options, filter, nodeArgs = []) {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '--expose-gc',
        ...nodeArgs,
        fileURLToPath(import.meta.url),
        '--csv-child',
        JSON.stringify({ options, filter }),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(out.trim().split('\n').pop()));
      else resolve({ failed: `exit ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}` });
    });
  });
}

async function bench(kind, options) {
  console.log(
    `\n=== ${kind} (${kind === 'sqlite' ? 'WAL, synchronous=FULL' : 'MariaDB started by the bench'})`,
  );
  let clock = Date.UTC(2025, 0, 1);
  const store = await openStore({ ...options, now: () => (clock += 1000) });
  try {
    // Append.
    const latencies = [];
    let next = 0;
    const t0 = now();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < EVENTS) {
          const i = next++;
          const t = now();
          await store.audit.append({
            clusterId: i % 10 === 9 ? 'sh' : 'hz',
            actor: i % 3 ? 'root@sys' : 'admin@mysql_tenant',
            clientAddress: '10.0.0.7',
            userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131',
            requestId: `req-${i}`,
            action: ACTIONS[i % ACTIONS.length],
            outcome: i % 17 ? 'success' : 'failure',
            tenants: TENANTS[i % TENANTS.length],
            details: { sql: 'ALTER SYSTEM BACKUP TENANT = mysql_tenant', jobIds: [i] },
          });
          latencies.push(now() - t);
        }
      }),
    );
    const appendSeconds = (now() - t0) / 1000;
    const rate = EVENTS / appendSeconds;
    console.log(
      `appended ${EVENTS.toLocaleString('en-US')} events in ${appendSeconds.toFixed(1)} s: ${rate.toFixed(0)} events/s, ` +
        `median append ${ms(median(latencies))} with ${IN_FLIGHT} in flight`,
    );

    // Paging.
    const filter = { clusters: ['hz'] };
    const timePage = async (beforeId) => {
      const t = now();
      const page = await store.audit.page({ ...filter, beforeId, limit: LIMIT });
      return { ms: now() - t, page };
    };
    const cold = await timePage(undefined);
    console.log(`first page, cold: ${ms(cold.ms, 3)}`);
    let cursor = cold.page.nextCursor;
    const walk = now();
    for (let p = 2; p < PAGES && cursor !== null; p++)
      cursor = (await timePage(cursor)).page.nextCursor;
    if (cursor === null)
      throw new Error(`fewer than ${PAGES} pages of ${LIMIT}: raise BENCH_AUDIT_EVENTS`);
    console.log(`followed nextCursor to page ${PAGES - 1} in ${ms(now() - walk, 0)}`);
    // The two pages measured in turns, so that both see the same caches and the same noise.
    const firstTimes = [];
    const lastTimes = [];
    let lastPage;
    for (let i = 0; i < REPEATS; i++) {
      firstTimes.push((await timePage(undefined)).ms);
      const r = await timePage(cursor);
      lastTimes.push(r.ms);
      lastPage = r.page;
    }
    const first = { median: median(firstTimes), all: firstTimes };
    const thousandth = { median: median(lastTimes), all: lastTimes };
    const show = (label, r) =>
      console.log(
        `${label}: median ${ms(r.median, 3)} of ${r.all.map((x) => x.toFixed(2)).join(', ')}`,
      );
    show('first page', first);
    show(
      `page ${PAGES} (${lastPage.events.length} events, ids ${lastPage.events[0].id}…)`,
      thousandth,
    );
    const ratio = thousandth.median / first.median;
    console.log(`page ${PAGES} / first page: ${ratio.toFixed(2)} (target ≤ ${TARGET_RATIO})`);
    const t1 = now();
    const fp = await store.audit.page({
      clusters: ['hz'],
      tenant: 'oracle_tenant',
      outcome: 'failure',
      limit: LIMIT,
    });
    console.log(
      `filtered page (tenant=oracle_tenant, outcome=failure): ${ms(now() - t1)}, ${fp.events.length} events`,
    );

    // Verify.
    globalThis.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const tv = now();
    const report = await store.audit.verify('hz');
    const heapAfter = process.memoryUsage().heapUsed;
    console.log(
      `verify hz: ${report.ok ? 'ok' : 'BROKEN'} ${report.checked.toLocaleString('en-US')} events in ${ms(now() - tv, 0)} ` +
        `(heap ${mb(heapBefore)} → ${mb(heapAfter)})`,
    );
    await store.close();

    // CSV in child processes: a tenth of the events, all of them, all within a 48 MiB old space.
    const small = await runCsvChild(options, { clusters: ['hz', 'sh'], action: 'sign_in' });
    const all = await runCsvChild(options, { clusters: ['hz', 'sh'] });
    const tight = await runCsvChild(options, { clusters: ['hz', 'sh'] }, [
      '--max-old-space-size=48',
    ]);
    const line = (label, r) =>
      console.log(
        r.failed
          ? `CSV ${label}: FAILED ${r.failed}`
          : `CSV ${label}: ${r.rows.toLocaleString('en-US')} rows, ${mb(r.bytes)} in ${ms(r.ms, 0)}, heap after GC +${mb(r.retained)} at most, peak +${mb(r.peak)} (base ${mb(r.base)})`,
      );
    line('sign_in only', small);
    line('everything', all);
    line('everything, --max-old-space-size=48', tight);
    const complete = !all.failed && !tight.failed && all.rows === EVENTS && tight.rows === EVENTS;
    const rowRatio = all.failed || small.failed ? NaN : all.rows / small.rows;
    // Constant memory: what the export of every event holds after a GC is within 4 MiB of what
    // the export of a sixth of them holds.
    const flat = complete && !small.failed && all.retained <= small.retained + 4 * 1048576;
    return {
      text:
        `${kind}: append ${rate.toFixed(0)}/s; page${PAGES}/first ${ratio.toFixed(2)} (first ${ms(first.median, 2)}, page${PAGES} ${ms(thousandth.median, 2)}); ` +
        `verify ${report.ok ? 'ok' : 'BROKEN'}; CSV ${complete ? all.rows : 'INCOMPLETE'} rows, heap after GC +${mb(all.failed ? 0 : all.retained)} vs +${mb(small.failed ? 0 : small.retained)} at ${rowRatio.toFixed(1)}× fewer rows, ${tight.failed ? 'NOT ' : ''}within a 48 MiB old space`,
      pass: ratio <= TARGET_RATIO && report.ok && complete && flat,
    };
  } finally {
    await store.close().catch(() => undefined);
  }
}

async function main() {
  const results = [];
  for (const kind of BACKENDS) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'obconsole-bench-audit-'));
    let server;
    try {
      let options = { dataDir };
      if (kind === 'mariadb') {
        server = await startMariaDb();
        const db = await createTestDatabase(server, 'bench');
        options = { ...options, url: db.url, password: db.password };
      } else if (kind !== 'sqlite')
        throw new Error(`unknown backend ${kind}: use sqlite or mariadb`);
      results.push(await bench(kind, options));
    } catch (e) {
      results.push({ text: `${kind}: ${e.message}`, pass: false });
    } finally {
      await server?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  summary(
    'audit',
    results.map((r) => `${r.text} ${r.pass ? 'ok' : 'MISSED'}`).join(' | '),
    results.every((r) => r.pass),
  );
}
