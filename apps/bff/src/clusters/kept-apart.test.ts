import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RowDataPacket } from 'mysql2/promise';
import { StartBackupRequest, clusterApi, type ActiveJobsResponse } from '@obconsole/contracts';
import { advance, HZ, SH, startHarness, type Harness } from '../testing/harness.js';
import { serviceAccountContext } from '../features/session/service-account.js';
import { startBackup } from '../features/backups/start.js';
import { cancelBackup } from '../features/backups/backups.service.js';
import { createLogger } from '../lib/logger.js';

/** Runs one cluster's job engine until it has no job running. */
async function finish(h: Harness, cluster: string): Promise<void> {
  const c = await h.sql('root', 'sys', cluster);
  for (let i = 0; i < 100; i++) {
    const [rows] = await c.query<RowDataPacket[]>(
      'SELECT COUNT(*) AS N FROM oceanbase.CDB_OB_BACKUP_JOBS',
    );
    if (Number(rows[0]!.N) === 0) return;
    advance(h.simOf(cluster), 30);
  }
  throw new Error(`the jobs of ${cluster} did not finish`);
}

type Agent = Awaited<ReturnType<Harness['login']>>;

describe('two clusters kept apart: backups, progress and history', () => {
  let h: Harness;
  let a: Agent;
  beforeAll(async () => {
    h = await startHarness({ clusters: 2, simulator: { seedHistory: 30 } });
  });
  afterEach(async () => {
    await Promise.all([h.simOf(HZ).control.reset(), h.simOf(SH).control.reset()]);
  });
  afterAll(async () => {
    await h.close();
  });

  const signInBoth = async () => {
    a = await h.login('root', 'sys', undefined, { cluster: HZ });
    await h.login('root', 'sys', undefined, { cluster: SH, agent: a });
  };
  const active = async (cluster: string) =>
    (await a.get(clusterApi(cluster, 'backupsActive')).expect(200)).body as ActiveJobsResponse;

  it('a backup started on one cluster runs there only, with that cluster’s tenant of id 1002', async () => {
    await signInBoth();
    const shBefore = h.simOf(SH).control.stats().statements.mutating;
    const res = await a
      .post(clusterApi(HZ, 'backups'))
      .send({ type: 'full', tenants: ['mysql_tenant'] })
      .expect(202);
    expect(res.body.jobs.map((j: { tenantName: string }) => j.tenantName)).toContain(
      'mysql_tenant',
    );
    const hz = await active(HZ);
    expect(hz.jobs.some((j) => j.tenantId === 1002 && j.tenantName === 'mysql_tenant')).toBe(true);
    expect((await active(SH)).jobs).toEqual([]);
    expect(h.simOf(SH).control.stats().statements.mutating).toBe(shBefore);
    // trade_tenant (also id 1002) shows no running job in its own cluster's tenant list.
    const shTenants = (await a.get(clusterApi(SH, 'tenants')).expect(200)).body as {
      tenants: { tenantId: number; name: string; runningJob?: unknown }[];
    };
    expect(shTenants.tenants.map((t) => `${t.tenantId}:${t.name}`)).toEqual(['1002:trade_tenant']);
    expect(JSON.stringify(shTenants)).not.toContain('mysql_tenant');
  });

  it('the live stream of each cluster reports its own jobs only', async () => {
    await signInBoth();
    await a
      .post(clusterApi(SH, 'backups'))
      .send({ type: 'full', tenants: ['trade_tenant'] })
      .expect(202);
    const hz = h.events(a, HZ);
    const sh = h.events(a, SH);
    try {
      const jobsOf = (w: ReturnType<Harness['events']>) =>
        w
          .events()
          .filter((e) => e.event === 'active')
          .map((e) => (JSON.parse(e.data) as ActiveJobsResponse).jobs);
      await expect
        .poll(() => jobsOf(sh).some((jobs) => jobs.some((j) => j.tenantName === 'trade_tenant')))
        .toBe(true);
      await expect.poll(() => jobsOf(hz).length).toBeGreaterThan(0);
      expect(jobsOf(hz).every((jobs) => jobs.length === 0)).toBe(true);
    } finally {
      hz.close();
      sh.close();
    }
  });

  it('a stream lives as long as its own cluster’s sign-in: another sign-in or sign-out leaves it open', async () => {
    a = await h.login('root', 'sys', undefined, { cluster: HZ });
    const hz = h.events(a, HZ);
    try {
      await expect.poll(() => hz.events().some((e) => e.event === 'active')).toBe(true);
      // Signing in to SH gives the browser a new cookie; the HZ stream opened with the old one stays.
      await h.login('root', 'sys', undefined, { cluster: SH, agent: a });
      const sh = h.events(a, SH);
      try {
        await expect.poll(() => sh.events().some((e) => e.event === 'active')).toBe(true);
        await a.delete(clusterApi(SH, 'session')).expect(204);
        await expect.poll(() => sh.ended()).toBe(true);
        const seen = hz.events().length;
        await expect.poll(() => hz.events().length).toBeGreaterThan(seen);
        expect(hz.ended()).toBe(false);
        await a.delete(clusterApi(HZ, 'session')).expect(204);
        await expect.poll(() => hz.ended()).toBe(true);
      } finally {
        sh.close();
      }
    } finally {
      hz.close();
    }
  });

  it('history keeps each cluster’s jobs: the same tenant id never mixes', async () => {
    await signInBoth();
    const started = await a
      .post(clusterApi(HZ, 'backups'))
      .send({ type: 'full', tenants: ['mysql_tenant'], description: 'hz-only' })
      .expect(202);
    await finish(h, HZ);
    const job = (started.body.jobs as { tenantId: number; jobId: number; level: string }[]).find(
      (j) => j.level === 'USER_TENANT',
    )!;
    const hzPage = (await a.get(`${clusterApi(HZ, 'history')}?tenant=mysql_tenant&limit=5`)).body;
    expect(hzPage.items[0]).toMatchObject({ jobId: job.jobId, description: 'hz-only' });
    const shPage = (await a.get(`${clusterApi(SH, 'history')}?limit=200`).expect(200)).body as {
      items: { tenantId: number; tenantName: string; description: string }[];
    };
    expect(shPage.items.length).toBeGreaterThan(0);
    expect(new Set(shPage.items.map((i) => `${i.tenantId}:${i.tenantName}`))).toEqual(
      new Set(['1002:trade_tenant']),
    );
    expect(shPage.items.some((i) => i.description === 'hz-only')).toBe(false);
    // The HZ job's reference, asked of SH, is never the HZ job.
    const detail = await a.get(
      clusterApi(SH, 'historyDetail', { tenantId: job.tenantId, jobId: job.jobId }),
    );
    if (detail.status === 200) {
      expect(detail.body.job.tenantName).toBe('trade_tenant');
      expect(detail.body.job.description).not.toBe('hz-only');
    } else expect(detail.status).toBe(404);
  });

  it('a history cursor of one cluster is refused by the other', async () => {
    await signInBoth();
    const first = (await a.get(`${clusterApi(HZ, 'history')}?limit=2`).expect(200)).body as {
      nextCursor: string;
    };
    expect(first.nextCursor).toBeTruthy();
    const res = await a.get(
      `${clusterApi(SH, 'history')}?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_CURSOR');
  });

  it('the service account starts and cancels a backup with no HTTP session at all', async () => {
    const cluster = h.cluster(SH);
    const signIns = h.app.deps.registry.size;
    const ctx = await serviceAccountContext(
      cluster.setting,
      { connectTimeoutMs: 1000, queryTimeoutMs: 5000 },
      createLogger('silent'),
    );
    try {
      expect(ctx).toMatchObject({
        clusterId: SH,
        profile: { user: 'console_svc', tenant: 'sys', isSys: true, canBackup: true },
      });
      const out = await startBackup(
        ctx,
        StartBackupRequest.parse({ type: 'full', tenants: ['trade_tenant'] }),
        undefined,
        cluster.backups,
      );
      expect(out.jobs.map((j) => j.tenantName)).toEqual(['sys', 'trade_tenant']);
      expect(h.app.deps.registry.size).toBe(signIns);
      const c = await h.sql('root', 'sys', SH);
      const [rows] = await c.query<RowDataPacket[]>(
        'SELECT TENANT_ID, BACKUP_TYPE FROM oceanbase.CDB_OB_BACKUP_JOBS',
      );
      expect(rows.map((r) => [Number(r.TENANT_ID), r.BACKUP_TYPE])).toContainEqual([1002, 'FULL']);
      // Cancelling is the same kind of command, under the same context.
      const cancelled = await cancelBackup(ctx, { tenants: ['trade_tenant'] }, cluster.backups);
      expect(cancelled.canceling.map((j) => j.tenantName)).toEqual(['trade_tenant']);
      expect(h.app.deps.registry.size).toBe(signIns);
    } finally {
      await ctx.db.close();
    }
  });

  it('a cluster without a service account has no service context, and says so', async () => {
    const cluster = h.cluster(HZ);
    await expect(
      serviceAccountContext(
        { ...cluster.setting, serviceAccount: undefined },
        { connectTimeoutMs: 1000, queryTimeoutMs: 5000 },
        createLogger('silent'),
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', params: { cluster: HZ } });
    const svc = await cluster.serviceContext();
    expect(svc?.profile.user).toBe('console_svc');
    // Kept: the composition root opens one service account connection pool per cluster.
    expect(await cluster.serviceContext()).toBe(svc);
  });
});
