import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import express, { type Express } from 'express';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditPage, AuditVerifyResult, type AuditEventInput } from '@obconsole/contracts';
import { openStore, type Store } from '@obconsole/store';
import { createLogger } from '../../lib/logger.js';
import { errorHandler } from '../../middleware/errors.js';
import { auditRouter } from './audit.routes.js';
import type { AuditAccess } from './audit.service.js';

/** Who the caller is, by a test header: the real app decides it from the session's privileges. */
const WHO: Record<string, AuditAccess | null> = {
  'sys-hz': { clusters: ['hz'] },
  fleet: { clusters: ['hz', 'sh'] },
  'tenant-admin': { clusters: ['hz'], tenant: 'mysql_tenant' },
  support: null,
};

let dir: string;
let store: Store;
let app: Express;
let clock: number;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'obconsole-audit-routes-'));
  clock = Date.UTC(2026, 10, 1, 8, 0, 0);
  store = await openStore({ dataDir: dir, now: () => clock });
  app = express();
  app.use(
    auditRouter({ audit: store.audit, access: (req) => WHO[req.get('x-who') ?? ''] ?? null }),
  );
  app.use(errorHandler(createLogger('silent')));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const as = (who: string, url: string) => request(app).get(url).set('x-who', who);

async function seed(): Promise<void> {
  const add = (e: Partial<AuditEventInput>) =>
    store.audit.append({
      clusterId: 'hz',
      actor: 'root@sys',
      action: 'backup_start',
      outcome: 'success',
      tenants: ['mysql_tenant'],
      ...e,
    });
  await add({ details: { n: 1 } });
  clock += 3_600_000;
  await add({ tenants: ['oracle_tenant'], details: { n: 2 } });
  clock += 3_600_000;
  await add({
    action: 'backup_cancel',
    outcome: 'failure',
    errorCode: 'OCEANBASE_ERROR',
    details: { n: 3 },
  });
  await add({ clusterId: 'sh', details: { n: 4 } });
  clock = Date.UTC(2026, 10, 3, 9, 0, 0);
  await add({ actor: 'admin@mysql_tenant', action: 'sign_in', details: { n: 5 } });
}

const ns = (body: unknown) => AuditPage.parse(body).events.map((e) => e.details.n);

describe('GET /api/audit', () => {
  it('shows a sys account the events of its own cluster only, newest first', async () => {
    await seed();
    const res = await as('sys-hz', '/api/audit').expect(200);
    expect(ns(res.body)).toEqual([5, 3, 2, 1]);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(ns((await as('fleet', '/api/audit').expect(200)).body)).toEqual([5, 4, 3, 2, 1]);
  });

  it('refuses another cluster with 403 FORBIDDEN', async () => {
    const res = await as('sys-hz', '/api/audit?cluster=sh').expect(403);
    expect(res.body.error).toMatchObject({ code: 'FORBIDDEN' });
    expect(res.body.error.message).toContain('cluster sh');
  });

  it('shows a tenant admin only the events of its tenant, and refuses another tenant', async () => {
    await seed();
    expect(ns((await as('tenant-admin', '/api/audit').expect(200)).body)).toEqual([5, 3, 1]);
    const res = await as('tenant-admin', '/api/audit?tenant=oracle_tenant').expect(403);
    expect(res.body.error.message).toContain('tenant mysql_tenant');
  });

  it.each(['/api/audit', '/api/audit.csv', '/api/audit/verify'])(
    'answers 403 to an account the configuration does not let read it (%s)',
    async (url) => {
      const res = await as('support', url).expect(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    },
  );

  it('applies every filter from the query string', async () => {
    await seed();
    const q = async (s: string) => ns((await as('fleet', `/api/audit?${s}`).expect(200)).body);
    expect(await q('cluster=hz&action=backup_cancel')).toEqual([3]);
    expect(await q('outcome=failure')).toEqual([3]);
    expect(await q('actor=admin%40mysql_tenant')).toEqual([5]);
    expect(await q('tenant=oracle_tenant')).toEqual([2]);
    // A bare date `to` is the whole of that day.
    expect(await q('from=2026-11-01T09:00:00Z&to=2026-11-01')).toEqual([4, 3, 2]);
    expect(await q('from=2026-11-03')).toEqual([5]);
  });

  it('pages with nextCursor until the last page', async () => {
    await seed();
    const seen: unknown[] = [];
    let url = '/api/audit?limit=2';
    for (;;) {
      const page = AuditPage.parse((await as('fleet', url).expect(200)).body);
      seen.push(...page.events.map((e) => e.details.n));
      if (!page.nextCursor) break;
      url = `/api/audit?limit=2&cursor=${page.nextCursor}`;
    }
    expect(seen).toEqual([5, 4, 3, 2, 1]);
  });

  it.each([
    ['action=drop_database', 'action'],
    ['limit=0', 'limit'],
    ['cursor=abc', 'cursor'],
    ['from=2026-02-30', 'from'],
    ['from=2026-11-05&to=2026-11-01', 'from'],
    ['colour=blue', 'unknown field(s): colour'],
  ])('refuses ?%s with VALIDATION_FAILED naming %s', async (query, field) => {
    const res = await as('fleet', `/api/audit?${query}`).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toContain(field);
  });
});

describe('GET /api/audit.csv', () => {
  it('streams the events of the same filter as a CSV file', async () => {
    await seed();
    const res = await as('sys-hz', '/api/audit.csv?action=backup_start')
      .buffer(true)
      .parse((r, cb) => {
        let text = '';
        r.setEncoding('utf8');
        r.on('data', (c: string) => (text += c));
        r.on('end', () => cb(null, text));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-.*\.csv"$/);
    const lines = String(res.body)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toMatch(/^id,seq,time,cluster,actor,action,outcome,tenants/);
    expect(lines.slice(1).map((l) => l.split(',')[3])).toEqual(['hz', 'hz']);
    expect(lines[1]).toContain('oracle_tenant');
  });

  it('refuses a bad filter with a JSON error, before any CSV is sent', async () => {
    const res = await as('fleet', '/api/audit.csv?outcome=maybe').expect(400);
    expect(res.headers['content-type']).toMatch(/json/);
  });
});

describe('GET /api/audit/verify', () => {
  it('reports an intact chain, then names the event edited in the database', async () => {
    await seed();
    const ok = AuditVerifyResult.parse((await as('fleet', '/api/audit/verify').expect(200)).body);
    expect(ok.ok).toBe(true);
    expect(ok.chains.map((c) => [c.clusterId, c.checked])).toEqual([
      ['hz', 4],
      ['sh', 1],
    ]);
    const [victim] = (
      await store.audit.page({ clusters: ['hz'], action: 'backup_cancel', limit: 1 })
    ).events;
    const raw = new Database(path.join(dir, 'console.sqlite'));
    raw.prepare(`UPDATE audit_event SET outcome = 'success' WHERE id = ?`).run(victim!.id);
    raw.close();
    const bad = AuditVerifyResult.parse(
      (await as('sys-hz', '/api/audit/verify?cluster=hz').expect(200)).body,
    );
    expect(bad.ok).toBe(false);
    expect(bad.chains[0]!.firstBad).toMatchObject({
      id: victim!.id,
      seq: 3,
      reason: 'hash_mismatch',
    });
  });

  it('is refused to a tenant admin, whose view is not the whole chain', async () => {
    const res = await as('tenant-admin', '/api/audit/verify').expect(403);
    expect(res.body.error.message).toMatch(/ALTER SYSTEM in the sys tenant/);
  });
});
