import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_API, clusterApi, type AuditEvent, type AuditPage } from '@obconsole/contracts';
import { HZ, SH, startHarness, type Harness } from '../testing/harness.js';

const PASSWORD = `p@ss'w"rd\\ 备份-${Date.now()}`;

/** Every event of the trail as stored (raw rows), newest first. */
async function rows(h: Harness): Promise<Record<string, unknown>[]> {
  return await h.store.store.db
    .selectFrom('audit_event')
    .selectAll()
    .orderBy('id', 'desc')
    .execute();
}

async function events(h: Harness, action: string): Promise<AuditEvent[]> {
  const page = await h.store.store.audit.page({ clusters: [HZ, SH], limit: 200 });
  return page.events.filter((e) => e.action === action);
}

describe('the audit trail records every action, once, and nothing secret', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ clusters: 2, simulator: { seedHistory: 5 } });
  });
  afterAll(() => h.close());

  it('records sign-ins, a failed sign-in without its password, and sign-outs', async () => {
    const a = await h.login('root', 'sys', undefined, { cluster: HZ });
    await a.set('User-Agent', 'audit-test/1').delete(clusterApi(HZ, 'session')).expect(204);
    await h
      .agent()
      .post(clusterApi(HZ, 'session'))
      .send({ user: 'root', tenant: 'sys', password: 'wrong-password-xyz' })
      .expect(401);
    await expect.poll(async () => (await events(h, 'sign_in_failed')).length).toBe(1);
    const [failed] = await events(h, 'sign_in_failed');
    expect(failed).toMatchObject({
      clusterId: HZ,
      actor: 'root@sys',
      outcome: 'failure',
      errorCode: 'LOGIN_FAILED',
    });
    expect(failed!.clientAddress).toMatch(/127\.0\.0\.1/);
    expect((await events(h, 'sign_in')).map((e) => [e.clusterId, e.actor])).toEqual([
      [HZ, 'root@sys'],
    ]);
    await expect.poll(async () => (await events(h, 'sign_out')).length).toBe(1);
    expect((await events(h, 'sign_out'))[0]).toMatchObject({
      userAgent: 'audit-test/1',
      clusterId: HZ,
    });
    expect(JSON.stringify(await rows(h))).not.toContain('wrong-password-xyz');
  });

  it('records an encrypted start once, with the statements as shown and its jobs, never the password', async () => {
    const a = await h.login('root', 'sys', undefined, { cluster: HZ });
    await a
      .post(clusterApi(HZ, 'backupsPreview'))
      .send({ type: 'full', tenants: ['mysql_tenant'], encrypted: true })
      .expect(200);
    const res = await a
      .post(clusterApi(HZ, 'backups'))
      .send({ type: 'full', tenants: ['mysql_tenant'], encryptionPassword: PASSWORD })
      .expect(202);
    const starts = await events(h, 'backup_start');
    expect(starts).toHaveLength(1);
    expect(starts[0]).toMatchObject({
      clusterId: HZ,
      actor: 'root@sys',
      outcome: 'success',
      tenants: ['mysql_tenant'],
    });
    const details = starts[0]!.details as {
      statements: string[];
      jobs: { jobId: number }[];
      encrypted: boolean;
    };
    expect(details.encrypted).toBe(true);
    expect(details.statements[0]).toBe("SET ENCRYPTION ON IDENTIFIED BY '******' ONLY");
    expect(details.jobs.map((j) => j.jobId)).toEqual(
      res.body.jobs.map((j: { jobId: number }) => j.jobId),
    );
    expect((await events(h, 'backup_preview'))[0]).toMatchObject({
      outcome: 'success',
      tenants: ['mysql_tenant'],
    });

    await a
      .post(clusterApi(HZ, 'backupsCancel'))
      .send({ tenants: ['mysql_tenant'] })
      .expect(202);
    const [cancel] = await events(h, 'backup_cancel');
    expect(cancel).toMatchObject({ outcome: 'success', tenants: ['mysql_tenant'] });

    const stored = JSON.stringify(await rows(h));
    for (const form of [
      PASSWORD,
      JSON.stringify(PASSWORD).slice(1, -1),
      PASSWORD.replace(/'/g, "''"),
    ])
      expect(stored).not.toContain(form);
    expect((await h.store.store.audit.verify(HZ)).ok).toBe(true);
  });

  it('records a refused start with its code', async () => {
    const a = await h.login('root', 'sys', undefined, { cluster: SH });
    await a
      .post(clusterApi(SH, 'backups'))
      .send({ type: 'full', tenants: ['no_such_tenant'] })
      .expect(404);
    const refused = (await events(h, 'backup_start')).filter((e) => e.clusterId === SH);
    expect(refused).toMatchObject([
      { outcome: 'refused', errorCode: 'TENANT_NOT_FOUND', tenants: ['no_such_tenant'] },
    ]);
  });

  it('records a start repeated with the same Idempotency-Key once: the repeat started nothing', async () => {
    const a = await h.login('root', 'sys', undefined, { cluster: SH });
    const body = { type: 'full', tenants: ['trade_tenant'] };
    const first = await a
      .post(clusterApi(SH, 'backups'))
      .set('Idempotency-Key', 'audit-replay-0001')
      .send(body)
      .expect(202);
    const again = await a
      .post(clusterApi(SH, 'backups'))
      .set('Idempotency-Key', 'audit-replay-0001')
      .send(body)
      .expect(202);
    expect(again.body).toEqual(first.body);
    const started = (await events(h, 'backup_start')).filter(
      (e) => e.clusterId === SH && e.outcome === 'success',
    );
    expect(started).toHaveLength(1);
    await a
      .post(clusterApi(SH, 'backupsCancel'))
      .send({ tenants: ['trade_tenant'] })
      .expect(202);
  });

  it('lets the sys operator read the trail, a tenant admin its tenant, and the support account nothing', async () => {
    const operator = await h.login('root', 'sys', undefined, { cluster: HZ });
    const page = (await operator.get(AUDIT_API.list).query({ action: 'backup_start' }).expect(200))
      .body as AuditPage;
    expect(page.events.every((e) => e.clusterId === HZ)).toBe(true);
    expect(page.events.length).toBeGreaterThan(0);
    const csv = await operator.get(AUDIT_API.csv).query({ action: 'backup_start' }).expect(200);
    expect(csv.text).toContain('backup_start');

    const support = await h.login('support', 'sys', undefined, { cluster: HZ });
    await support.get(AUDIT_API.list).expect(403);

    const admin = await h.login('root', 'mysql_tenant', undefined, { cluster: HZ });
    const own = (await admin.get(AUDIT_API.list).expect(200)).body as AuditPage;
    expect(own.events.length).toBeGreaterThan(0);
    expect(own.events.every((e) => e.tenants.includes('mysql_tenant'))).toBe(true);
  });

  it('records a sign-in that timed out, with nobody at the browser, naming where it signed in from', async () => {
    await h.login('root', 'trade_tenant', undefined, { cluster: SH });
    const signedIn = (await events(h, 'sign_in')).find((e) => e.actor === 'root@trade_tenant');
    h.clock.advance(31 * 60_000);
    await h.app.deps.registry.sweep();
    await expect
      .poll(async () =>
        (await events(h, 'session_expired')).map((e) => [
          e.clusterId,
          e.actor,
          e.tenants,
          e.clientAddress,
          e.userAgent,
        ]),
      )
      .toContainEqual([
        SH,
        'root@trade_tenant',
        ['trade_tenant'],
        signedIn?.clientAddress,
        signedIn?.userAgent,
      ]);
    expect(signedIn?.clientAddress).toBeTruthy();
  });

  it('does not start a backup when its record cannot be written', async () => {
    const a = await h.login('root', 'sys', undefined, { cluster: SH });
    const before = h.simOf(SH).control.stats().statements.mutating;
    await h.store.store.close();
    const res = await a
      .post(clusterApi(SH, 'backups'))
      .send({ type: 'full', tenants: ['trade_tenant'] })
      .expect(503);
    expect(res.body.error.code).toBe('STORE_UNAVAILABLE');
    expect(h.simOf(SH).control.stats().statements.mutating).toBe(before);
  });
});
