import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type supertest from 'supertest';
import type {
  ActiveJobsResponse,
  HistoryDetail,
  HistoryPage,
  TenantsResponse,
} from '@obconsole/contracts';
import { C, advance, startHarness, type Harness } from '../testing/harness.js';

/**
 * What the console does when the database misbehaves: killed and restarted mid-backup, its
 * connections dropped, a task failing, log archiving stopping under a running backup.
 */
describe('faults', () => {
  let h: Harness;
  let dir: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'obconsole-faults-'));
    h = await startHarness({ simulator: { dataFile: join(dir, 'sim.db') } });
  });

  afterEach(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function active(a: supertest.Agent): Promise<ActiveJobsResponse> {
    const res = await a.get(`${C}/backups/active`);
    expect(res.status, res.text).toBe(200);
    return res.body as ActiveJobsResponse;
  }

  async function lastJob(a: supertest.Agent, tenant: string): Promise<HistoryDetail> {
    const page = await a.get(`${C}/backups/history?tenant=${tenant}&limit=1`);
    expect(page.status, page.text).toBe(200);
    const item = (page.body as HistoryPage).items[0];
    if (!item) throw new Error(`no history for ${tenant}`);
    const detail = await a.get(`${C}/backups/history/${item.tenantId}/${item.jobId}`);
    expect(detail.status, detail.text).toBe(200);
    return detail.body as HistoryDetail;
  }

  it(
    'the database killed mid-backup: 503 DATABASE_UNAVAILABLE while down, the session survives, progress resumes and the job completes',
    { timeout: 60_000 },
    async () => {
      const a = await h.login('root', 'sys');
      await a
        .post(`${C}/backups`)
        .send({ type: 'full', tenants: ['mysql_tenant'] })
        .expect(202);
      advance(h.sim, 25);
      const before = (await active(a)).jobs.find((j) => j.tenantName === 'mysql_tenant');
      expect(before?.status).toBe('DOING');
      expect(before?.progress.macroBlocks.done).toBeGreaterThan(0);
      const watcher = h.events(a);
      // Waits on conditions, with room for a busy machine: nothing here is timed.
      const patient = { timeout: 15_000 };
      await expect.poll(() => watcher.text(), patient).toContain('event: active');

      await h.stopSim();
      // Watchers hear it first; the poller's last snapshot is no longer served as current.
      await expect
        .poll(() => watcher.events().some((e) => e.event === 'unavailable'), patient)
        .toBe(true);

      for (const path of [`${C}/tenants`, `${C}/backups/active`, `${C}/backups/history`]) {
        const res = await a.get(path);
        expect(res.status, path).toBe(503);
        expect(res.body.error.code, path).toBe('DATABASE_UNAVAILABLE');
        expect(res.body.error.message).toMatch(/cannot be reached/);
      }
      const preview = await a.post(`${C}/backups/preview`).send({ type: 'full', tenants: 'all' });
      expect(preview.status).toBe(503);
      // The console itself is alive and says where the problem is; the operator is still signed in.
      const health = await a.get('/api/health');
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ status: 'ok', database: 'down' });
      expect((await a.get(`${C}/session`)).status).toBe(200);
      // New logins cannot be checked against a database that is down: say so, not "wrong password".
      const login = await h
        .agent()
        .post(`${C}/session`)
        .send({ tenant: 'sys', user: 'root', password: 'oceanbase' });
      expect(login.status).toBe(503);
      expect(login.body.error.code).toBe('DATABASE_UNAVAILABLE');

      // Counted before the restart: the poller may report the recovery before the next line.
      const seen = watcher.events().length;
      await h.restartSim();

      const resumed = (await active(a)).jobs.find((j) => j.tenantName === 'mysql_tenant');
      expect(resumed).toMatchObject({ jobId: before?.jobId, status: 'DOING' });
      expect(resumed?.progress.macroBlocks.done).toBeGreaterThanOrEqual(
        before?.progress.macroBlocks.done ?? 0,
      );
      await expect
        .poll(
          () =>
            watcher
              .events()
              .slice(seen)
              .some((e) => e.event === 'active' && e.data.includes('mysql_tenant')),
          patient,
        )
        .toBe(true);
      watcher.close();

      advance(h.sim, 120);
      const done = await lastJob(a, 'mysql_tenant');
      expect(done.job).toMatchObject({ jobId: before?.jobId, status: 'COMPLETED', result: 0 });
      await expect
        .poll(
          async () => ((await a.get('/api/health')).body as { database: string }).database,
          patient,
        )
        .toBe('up');
    },
  );

  it('dropped connections are invisible to the next request', async () => {
    const a = await h.login('root', 'sys');
    await a.get(`${C}/tenants`).expect(200);
    expect(h.sim.control.dropConnections()).toBeGreaterThan(0);
    await a.get(`${C}/tenants`).expect(200);
    await a.get(`${C}/backups/history?limit=5`).expect(200);
    await a
      .post(`${C}/backups`)
      .send({ type: 'full', tenants: ['mysql_tenant'] })
      .expect(202);
  });

  it('an observer restart (connections dropped, refused for a moment) is a 503, then the same session works again', async () => {
    const a = await h.login('root', 'sys');
    await a.get(`${C}/tenants`).expect(200);
    h.sim.control.dropConnections(1);
    const during = await a.get(`${C}/tenants`);
    expect(during.status).toBe(503);
    expect(during.body.error.code).toBe('DATABASE_UNAVAILABLE');
    await expect
      .poll(async () => (await a.get(`${C}/tenants`)).status, { timeout: 15_000, interval: 200 })
      .toBe(200);
  });

  it('a task failing with an injected error shows FAILED with that error in history and detail', async () => {
    const a = await h.login('root', 'mysql_tenant');
    await a
      .post(`${C}/backups`)
      .send({ type: 'full', tenants: ['mysql_tenant'] })
      .expect(202);
    advance(h.sim, 10);
    expect(
      h.sim.control.failNextTask('mysql_tenant', -4016, 'injected: internal error').applied,
    ).toBe('current');
    advance(h.sim, 30);
    expect((await active(a)).jobs).toEqual([]);
    const failed = await lastJob(a, 'mysql_tenant');
    expect(failed.job.status).toBe('FAILED');
    expect(failed.job.result).toBe(-4016);
    expect(failed.job.comment).toContain('injected: internal error');
    expect(failed.tasks.some((t) => t.result === -4016)).toBe(true);
    expect(failed.backupSet?.status).toBe('FAILED');
  });

  it('log archiving stopping under a running backup fails it with -9029, as OceanBase does', async () => {
    const a = await h.login('root', 'sys');
    await a
      .post(`${C}/backups`)
      .send({ type: 'full', tenants: ['mysql_tenant'] })
      .expect(202);
    advance(h.sim, 10);
    h.sim.control.setArchive('mysql_tenant', 'stop');
    advance(h.sim, 60);
    const failed = await lastJob(a, 'mysql_tenant');
    expect(failed.job.status).toBe('FAILED');
    expect(failed.job.result).toBe(-9029);
    // The tenants screen now says why the next backup would be refused.
    const tenants = await a.get(`${C}/tenants`).expect(200);
    const t = (tenants.body as TenantsResponse).tenants.find((x) => x.name === 'mysql_tenant');
    expect(t?.eligible.full).toMatchObject({ ok: false, reason: 'LOG_ARCHIVE_NOT_DOING' });
    const retry = await a.post(`${C}/backups`).send({ type: 'full', tenants: ['mysql_tenant'] });
    expect(retry.status).toBe(422);
    expect(retry.body.error.code).toBe('LOG_ARCHIVE_NOT_DOING');
  });
});
