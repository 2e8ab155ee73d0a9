// What the BFF adds on top of the SQL it sends: latency of GET /api/backups/active, of one
// history page and of GET /api/tenants through the BFF (HTTP, keep-alive) against the very same statements sent straight
// to the simulator with mysql2, measured interleaved in one run. Beside them, not judged, the same
// statements behind a bare node:http server (lib/bare-server.mjs): what any server in front of the
// database costs on this machine, so that a ratio can be read against it.
//
//   node bench/bff-overhead.mjs            (BENCH_ROUNDS=300 by default)
import mysql from 'mysql2/promise';
import { K, Client, PASSWORD, keepAliveAgent } from './lib/http.mjs';
import { BFF_CONNECTION_OPTIONS, BFF_SESSION_SETUP } from './lib/mysql-options.mjs';
import { advance, startBare, startStack } from './lib/stack.mjs';
import { ms, now, summarize, summary } from './lib/stats.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
const WARMUP = 60;
const TARGET = 1.5;

const stack = await startStack({ sim: { manualClock: true, seedHistory: 10_000 } });
const { control } = stack.sim;
const directConns = [];
let bare;
try {
  const bff = new Client(stack.baseUrl, { agent: keepAliveAgent(1) });
  await bff.login('root', 'sys');
  // A backup in DOING that stays there (manual clock), so the active query returns rows.
  await bff.startBackup(['mysql_tenant']);
  await advance(control, 10);

  const endpoints = {
    active: `${K}/backups/active`,
    history: `${K}/backups/history?limit=50`,
    tenants: `${K}/tenants`,
  };
  const check = {
    active: (b) => b.jobs.length > 0,
    history: (b) => b.items.length === 50,
    tenants: (b) => b.tenants.length > 0,
  };
  for (const [name, url] of Object.entries(endpoints)) {
    const body = await bff.get(url);
    if (!check[name](body))
      throw new Error(`${name}: unexpected answer ${JSON.stringify(body).slice(0, 200)}`);
  }

  // Capture exactly what one request of each kind sends (no poller runs: no SSE watcher).
  const captured = {};
  for (const [name, url] of Object.entries(endpoints)) {
    const before = (await control.stats()).statements.total;
    await bff.get(url);
    const after = (await control.stats()).statements.total;
    const statements = await control.statements(after - before);
    captured[name] = statements.filter((s) => !/^SET time_zone/i.test(s.text));
    console.log(
      `${name}: ${url} sends ${captured[name].length} statements on ${new Set(statements.map((s) => s.connectionId)).size} connection(s):`,
    );
    for (const s of captured[name])
      console.log(
        `  [conn ${s.connectionId}] ${s.text.length > 150 ? s.text.slice(0, 150) + '…' : s.text}`,
      );
  }

  // The same account, the same connection options and session time zone as the BFF's pool.
  const connect = async () => {
    const c = await mysql.createConnection({
      host: '127.0.0.1',
      port: stack.sim.sqlPort,
      user: 'root@sys',
      password: PASSWORD,
      ...BFF_CONNECTION_OPTIONS,
    });
    await c.query(BFF_SESSION_SETUP);
    directConns.push(c);
    return c;
  };
  const [c1, c2] = [await connect(), await connect()];

  /** One connection, statements in order: what a person at obclient would send. */
  const directSequential = async (stmts) => {
    for (const s of stmts) await c1.query(s.text);
  };
  /** Two connections, statements grouped by the BFF connection that sent them, groups in parallel. */
  const directParallel = async (stmts) => {
    const groups = new Map();
    for (const s of stmts)
      groups.set(s.connectionId, [...(groups.get(s.connectionId) ?? []), s.text]);
    const lists = [...groups.values()];
    await Promise.all(
      lists.map(async (texts, i) => {
        for (const t of texts) await (i % 2 ? c2 : c1).query(t);
      }),
    );
  };

  // The same statements behind a bare node:http server in a process of its own: what any server
  // between the browser and the database costs on this machine (lib/bare-server.mjs).
  bare = await startBare(
    stack.sim.sqlPort,
    'root@sys',
    PASSWORD,
    Object.fromEntries(
      Object.entries(captured).map(([name, list]) => [
        name,
        list.map(({ connectionId, text }) => ({ connectionId, text })),
      ]),
    ),
  );
  const bareClient = new Client(bare.baseUrl, { agent: keepAliveAgent(1) });

  const variants = {
    bff: (name) => bff.get(endpoints[name]),
    bare: (name) => bareClient.get(`/${name}`),
    direct: (name) => directSequential(captured[name]),
    direct2: (name) => directParallel(captured[name]),
  };
  const times = {};
  const time = async (name, variant) => {
    const t0 = now();
    await variants[variant](name);
    return now() - t0;
  };
  for (let i = 0; i < WARMUP; i++)
    for (const name in endpoints) for (const v in variants) await time(name, v);

  const statsBefore = (await control.stats()).statements.total;
  const t0 = now();
  for (let round = 0; round < ROUNDS; round++) {
    for (const name in endpoints) {
      // Interleaved, in a different order every round.
      const order = Object.keys(variants).sort(() => Math.random() - 0.5);
      for (const v of order) (times[`${name}/${v}`] ??= []).push(await time(name, v));
    }
  }
  const elapsed = now() - t0;
  const sent = (await control.stats()).statements.total - statsBefore;
  console.log(
    `\n${ROUNDS} interleaved rounds in ${(elapsed / 1000).toFixed(1)} s (${sent} statements at the simulator)`,
  );

  console.log('\n| request | path | median | p95 | p99 |');
  console.log('|---|---|---|---|---|');
  const labels = {
    bff: 'BFF (HTTP keep-alive)',
    bare: 'bare node:http server, same statements',
    direct: 'direct mysql2, 1 connection, sequential',
    direct2: 'direct mysql2, 2 connections like the BFF',
  };
  const s = {};
  for (const name in endpoints) {
    for (const v in variants) {
      s[`${name}/${v}`] = summarize(times[`${name}/${v}`]);
      const x = s[`${name}/${v}`];
      console.log(`| ${name} | ${labels[v]} | ${ms(x.median)} | ${ms(x.p95)} | ${ms(x.p99)} |`);
    }
  }
  const ratios = {};
  const bareRatios = {};
  console.log('');
  for (const name in endpoints) {
    const b = s[`${name}/bff`];
    const d = s[`${name}/direct`];
    const d2 = s[`${name}/direct2`];
    ratios[name] = b.median / d.median;
    bareRatios[name] = s[`${name}/bare`].median / d.median;
    console.log(
      `${name}: BFF/direct median ${(b.median / d.median).toFixed(2)}, p95 ${(b.p95 / d.p95).toFixed(2)}; ` +
        `BFF/direct-2-connections median ${(b.median / d2.median).toFixed(2)}, p95 ${(b.p95 / d2.p95).toFixed(2)}; ` +
        `BFF adds ${ms(b.median - d.median)} at the median; ` +
        `bare server/direct ${bareRatios[name].toFixed(2)}, BFF/bare ${(b.median / s[`${name}/bare`].median).toFixed(2)}`,
    );
  }
  const pass = Object.values(ratios).every((r) => r <= TARGET);
  summary(
    'bff-overhead',
    `ratio median ${Object.entries(ratios)
      .map(([name, r]) => `${name} ${r.toFixed(2)}`)
      .join(
        ', ',
      )} (target ≤ ${TARGET}; a bare node:http server sending the same statements: ${Object.entries(
      bareRatios,
    )
      .map(([name, r]) => `${name} ${r.toFixed(2)}`)
      .join(', ')})`,
    pass,
  );
} finally {
  await bare?.stop();
  await Promise.all(directConns.map((c) => c.end().catch(() => undefined)));
  await stack.close();
}
