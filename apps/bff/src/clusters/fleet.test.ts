import express from 'express';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import { startSimulator } from '@obconsole/oceanbase-sim';
import {
  FleetHistoryPage,
  FleetOverview,
  type FleetHistoryItem,
  type HistoryItem,
} from '@obconsole/contracts';
import type { RequestContext } from '../lib/context.js';
import { accountContext } from '../lib/context.js';
import { ServerFacts } from '../features/jobs/active.js';
import { createLogger } from '../lib/logger.js';
import { errorHandler } from '../middleware/errors.js';
import { login } from '../features/session/session.service.js';
import { historyRows } from '../features/jobs/history.service.js';
import { listTenants } from '../features/tenants/tenants.service.js';
import { asText } from '../testing/harness.js';
import type { ClusterContext } from '../features/fleet/fleet-context.js';
import { fleetRouter } from '../features/fleet/fleet.routes.js';

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

// Generous: the machine is shared, and a slow answer must not read as an outage.
const SETTINGS = { connectTimeoutMs: 3000, queryTimeoutMs: 4000 };
const SECRET = 'fleet-test-secret-that-is-long-enough-0123456789';
const log = createLogger('silent');

let hz: Simulator;
let sh: Simulator;
let clusters: ClusterContext[];
/** Which clusters the "session" is signed in to for the next request. */
let signedIn: ClusterContext[];
let app: express.Express;

/** A sign-in as the middleware builds it, without HTTP: login() then the request context. */
async function signIn(
  clusterId: string,
  name: string,
  sim: Simulator,
  user = 'root',
  tenant = 'sys',
): Promise<ClusterContext> {
  const target = { host: '127.0.0.1', port: sim.sqlPort };
  const { profile, db } = await login(
    target,
    { user, tenant, password: 'oceanbase' },
    SETTINGS,
    log,
  );
  const ctx: RequestContext = accountContext(clusterId, profile, db, new ServerFacts());
  return { clusterId, name, ctx };
}

const nowOf = (sim: Simulator) => Math.floor(sim.control.clock().nowUs / 1000);

beforeAll(async () => {
  const base = { host: '127.0.0.1', port: 0, controlPort: null, manualClock: true } as const;
  // The same tenant id (1002) in both clusters, with different names and histories.
  hz = await startSimulator({ ...base, seed: 11, seedHistory: 60 });
  sh = await startSimulator({
    ...base,
    seed: 12,
    seedHistory: 45,
    tenants: [{ id: 1002, name: 'trade_tenant', mode: 'MYSQL' }],
  });
  clusters = [
    await signIn('obcluster-hz', 'Hangzhou', hz),
    await signIn('obcluster-sh', 'Shanghai', sh),
  ];
  signedIn = clusters;
  app = express();
  app.use(
    fleetRouter({
      contexts: () => signedIn,
      sessionSecret: SECRET,
      log,
      now: () => nowOf(hz),
    }),
  );
  app.use(errorHandler(log));
});

afterAll(async () => {
  for (const c of clusters) await c.ctx.db.close();
  await hz.close();
  await sh.close().catch(() => undefined);
});

const get = (path: string) => supertest(app).get(path);
const key = (i: FleetHistoryItem) => `${i.clusterId}/${i.tenantId}/${i.jobId}`;

/** Every row of one cluster, through the one-cluster export: what the fleet must add up to. */
async function allOf(c: ClusterContext, order: 'asc' | 'desc'): Promise<HistoryItem[]> {
  const out: HistoryItem[] = [];
  for await (const chunk of historyRows(c.ctx, { order, limit: 50 })) out.push(...chunk);
  return out;
}

async function walk(query: string): Promise<{ items: FleetHistoryItem[]; totals: number[] }> {
  const items: FleetHistoryItem[] = [];
  const totals: number[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const res = await get(
      `/api/fleet/history?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(res.status).toBe(200);
    const page = FleetHistoryPage.parse(res.body);
    expect(page.unavailable).toEqual([]);
    expect(page.items.length).toBeLessThanOrEqual(7);
    items.push(...page.items);
    totals.push(page.total);
    cursor = page.nextCursor;
    if (!cursor) return { items, totals };
  }
  throw new Error('the pages never ended');
}

describe('the fleet history', () => {
  it.each(['desc', 'asc'] as const)(
    'pages (%s) merge both clusters by start time without duplicates or gaps',
    async (order) => {
      const { items, totals } = await walk(`order=${order}&limit=7`);
      const expected = [
        ...(await allOf(clusters[0]!, order)).map((i) => ({ ...i, clusterId: 'obcluster-hz' })),
        ...(await allOf(clusters[1]!, order)).map((i) => ({ ...i, clusterId: 'obcluster-sh' })),
      ];
      expect(expected.length).toBeGreaterThan(60);
      expect(new Set(items.map(key)).size).toBe(items.length);
      expect(items.map(key).sort()).toEqual(expected.map(key).sort());
      expect(totals.every((t) => t === expected.length)).toBe(true);
      const times = items.map((i) => Date.parse(i.startTime));
      const sorted = [...times].sort((a, b) => (order === 'asc' ? a - b : b - a));
      expect(times).toEqual(sorted);
      // The rows of tenant 1002 keep their own cluster's name: the ids never mix.
      for (const i of items.filter((x) => x.tenantId === 1002)) {
        expect(i.tenantName).toBe(i.clusterId === 'obcluster-hz' ? 'mysql_tenant' : 'trade_tenant');
      }
      const both = new Set(items.filter((i) => i.tenantId === 1002).map((i) => i.clusterId));
      expect(both.size).toBe(2);
    },
  );

  it('a tenant filter searches the clusters that have the tenant, and one nobody has is 404', async () => {
    const { items } = await walk('tenant=trade_tenant&limit=7');
    expect(items.length).toBe((await allOf(clusters[1]!, 'desc')).length);
    expect(items.every((i) => i.clusterId === 'obcluster-sh' && i.tenantId === 1002)).toBe(true);
    const none = await get('/api/fleet/history?tenant=no_such_tenant');
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('TENANT_NOT_FOUND');
  });

  it('searches only the clusters named, and says which cluster it does not know', async () => {
    const { items } = await walk('clusters=obcluster-hz&limit=7');
    expect(items.length).toBe((await allOf(clusters[0]!, 'desc')).length);
    expect(new Set(items.map((i) => i.clusterId))).toEqual(new Set(['obcluster-hz']));
    const bad = await get('/api/fleet/history?clusters=obcluster-hz,obcluster-bj');
    expect(bad.status).toBe(404);
    expect(bad.body.error.message).toContain('"obcluster-bj" is not one this session is signed in');
  });

  it('refuses an edited cursor, a one-cluster cursor, and a cursor of the other order', async () => {
    const first = await get('/api/fleet/history?limit=5');
    const cursor = first.body.nextCursor as string;
    const [body, sig] = cursor.split('.');
    const edited = `${body!.slice(0, -2)}AA.${sig}`;
    for (const c of [edited, 'eyJhIjoxfQ.abc', cursor]) {
      const order = c === cursor ? 'asc' : 'desc';
      const res = await get(`/api/fleet/history?order=${order}&cursor=${encodeURIComponent(c)}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('INVALID_CURSOR');
    }
    const invalid = await get('/api/fleet/history?limit=0&clusters=');
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('streams the CSV of both clusters in the fleet order, with a cluster column', async () => {
    const { items } = await walk('order=desc&limit=7');
    const res = await asText(get('/api/fleet/history.csv?order=desc'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['x-unavailable-clusters']).toBe('');
    const lines = (res.body as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]!.startsWith('cluster_id,tenant_id,tenant_name,job_id')).toBe(true);
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.map((r) => `${r[0]}/${r[1]}/${r[3]}`)).toEqual(items.map(key));
  });

  it('a comment that a spreadsheet would run as a formula is disarmed in the CSV', async () => {
    sh.control.failNextTask('trade_tenant', -4016, '=1+2');
    const conn = await mysql.createConnection({
      host: '127.0.0.1',
      port: sh.sqlPort,
      user: 'root@sys',
      password: 'oceanbase',
    });
    await conn.query('ALTER SYSTEM BACKUP TENANT trade_tenant');
    await conn.end();
    for (let t = 0; t < 300; t += 5) sh.control.advance(5);
    const res = await asText(
      get('/api/fleet/history.csv?clusters=obcluster-sh&status=FAILED&order=desc'),
    );
    expect(res.status).toBe(200);
    const rows = (res.body as string).split('\n').filter((l) => l.startsWith('obcluster-sh,'));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((l) => l.includes(",'=1+2"))).toBe(true);
    expect(rows.some((l) => /,=1\+2/.test(l))).toBe(false);
  });

  it('without any sign-in the fleet answers 401', async () => {
    signedIn = [];
    try {
      const res = await get('/api/fleet/overview');
      expect(res.status).toBe(401);
    } finally {
      signedIn = clusters;
    }
  });
});

describe('the fleet overview', () => {
  it('shows each cluster with its own tenants, running jobs and failures of the last 7 days', async () => {
    const conn = await mysql.createConnection({
      host: '127.0.0.1',
      port: sh.sqlPort,
      user: 'root@sys',
      password: 'oceanbase',
      dateStrings: true,
    });
    try {
      await conn.query("SET time_zone = '+00:00'");
      // A backup that fails now (inside the 7 days), then one that keeps running.
      sh.control.failNextTask('trade_tenant', -4016, 'injected');
      await conn.query('ALTER SYSTEM BACKUP TENANT trade_tenant');
      for (let t = 0; t < 300; t += 5) sh.control.advance(5);
      await conn.query('ALTER SYSTEM BACKUP TENANT trade_tenant');
      const res = await get('/api/fleet/overview');
      expect(res.status).toBe(200);
      const o = FleetOverview.parse(res.body);
      expect(o.clusters.map((c) => [c.clusterId, c.state])).toEqual([
        ['obcluster-hz', 'ok'],
        ['obcluster-sh', 'ok'],
      ]);
      const [h, s] = o.clusters;
      if (h?.state !== 'ok' || s?.state !== 'ok') throw new Error('both should answer');
      expect(h.tenants.map((t) => t.name)).toEqual(['mysql_tenant', 'oracle_tenant']);
      expect(s.tenants.map((t) => [t.tenantId, t.name])).toEqual([[1002, 'trade_tenant']]);
      // Tenant 1002 runs a backup in Shanghai only.
      expect(s.tenants[0]!.running).toBe(1);
      expect(h.tenants.find((t) => t.tenantId === 1002)!.running).toBe(0);
      expect(s.tenants[0]!.archiveStatus).toBe('DOING');
      // Failures counted independently, from every history row of each cluster.
      for (const [sim, cluster] of [
        [hz, h],
        [sh, s],
      ] as const) {
        const c = await mysql.createConnection({
          host: '127.0.0.1',
          port: sim.sqlPort,
          user: 'root@sys',
          password: 'oceanbase',
          dateStrings: true,
        });
        await c.query("SET time_zone = '+00:00'");
        const [rows] = await c.query<mysql.RowDataPacket[]>(
          "SELECT TENANT_ID, STATUS, END_TIMESTAMP FROM oceanbase.CDB_OB_BACKUP_JOB_HISTORY WHERE JOB_LEVEL = 'USER_TENANT'",
        );
        await c.end();
        const weekAgo = Date.parse(o.serverTime) - 7 * 86_400_000;
        for (const t of cluster.tenants) {
          const n = rows.filter(
            (r) =>
              Number(r.TENANT_ID) === t.tenantId &&
              r.STATUS === 'FAILED' &&
              Date.parse(`${String(r.END_TIMESTAMP).replace(' ', 'T')}Z`) >= weekAgo,
          ).length;
          expect(t.failuresLast7Days).toBe(n);
        }
        expect(rows.length).toBeGreaterThan(40);
      }
      expect(s.tenants[0]!.failuresLast7Days).toBeGreaterThanOrEqual(1);
      // The last successful backups are the tenant page's own (the same function).
      const anySuccess = [...h.tenants, ...s.tenants].some((t) => t.lastSuccessfulFull !== null);
      expect(anySuccess).toBe(true);
      for (const [c, cluster] of [
        [clusters[0]!, h],
        [clusters[1]!, s],
      ] as const) {
        const page = await listTenants(c.ctx);
        for (const t of cluster.tenants) {
          const own = page.tenants.find((x) => x.tenantId === t.tenantId)!;
          expect(t.lastSuccessfulFull).toEqual(own.lastSuccessfulFull);
          expect(t.lastSuccessfulIncremental).toEqual(own.lastSuccessfulIncremental);
        }
      }
    } finally {
      await conn.query('ALTER SYSTEM CANCEL BACKUP TENANT trade_tenant').catch(() => undefined);
      await conn.end();
    }
  });
});

describe('tenant sign-ins in the fleet', () => {
  it.each([
    ['root', 'mysql_tenant', 1002],
    ['SYS', 'oracle_tenant', 1004],
  ] as const)(
    'a %s@%s sign-in shows its own tenant, its failures and its history next to a sys sign-in',
    async (user, tenant, tenantId) => {
      hz.control.failNextTask(tenant, -4016, 'injected');
      const conn = await mysql.createConnection({
        host: '127.0.0.1',
        port: hz.sqlPort,
        user: 'root@sys',
        password: 'oceanbase',
      });
      await conn.query(`ALTER SYSTEM BACKUP TENANT ${tenant}`);
      await conn.end();
      for (let t = 0; t < 300; t += 5) hz.control.advance(5);
      const own = await signIn('obcluster-hz', 'Hangzhou', hz, user, tenant);
      signedIn = [own, clusters[1]!];
      try {
        const o = FleetOverview.parse((await get('/api/fleet/overview')).body);
        const [h] = o.clusters;
        if (h?.state !== 'ok') throw new Error(`hz should answer: ${JSON.stringify(h)}`);
        expect(h.tenants.map((t) => [t.tenantId, t.name])).toEqual([[tenantId, tenant]]);
        expect(h.tenants[0]!.failuresLast7Days).toBeGreaterThanOrEqual(1);
        const sys = FleetOverview.parse((await supertest(sysApp()).get('/api/fleet/overview')).body)
          .clusters[0];
        if (sys?.state !== 'ok') throw new Error('sys should answer');
        expect(h.tenants[0]!.failuresLast7Days).toBe(
          sys.tenants.find((t) => t.tenantId === tenantId)!.failuresLast7Days,
        );
        const { items } = await walk('limit=7');
        const mine = items.filter((i) => i.clusterId === 'obcluster-hz');
        expect(mine.length).toBe((await allOf(own, 'desc')).length);
        expect(mine.every((i) => i.tenantId === tenantId && i.tenantName === tenant)).toBe(true);
      } finally {
        signedIn = clusters;
        await own.ctx.db.close();
      }
    },
  );
});

/** The same router over the sys sign-ins only, as a second session would see it. */
function sysApp(): express.Express {
  const a = express();
  a.use(
    fleetRouter({ contexts: () => clusters, sessionSecret: SECRET, log, now: () => nowOf(hz) }),
  );
  a.use(errorHandler(log));
  return a;
}

describe('a cluster that cannot be read', () => {
  it('a frozen cluster is unavailable after the statement timeout, and the other still answers', async () => {
    hz.control.stall(true);
    try {
      const o = FleetOverview.parse((await get('/api/fleet/overview')).body);
      expect(o.clusters.map((c) => [c.clusterId, c.state])).toEqual([
        ['obcluster-hz', 'unavailable'],
        ['obcluster-sh', 'ok'],
      ]);
      const page = FleetHistoryPage.parse((await get('/api/fleet/history?limit=5')).body);
      expect(page.unavailable.map((u) => u.clusterId)).toEqual(['obcluster-hz']);
      expect(page.items.length).toBe(5);
      expect(page.items.every((i) => i.clusterId === 'obcluster-sh')).toBe(true);
    } finally {
      hz.control.stall(false);
    }
    // Thawed, it answers again on the same sign-in.
    const again = FleetOverview.parse((await get('/api/fleet/overview')).body);
    expect(again.clusters.map((c) => c.state)).toEqual(['ok', 'ok']);
  });

  it('is reported as unavailable while the other still answers, in the overview, the history and the CSV', async () => {
    await sh.close();
    const o = FleetOverview.parse((await get('/api/fleet/overview')).body);
    const [h, s] = o.clusters;
    expect(h?.state).toBe('ok');
    expect(s).toMatchObject({ state: 'unavailable', clusterId: 'obcluster-sh', name: 'Shanghai' });
    expect(s?.state === 'unavailable' && s.code).toBe('DATABASE_UNAVAILABLE');

    const page = FleetHistoryPage.parse((await get('/api/fleet/history?limit=200')).body);
    expect(page.unavailable.map((u) => [u.clusterId, u.code])).toEqual([
      ['obcluster-sh', 'DATABASE_UNAVAILABLE'],
    ]);
    const hzAll = await allOf(clusters[0]!, 'desc');
    expect(page.total).toBe(hzAll.length);
    expect(page.items.every((i) => i.clusterId === 'obcluster-hz')).toBe(true);

    const csv = await asText(get('/api/fleet/history.csv'));
    expect(csv.status).toBe(200);
    expect(csv.headers['x-unavailable-clusters']).toBe('obcluster-sh');
    expect((csv.body as string).trim().split('\n')).toHaveLength(hzAll.length + 1);

    signedIn = [clusters[1]!];
    try {
      const only = await asText(get('/api/fleet/history.csv'));
      expect(only.status).toBe(503);
    } finally {
      signedIn = clusters;
    }
  });
});
