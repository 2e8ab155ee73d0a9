import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asText, C, startHarness, type Harness } from '../testing/harness.js';
import { finishAllJobs } from '../testing/jobs.js';
import type { StarterLookup } from '../features/jobs/history-started-by.js';

type Item = { tenantName: string; jobId: number; startedBy: unknown; level: string };

describe('history says who started each job', () => {
  let h: Harness;
  let lookups = 0;
  const jobs: Record<string, { tenant: string; jobId: number }> = {};
  beforeAll(async () => {
    h = await startHarness();
    // Counted: a page costs one lookup (one store query), not one per row.
    const runtime = h.cluster() as { starters: StarterLookup };
    const real = runtime.starters;
    runtime.starters = (j) => {
      lookups++;
      return real(j);
    };
    const root = await h.login('root', 'sys');
    const manual = await root
      .post(`${C}/backups`)
      .send({ type: 'full', tenants: ['mysql_tenant'] });
    expect(manual.status).toBe(202);
    jobs.person = { tenant: 'mysql_tenant', jobId: manual.body.jobs[1].jobId };
    await finishAllJobs(h);
    const c = await h.sql();
    await c.query('ALTER SYSTEM BACKUP TENANT = mysql_tenant');
    await finishAllJobs(h);
    const policy = await root.post(`${C}/policies`).send({
      name: 'nightly',
      tenants: ['mysql_tenant'],
      full: { cron: '0 2 * * *' },
      timeZone: 'UTC',
    });
    const run = await root.post(`${C}/policies/${policy.body.id}/run`).send({ type: 'full' });
    jobs.policy = { tenant: 'mysql_tenant', jobId: run.body.tenants[0].jobId };
    await finishAllJobs(h);
  });
  afterAll(async () => {
    await h.close();
  });

  it('a person from the audit trail, a policy from DESCRIPTION, else outside the console', async () => {
    const a = await h.login('support', 'sys');
    lookups = 0;
    const page = await a.get(`${C}/backups/history?limit=50&tenant=mysql_tenant`);
    expect(lookups).toBe(1);
    const items = page.body.items as Item[];
    const by = (jobId: number) => items.find((i) => i.jobId === jobId)!.startedBy;
    expect(by(jobs.person!.jobId)).toEqual({ kind: 'person', actor: 'root@sys' });
    expect(by(jobs.policy!.jobId)).toEqual({ kind: 'policy', policy: 'nightly' });
    const others = items.filter(
      (i) => i.jobId !== jobs.person!.jobId && i.jobId !== jobs.policy!.jobId,
    );
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((i) => (i.startedBy as { kind: string }).kind === 'outside')).toBe(true);
  });

  it('the detail and the CSV say the same', async () => {
    const a = await h.login('root', 'mysql_tenant');
    const detail = await a.get(`${C}/backups/history/1002/${jobs.person!.jobId}`);
    expect(detail.body.job.startedBy).toEqual({ kind: 'person', actor: 'root@sys' });
    const csv = await asText(a.get(`${C}/backups/history.csv`));
    const lines = (csv.body as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    const header = lines[0]!.split(',');
    const at = header.indexOf('started_by');
    const jobAt = header.indexOf('job_id');
    expect(at).toBe(header.length - 1);
    const cellOf = (jobId: number) =>
      lines
        .slice(1)
        .map((l) => l.split(','))
        .find((r) => r[jobAt] === String(jobId))![at];
    expect(cellOf(jobs.person!.jobId)).toBe('person:root@sys');
    expect(cellOf(jobs.policy!.jobId)).toBe('policy:nightly');
  });
});
