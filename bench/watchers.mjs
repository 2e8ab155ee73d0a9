// Statements per second at the simulator while a backup runs, with 1 vs 200 SSE watchers of
// one database account (the BFF shares one poller per account), then 20 accounts × 10 watchers.
//
//   node bench/watchers.mjs          (BENCH_WINDOW_SECONDS=15)
import { Client, keepAliveAgent } from './lib/http.mjs';
import { advance, startStack } from './lib/stack.mjs';
import { mapLimit, now, sleep, summary } from './lib/stats.mjs';

const WINDOW_S = Number(process.env.BENCH_WINDOW_SECONDS ?? 15);
const WATCHERS = 200;
const ACCOUNTS = 20;
const TARGET = 1.1;
const POLL_ACTIVE_MS = 1000; // the BFF's default (createApp pollIntervals.activeMs)

const extraAccounts = Array.from({ length: ACCOUNTS }, (_, i) => ({
  user: `bench${String(i + 1).padStart(2, '0')}`,
  tenant: 'sys',
  password: 'oceanbase',
  role: 'admin',
}));
// 200 sessions of one account, each with a stream, all from one address: above the production
// caps of sessions per account and sockets per address (MAX_SESSIONS_PER_ACCOUNT,
// MAX_CONNECTIONS_PER_ADDRESS), which have tests of their own; here the watchers' cost is measured.
const stack = await startStack({
  sim: { manualClock: true, extraAccounts },
  bff: {
    caps: { sessionsPerAccount: WATCHERS + 10, streamsPerSession: 16 },
    loginRateLimit: { max: 10_000, windowMs: 60_000 },
    server: { maxConnections: 4 * WATCHERS, maxConnectionsPerAddress: 4 * WATCHERS },
  },
});
const { control } = stack.sim;
const agent = keepAliveAgent(16);
const streams = [];
try {
  const root = new Client(stack.baseUrl, { agent });
  await root.login('root', 'sys');
  await root.startBackup(['mysql_tenant']);
  // Into DOING, then a slow running clock: the job keeps changing (so every poll fans an event
  // out to every watcher) and does not finish during the run (~60 simulated s ≈ 5 real min).
  await advance(control, 10);
  await control.setSpeed(0.2);
  await control.setManual(false);

  const t0 = now();
  const sessions = await mapLimit(Array.from({ length: WATCHERS }), 8, async () => {
    const c = new Client(stack.baseUrl, { agent });
    await c.login('root', 'sys');
    return c;
  });
  console.log(`${WATCHERS} logins of root@sys in ${((now() - t0) / 1000).toFixed(1)} s`);

  const open = async (clients) => {
    const opened = clients.map((c) => c.events());
    await Promise.all(opened.map((s) => s.ready));
    streams.push(...opened);
    return opened;
  };

  /**
   * One window: statements/s at the simulator for `account`, from the statement log, counted
   * between the first and the last poll start inside the window (so a partial poll cycle at
   * either edge does not skew a rate made of ~3 statements a cycle).
   */
  const measure = async (label, account) => {
    const s0 = await control.stats();
    const w0 = Date.now();
    await sleep(WINDOW_S * 1000);
    const w1 = Date.now();
    const s1 = await control.stats();
    const log = (await control.statements(1000)).filter(
      (s) => s.account === account && Date.parse(s.at) >= w0 && Date.parse(s.at) < w1,
    );
    const starts = log
      .filter((s) => /FROM oceanbase\.CDB_OB_BACKUP_JOBS\b/.test(s.text))
      .map((s) => Date.parse(s.at));
    const a = starts[0];
    const b = starts[starts.length - 1];
    const inCycles = log.filter((s) => Date.parse(s.at) >= a && Date.parse(s.at) < b).length;
    const rate = (inCycles / (b - a)) * 1000;
    const raw = ((s1.statements.total - s0.statements.total) / (w1 - w0)) * 1000;
    console.log(
      `${label}: ${rate.toFixed(2)} statements/s (${inCycles} statements in ${starts.length - 1} poll cycles over ` +
        `${((b - a) / 1000).toFixed(2)} s = ${(inCycles / (starts.length - 1)).toFixed(2)} per cycle); ` +
        `raw window ${raw.toFixed(2)}/s; ${s1.connections.open} sim connections open`,
    );
    return rate;
  };

  console.log(
    `\nwindows of ${WINDOW_S} s; poller interval while a backup runs: ${POLL_ACTIVE_MS} ms`,
  );
  const [first] = await open([sessions[0]]);
  await sleep(3000);
  const r1 = await measure(' 1 watcher ', 'root@sys');
  const more = await open(sessions.slice(1));
  await sleep(2000);
  const r200 = await measure(`${WATCHERS} watchers`, 'root@sys');
  const events200 = more.map((s) => s.counts.active ?? 0);
  for (const s of more) s.close();
  await sleep(2000);
  const r1b = await measure(' 1 watcher ', 'root@sys');
  const base = (r1 + r1b) / 2;
  const ratio = r200 / base;
  console.log(
    `each of the ${WATCHERS - 1} added watchers got ${Math.min(...events200)}..${Math.max(...events200)} 'active' events; ` +
      `the first watcher ${first.counts.active ?? 0}`,
  );
  console.log(
    `ratio ${WATCHERS} watchers / 1 watcher (mean of the windows before and after): ${ratio.toFixed(3)} (target ≤ ${TARGET})`,
  );
  first.close();
  await sleep(1500);

  // 20 accounts, 10 watchers each (10 tabs of one login per account).
  const perAccount = WATCHERS / ACCOUNTS;
  const accountClients = await mapLimit(extraAccounts, 8, async (a) => {
    const c = new Client(stack.baseUrl, { agent });
    await c.login(a.user, a.tenant);
    return c;
  });
  await open(accountClients.flatMap((c) => Array.from({ length: perAccount }, () => c)));
  await sleep(3000);
  const s0 = await control.stats();
  const w0 = now();
  await sleep(WINDOW_S * 1000);
  const s1 = await control.stats();
  const w1 = now();
  const total = ((s1.statements.total - s0.statements.total) / (w1 - w0)) * 1000;
  const perAcc = extraAccounts.map((a) => {
    const k = `${a.user}@sys`;
    return (
      (((s1.statements.byAccount[k] ?? 0) - (s0.statements.byAccount[k] ?? 0)) / (w1 - w0)) * 1000
    );
  });
  const scale = total / base;
  console.log(
    `${ACCOUNTS} accounts × ${perAccount} watchers: ${total.toFixed(2)} statements/s in total ` +
      `(per account ${Math.min(...perAcc).toFixed(2)}..${Math.max(...perAcc).toFixed(2)}/s), ` +
      `${scale.toFixed(1)}× one account; ${s1.connections.open} sim connections open`,
  );

  summary(
    'watchers',
    `${WATCHERS}/1 watchers ratio ${ratio.toFixed(2)} (${r200.toFixed(2)} vs ${base.toFixed(2)} stmt/s, target ≤ ${TARGET}); ` +
      `${ACCOUNTS} accounts ${total.toFixed(1)} stmt/s = ${scale.toFixed(1)}× one account`,
    ratio <= TARGET && scale > ACCOUNTS * 0.8 && scale < ACCOUNTS * 1.2,
  );
} finally {
  for (const s of streams) s.close();
  await stack.close();
}
