import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RowDataPacket } from 'mysql2/promise';
import supertest from 'supertest';
import { clusterApi } from '@obconsole/contracts';
import { findSecretLeaks, HZ, startHarness, type Harness } from '../../testing/harness.js';
import { finishAllJobs } from '../../testing/jobs.js';
import { buildServices, createApp } from '../../app.js';

const SECRET = `po'li"cy-密码`;
const P = (sub = '') => `/api/clusters/${HZ}/policies${sub}`;

const nightly = {
  name: 'nightly',
  tenants: ['mysql_tenant'],
  full: { cron: '0 2 * * 0' },
  incremental: { cron: '0 2 * * 1-6' },
  timeZone: 'Asia/Shanghai',
};

describe('policies over HTTP', () => {
  let h: Harness;
  let policyNow = 0;
  beforeAll(async () => {
    h = await startHarness({ app: { policyNow: () => policyNow } });
  });
  beforeEach(() => {
    policyNow = Date.parse('2026-12-02T10:00:00Z');
  });
  afterEach(async () => {
    for (const p of await h.store.store.db.selectFrom('policy').select('id').execute())
      await h.store.store.db.deleteFrom('policy').where('id', '=', p.id).execute();
    await h.sim.control.reset();
  });
  afterAll(async () => {
    await h.close();
  });

  const auditOf = async (action: string) =>
    (await h.store.store.audit.page({ clusters: [HZ], action: action as never, limit: 10 })).events;

  it('a created policy says its next 10 runs in its zone, that it is encrypted, and never the password', async () => {
    const a = await h.login('root', 'sys');
    const res = await a.post(P()).send({ ...nightly, encryptionPassword: SECRET });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'nightly',
      tenants: ['mysql_tenant'],
      encrypted: true,
      enabled: true,
      catchUpMinutes: 60,
      lastRun: null,
    });
    expect(res.body.nextRuns).toHaveLength(10);
    // 2026-12-02 is a Wednesday: the next slot is Thursday 02:00 in Shanghai, an incremental.
    expect(res.body.nextRuns[0]).toEqual({
      at: '2026-12-02T18:00:00.000Z',
      type: 'incremental',
      local: '2026-12-03 02:00',
    });
    expect(res.body.nextRuns.find((r: { type: string }) => r.type === 'full').local).toBe(
      '2026-12-06 02:00',
    );
    const list = await a.get(P());
    expect(list.body.policies.map((p: { name: string }) => p.name)).toEqual(['nightly']);
    const [created] = await auditOf('policy_create');
    expect(created).toMatchObject({
      actor: 'root@sys',
      tenants: ['mysql_tenant'],
      details: { password: 'set', after: { name: 'nightly', encrypted: true } },
    });
    const row = await h.store.store.db.selectFrom('policy').selectAll().executeTakeFirstOrThrow();
    expect(row.sealed_password).not.toContain(SECRET);
    expect(findSecretLeaks(h, [SECRET])).toEqual([]);
  });

  it.each([
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 'timeZone', /unknown time zone/],
    ['an invalid cron field', { full: { cron: '0 25 * * *' } }, 'full.cron', /hour/],
    ['an empty scope', { tenants: [] }, 'tenants', /at least one tenant/],
    [
      'a tenant not in this cluster',
      { tenants: ['trade_tenant'] },
      'tenants.0',
      /does not exist in cluster obcluster-hz/,
    ],
    [
      'a password that is too long',
      { encryptionPassword: 'x'.repeat(129) },
      'encryptionPassword',
      /at most 128/,
    ],
    ['no full schedule', { full: undefined }, 'full', /./],
  ])('%s is a 400 naming the field', async (_what, change, path, message) => {
    const a = await h.login('root', 'sys');
    const res = await a.post(P()).send({ ...nightly, ...change });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const issue = res.body.error.details.issues.find((i: { path: string }) => i.path === path);
    expect(issue?.message).toMatch(message);
    expect(await h.store.store.db.selectFrom('policy').selectAll().execute()).toEqual([]);
  });

  it('a name already used in the cluster is a 409 POLICY_NAME_TAKEN', async () => {
    const a = await h.login('root', 'sys');
    expect((await a.post(P()).send(nightly)).status).toBe(201);
    const again = await a.post(P()).send({ ...nightly, tenants: 'all' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'POLICY_NAME_TAKEN',
      params: { name: 'nightly' },
    });
  });

  it('read-only accounts read policies and runs but cannot change them; a tenant admin manages only its own tenant’s', async () => {
    const root = await h.login('root', 'sys');
    const wide = (await root.post(P()).send({ ...nightly, tenants: 'all' })).body;
    const support = await h.login('support', 'sys');
    expect((await support.get(P())).body.policies).toHaveLength(1);
    expect((await support.get(P(`/${wide.id}/runs`))).status).toBe(200);
    const refused = await support.post(P()).send({ ...nightly, name: 'mine' });
    expect(refused.status).toBe(403);
    expect((await support.post(P(`/${wide.id}/pause`))).status).toBe(403);
    expect((await support.delete(P(`/${wide.id}`))).status).toBe(403);
    const mutating = h.sim.control.stats().statements.mutating;
    expect((await support.post(P(`/${wide.id}/run`)).send({ type: 'full' })).status).toBe(403);
    expect(h.sim.control.stats().statements.mutating).toBe(mutating);

    const tenant = await h.login('root', 'mysql_tenant');
    // Its "all" is its own tenant.
    const own = await tenant.post(P()).send({ ...nightly, name: 'own', tenants: 'all' });
    expect(own.status).toBe(201);
    expect(own.body.tenants).toEqual(['mysql_tenant']);
    expect((await tenant.post(P(`/${wide.id}/pause`))).status).toBe(403);
    expect(
      (await tenant.patch(P(`/${own.body.id}`)).send({ tenants: ['oracle_tenant'] })).status,
    ).toBe(403);
    expect((await tenant.post(P(`/${own.body.id}/pause`))).status).toBe(200);
    // The cluster-wide policy covers it, so it sees that one too; the Oracle tenant's admin sees only that.
    expect((await tenant.get(P())).body.policies).toHaveLength(2);
    const oracle = await h.login('SYS', 'oracle_tenant');
    expect((await oracle.get(P())).body.policies.map((p: { name: string }) => p.name)).toEqual([
      'nightly',
    ]);
    expect((await oracle.get(P(`/${own.body.id}`))).status).toBe(404);
  });

  it('changes, pauses and resumes are audited with before and after, the password only as changed or removed', async () => {
    const a = await h.login('root', 'sys');
    const p = (await a.post(P()).send(nightly)).body;
    const changed = await a
      .patch(P(`/${p.id}`))
      .send({ full: { cron: '0 3 * * 0' }, encryptionPassword: SECRET, catchUpMinutes: 30 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      encrypted: true,
      catchUpMinutes: 30,
      full: { cron: '0 3 * * 0' },
    });
    const [update] = await auditOf('policy_update');
    expect(update!.details).toMatchObject({
      password: 'changed',
      before: { full: { cron: '0 2 * * 0' }, encrypted: false },
      after: { full: { cron: '0 3 * * 0' }, encrypted: true, catchUpMinutes: 30 },
    });
    const paused = await a.post(P(`/${p.id}/pause`));
    expect(paused.body).toMatchObject({ enabled: false, nextRuns: [] });
    expect((await auditOf('policy_pause'))[0]!.details).toMatchObject({
      before: { enabled: true },
      after: { enabled: false },
    });
    expect((await a.post(P(`/${p.id}/resume`))).body.enabled).toBe(true);
    const removed = await a.patch(P(`/${p.id}`)).send({ encryptionPassword: null });
    expect(removed.body.encrypted).toBe(false);
    expect((await auditOf('policy_update'))[0]!.details).toMatchObject({ password: 'removed' });
    expect((await a.delete(P(`/${p.id}`))).status).toBe(204);
    expect((await a.get(P(`/${p.id}`))).status).toBe(404);
    expect((await auditOf('policy_delete'))[0]!.details).toMatchObject({
      before: { name: 'nightly' },
    });
    expect(findSecretLeaks(h, [SECRET])).toEqual([]);
  });

  it('run now starts the encrypted backup under the service account with DESCRIPTION policy:<name>, and lists the run', async () => {
    const a = await h.login('root', 'sys');
    const p = (
      await a.post(P()).send({ ...nightly, description: 'weekly set', encryptionPassword: SECRET })
    ).body;
    const run = await a.post(P(`/${p.id}/run`)).send({ type: 'incremental' });
    expect(run.status).toBe(202);
    // No full backup yet: the incremental ran as a full one, and says so.
    expect(run.body).toMatchObject({
      trigger: 'manual',
      type: 'incremental',
      tenants: [
        { tenant: 'mysql_tenant', tenantId: 1002, outcome: 'promoted', jobId: expect.any(Number) },
      ],
    });
    const c = await h.sql();
    const [jobs] = await c.query<RowDataPacket[]>(
      'SELECT JOB_ID, BACKUP_TYPE, DESCRIPTION, ENCRYPTION_MODE FROM oceanbase.CDB_OB_BACKUP_JOBS WHERE TENANT_ID = 1002',
    );
    expect(jobs[0]).toMatchObject({
      JOB_ID: String(run.body.tenants[0].jobId),
      BACKUP_TYPE: 'FULL',
      DESCRIPTION: 'policy:nightly weekly set',
      ENCRYPTION_MODE: 'PASSWORD',
    });
    // Overlap: a second run while the first runs is skipped, naming the running job.
    policyNow += 60_000;
    const second = await a.post(P(`/${p.id}/run`)).send({ type: 'full' });
    expect(second.body.tenants[0]).toMatchObject({
      outcome: 'skipped',
      code: 'BACKUP_IN_PROGRESS',
      reason: `backup job ${run.body.tenants[0].jobId} is running`,
    });
    await finishAllJobs(h);
    const runs = await a.get(P(`/${p.id}/runs?limit=1`));
    expect(runs.body.runs).toHaveLength(1);
    expect(runs.body.nextCursor).toEqual(expect.any(String));
    const older = await a.get(P(`/${p.id}/runs?limit=1&cursor=${runs.body.nextCursor}`));
    expect([...runs.body.runs, ...older.body.runs].map((r: { id: string }) => r.id).sort()).toEqual(
      [run.body.id, second.body.id].sort(),
    );
    expect(older.body.nextCursor).toBeNull();
    expect((await a.get(P(`/${p.id}/runs?cursor=nonsense`))).body.error.code).toBe(
      'INVALID_CURSOR',
    );
    const got = (await a.get(P(`/${p.id}`))).body;
    expect(got.lastRun.id).toEqual(expect.any(String));
    // Newest first: the skipped run is recorded as refused, the one that started as a success.
    expect((await auditOf('policy_run')).map((e) => `${e.actor} ${e.outcome}`)).toEqual([
      'root@sys refused',
      'root@sys success',
    ]);
    expect(findSecretLeaks(h, [SECRET])).toEqual([]);
  });

  it('the timeline lists the next days of runs of every enabled policy in time order', async () => {
    const a = await h.login('root', 'sys');
    await a.post(P()).send(nightly);
    await a.post(P()).send({
      ...nightly,
      name: 'hourly',
      tenants: 'all',
      full: { cron: '0 */6 * * *' },
      incremental: null,
      timeZone: 'UTC',
    });
    await a.post(P()).send({ ...nightly, name: 'paused', enabled: false });
    const t = await a.get(P('/timeline?days=2'));
    expect(t.status).toBe(200);
    expect(t.body.from).toBe('2026-12-02T10:00:00.000Z');
    expect(t.body.to).toBe('2026-12-04T10:00:00.000Z');
    expect(
      t.body.runs.map((r: { at: string; policyName: string }) => `${r.at} ${r.policyName}`),
    ).toEqual([
      '2026-12-02T12:00:00.000Z hourly',
      '2026-12-02T18:00:00.000Z hourly',
      '2026-12-02T18:00:00.000Z nightly',
      '2026-12-03T00:00:00.000Z hourly',
      '2026-12-03T06:00:00.000Z hourly',
      '2026-12-03T12:00:00.000Z hourly',
      '2026-12-03T18:00:00.000Z hourly',
      '2026-12-03T18:00:00.000Z nightly',
      '2026-12-04T00:00:00.000Z hourly',
      '2026-12-04T06:00:00.000Z hourly',
    ]);
    expect((await a.get(P('/timeline?days=40'))).status).toBe(400);
  });

  it('a policy cannot be enabled, resumed or run on a cluster without a service account', async () => {
    const setting = { ...h.cluster().setting };
    delete setting.serviceAccount;
    const other = createApp(
      buildServices({ ...h.app.deps.options, clusters: [setting], store: h.store.store }),
    );
    try {
      const a = supertest.agent(other.app);
      expect(
        (
          await a
            .post(clusterApi(HZ, 'session'))
            .send({ user: 'root', tenant: 'sys', password: 'oceanbase' })
        ).status,
      ).toBe(200);
      const refused = await a.post(P()).send(nightly);
      expect(refused.status).toBe(422);
      expect(refused.body.error).toMatchObject({
        code: 'NO_SERVICE_ACCOUNT',
        params: { cluster: HZ },
      });
      expect(refused.body.error.message).toMatch(/configure serviceAccount/);
      const paused = await a.post(P()).send({ ...nightly, enabled: false });
      expect(paused.status).toBe(201);
      expect((await a.post(P(`/${paused.body.id}/resume`))).body.error.code).toBe(
        'NO_SERVICE_ACCOUNT',
      );
      expect(
        (await a.post(P(`/${paused.body.id}/run`)).send({ type: 'full' })).body.error.code,
      ).toBe('NO_SERVICE_ACCOUNT');
    } finally {
      await other.close();
    }
  });
});

describe('policies when the console store is down', () => {
  it('a change is refused with 503 STORE_UNAVAILABLE and nothing is done', async () => {
    const h = await startHarness();
    try {
      const a = await h.login('root', 'sys');
      await h.store.store.close();
      const res = await a.post(P()).send(nightly);
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('STORE_UNAVAILABLE');
      expect((await a.get(P())).body.error.code).toBe('STORE_UNAVAILABLE');
    } finally {
      await h.close();
    }
  });
});
