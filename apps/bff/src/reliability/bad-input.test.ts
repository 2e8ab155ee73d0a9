import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type supertest from 'supertest';
import { C, findSecretLeaks, startHarness, type Harness } from '../testing/harness.js';

/**
 * Bad input through the HTTP API, table-driven. Every case gets a 4xx with a stable code and a
 * message that says what to fix, and the simulator sees no statement with a side effect.
 * Injection-shaped text that is *valid* (a description with quotes) is not refused: it is stored
 * exactly, see secrets.test.ts.
 */

/** Markers inside the passwords of this suite: none may appear in any log line or body. */
const MARKERS = ['Nul-Marker-5f1c', 'Big-Marker-9a7e', 'Emoji-Marker-3d2b', 'Login-Marker-7c4e'];

type As = 'operator' | 'support' | 'anonymous';

interface Case {
  name: string;
  as?: As;
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  /** JSON-encoded for you; use raw for bytes that are not JSON. */
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  status: number;
  code: string;
  /** The field the error names, when it is a validation error about one field. */
  field?: string;
}

const full = { type: 'full', tenants: ['mysql_tenant'] };
const login = { tenant: 'sys', user: 'root', password: 'oceanbase' };

// One case per line: the table reads as a list of what is refused and how.
// prettier-ignore
const CASES: Case[] = [
  // --- logging in
  { name: 'login: malformed JSON', as: 'anonymous', method: 'POST', path: `${C}/session`, raw: '{"user":', status: 400, code: 'MALFORMED_JSON' },
  { name: 'login: user smuggles a tenant', as: 'anonymous', method: 'POST', path: `${C}/session`, body: { ...login, user: 'root@sys' }, status: 400, code: 'VALIDATION_FAILED', field: 'user' },
  { name: 'login: SQL in the tenant', as: 'anonymous', method: 'POST', path: `${C}/session`, body: { ...login, tenant: "sys' OR '1'='1" }, status: 400, code: 'VALIDATION_FAILED', field: 'tenant' },
  { name: 'login: NUL in the password', as: 'anonymous', method: 'POST', path: `${C}/session`, body: { ...login, password: `${MARKERS[0]}\0rest` }, status: 400, code: 'VALIDATION_FAILED', field: 'password' },
  { name: 'login: 10 kB password', as: 'anonymous', method: 'POST', path: `${C}/session`, body: { ...login, password: `${MARKERS[1]}${'x'.repeat(10_240)}` }, status: 400, code: 'VALIDATION_FAILED', field: 'password' },
  { name: 'login: password of the wrong type', as: 'anonymous', method: 'POST', path: `${C}/session`, body: { ...login, password: 12345 }, status: 400, code: 'VALIDATION_FAILED', field: 'password' },
  { name: 'login: user missing', as: 'anonymous', method: 'POST', path: `${C}/session`, body: { tenant: 'sys', password: 'x' }, status: 400, code: 'VALIDATION_FAILED', field: 'user' },
  { name: 'login: unknown field', as: 'anonymous', method: 'POST', path: `${C}/session`, body: { ...login, role: 'admin' }, status: 400, code: 'VALIDATION_FAILED' },
  { name: 'login: an array instead of an object', as: 'anonymous', method: 'POST', path: `${C}/session`, body: [login], status: 400, code: 'VALIDATION_FAILED' },
  { name: 'login: 20 kB body', as: 'anonymous', method: 'POST', path: `${C}/session`, body: { ...login, pad: 'x'.repeat(20_000) }, status: 413, code: 'PAYLOAD_TOO_LARGE' },
  { name: 'login: SQL in the password is just a wrong password', as: 'anonymous', method: 'POST', path: `${C}/session`, body: { ...login, password: `${MARKERS[3]}' OR 1=1 -- ` }, status: 401, code: 'LOGIN_FAILED' },
  { name: 'no session: preview', as: 'anonymous', method: 'POST', path: `${C}/backups/preview`, body: full, status: 401, code: 'UNAUTHENTICATED' },

  // --- previewing
  { name: 'preview: unknown backup type', method: 'POST', path: `${C}/backups/preview`, body: { ...full, type: 'differential' }, status: 400, code: 'VALIDATION_FAILED', field: 'type' },
  { name: 'preview: "ALL" is not "all"', method: 'POST', path: `${C}/backups/preview`, body: { ...full, tenants: 'ALL' }, status: 400, code: 'VALIDATION_FAILED', field: 'tenants' },
  { name: 'preview: empty tenant list', method: 'POST', path: `${C}/backups/preview`, body: { ...full, tenants: [] }, status: 400, code: 'VALIDATION_FAILED', field: 'tenants' },
  { name: 'preview: a tenant listed twice, in two cases', method: 'POST', path: `${C}/backups/preview`, body: { ...full, tenants: ['mysql_tenant', 'MYSQL_TENANT'] }, status: 400, code: 'VALIDATION_FAILED', field: 'tenants' },
  { name: 'preview: a statement in a tenant name', method: 'POST', path: `${C}/backups/preview`, body: { ...full, tenants: ['mysql_tenant; ALTER SYSTEM BACKUP DATABASE'] }, status: 400, code: 'VALIDATION_FAILED', field: 'tenants.0' },
  { name: 'preview: a backtick in a tenant name', method: 'POST', path: `${C}/backups/preview`, body: { ...full, tenants: ['mysql_tenant`'] }, status: 400, code: 'VALIDATION_FAILED', field: 'tenants.0' },
  { name: 'preview: a newline in the description', method: 'POST', path: `${C}/backups/preview`, body: { ...full, description: "x'\nALTER SYSTEM CANCEL BACKUP" }, status: 400, code: 'VALIDATION_FAILED', field: 'description' },
  { name: 'preview: a 257-character description', method: 'POST', path: `${C}/backups/preview`, body: { ...full, description: 'd'.repeat(257) }, status: 400, code: 'VALIDATION_FAILED', field: 'description' },
  { name: 'preview: plusArchivelog as a string', method: 'POST', path: `${C}/backups/preview`, body: { ...full, plusArchivelog: 'yes' }, status: 400, code: 'VALIDATION_FAILED', field: 'plusArchivelog' },
  { name: 'preview: a password is never sent to preview', method: 'POST', path: `${C}/backups/preview`, body: { ...full, encryptionPassword: `${MARKERS[2]}🔐` }, status: 400, code: 'VALIDATION_FAILED' },
  { name: 'preview: read-only account', as: 'support', method: 'POST', path: `${C}/backups/preview`, body: full, status: 403, code: 'FORBIDDEN' },

  // --- starting
  { name: 'start: NUL in the encryption password', method: 'POST', path: `${C}/backups`, body: { ...full, encryptionPassword: `${MARKERS[0]}\0` }, status: 400, code: 'VALIDATION_FAILED', field: 'encryptionPassword' },
  { name: 'start: empty encryption password', method: 'POST', path: `${C}/backups`, body: { ...full, encryptionPassword: '' }, status: 400, code: 'VALIDATION_FAILED', field: 'encryptionPassword' },
  { name: 'start: 10 kB encryption password', method: 'POST', path: `${C}/backups`, body: { ...full, encryptionPassword: `${MARKERS[1]}${'🔐'.repeat(2_560)}` }, status: 400, code: 'VALIDATION_FAILED', field: 'encryptionPassword' },
  { name: 'start: encryption password as a number', method: 'POST', path: `${C}/backups`, body: { ...full, encryptionPassword: 1234 }, status: 400, code: 'VALIDATION_FAILED', field: 'encryptionPassword' },
  { name: 'start: type missing', method: 'POST', path: `${C}/backups`, body: { tenants: ['mysql_tenant'] }, status: 400, code: 'VALIDATION_FAILED', field: 'type' },
  { name: 'start: a JSON string instead of an object', method: 'POST', path: `${C}/backups`, raw: '"full"', status: 400, code: 'MALFORMED_JSON' },
  { name: 'start: not JSON at all', method: 'POST', path: `${C}/backups`, raw: 'type=full&tenants=all', headers: { 'Content-Type': 'text/plain' }, status: 400, code: 'VALIDATION_FAILED' },
  { name: 'start: trailing garbage after JSON', method: 'POST', path: `${C}/backups`, raw: '{"type":"full","tenants":"all"} DROP', status: 400, code: 'MALFORMED_JSON' },
  { name: 'start: 65 tenants', method: 'POST', path: `${C}/backups`, body: { ...full, tenants: Array.from({ length: 65 }, (_, i) => `t${i}`) }, status: 400, code: 'VALIDATION_FAILED', field: 'tenants' },
  { name: 'start: a 65-character tenant name', method: 'POST', path: `${C}/backups`, body: { ...full, tenants: ['t'.repeat(65)] }, status: 400, code: 'VALIDATION_FAILED', field: 'tenants.0' },
  { name: 'start: SQL in the Idempotency-Key', method: 'POST', path: `${C}/backups`, body: full, headers: { 'Idempotency-Key': "x'; ALTER SYSTEM BACKUP DATABASE; --" }, status: 400, code: 'VALIDATION_FAILED' },
  { name: 'start: an Idempotency-Key too short', method: 'POST', path: `${C}/backups`, body: full, headers: { 'Idempotency-Key': 'abc' }, status: 400, code: 'VALIDATION_FAILED' },
  { name: 'start: unknown tenant', method: 'POST', path: `${C}/backups`, body: { ...full, tenants: ['no_such_tenant'] }, status: 404, code: 'TENANT_NOT_FOUND' },
  { name: 'start: the sys tenant by name', method: 'POST', path: `${C}/backups`, body: { ...full, tenants: ['sys'] }, status: 422, code: 'NOT_A_USER_TENANT' },
  { name: 'start: incremental before any full backup', method: 'POST', path: `${C}/backups`, body: { ...full, type: 'incremental' }, status: 422, code: 'NO_FULL_BACKUP' },
  { name: 'start: from another origin', method: 'POST', path: `${C}/backups`, body: full, headers: { Origin: 'https://evil.example' }, status: 403, code: 'CROSS_ORIGIN_REJECTED' },
  { name: 'start: a cross-site fetch without Origin', method: 'POST', path: `${C}/backups`, body: full, headers: { Origin: '', 'Sec-Fetch-Site': 'cross-site' }, status: 403, code: 'CROSS_ORIGIN_REJECTED' },
  { name: 'start: read-only account', as: 'support', method: 'POST', path: `${C}/backups`, body: full, status: 403, code: 'FORBIDDEN' },

  // --- cancelling
  { name: 'cancel: tenants missing', method: 'POST', path: `${C}/backups/cancel`, body: {}, status: 400, code: 'VALIDATION_FAILED', field: 'tenants' },
  { name: 'cancel: "everything" is not a scope', method: 'POST', path: `${C}/backups/cancel`, body: { tenants: 'everything' }, status: 400, code: 'VALIDATION_FAILED', field: 'tenants' },
  { name: 'cancel: a space in a tenant name', method: 'POST', path: `${C}/backups/cancel`, body: { tenants: ['mysql tenant'] }, status: 400, code: 'VALIDATION_FAILED', field: 'tenants.0' },
  { name: 'cancel: from another origin', method: 'POST', path: `${C}/backups/cancel`, body: { tenants: 'all' }, headers: { Origin: 'http://127.0.0.1.evil.example' }, status: 403, code: 'CROSS_ORIGIN_REJECTED' },
  { name: 'logout: from another origin', method: 'DELETE', path: `${C}/session`, headers: { Origin: 'null' }, status: 403, code: 'CROSS_ORIGIN_REJECTED' },

  // --- history filters and cursors
  { name: 'history: SQL in the status', method: 'GET', path: `${C}/backups/history?status=${encodeURIComponent("FAILED' OR '1'='1")}`, status: 400, code: 'VALIDATION_FAILED', field: 'status' },
  { name: 'history: SQL in the tenant', method: 'GET', path: `${C}/backups/history?tenant=${encodeURIComponent("x' UNION SELECT PASSWD FROM oceanbase.CDB_OB_BACKUP_JOBS -- ")}`, status: 400, code: 'VALIDATION_FAILED', field: 'tenant' },
  { name: 'history: month 13', method: 'GET', path: `${C}/backups/history?from=2026-13-45`, status: 400, code: 'VALIDATION_FAILED', field: 'from' },
  { name: 'history: a date in words', method: 'GET', path: `${C}/backups/history?from=yesterday`, status: 400, code: 'VALIDATION_FAILED', field: 'from' },
  { name: 'history: SQL in a date', method: 'GET', path: `${C}/backups/history?to=${encodeURIComponent("2026-01-01' OR 1=1 -- ")}`, status: 400, code: 'VALIDATION_FAILED', field: 'to' },
  { name: 'history: from after to', method: 'GET', path: `${C}/backups/history?from=2026-02-01&to=2026-01-01`, status: 400, code: 'VALIDATION_FAILED', field: 'from' },
  { name: 'history: limit 0', method: 'GET', path: `${C}/backups/history?limit=0`, status: 400, code: 'VALIDATION_FAILED', field: 'limit' },
  { name: 'history: limit 100000', method: 'GET', path: `${C}/backups/history?limit=100000`, status: 400, code: 'VALIDATION_FAILED', field: 'limit' },
  { name: 'history: limit in words', method: 'GET', path: `${C}/backups/history?limit=ten`, status: 400, code: 'VALIDATION_FAILED', field: 'limit' },
  { name: 'history: an unknown order', method: 'GET', path: `${C}/backups/history?order=random()`, status: 400, code: 'VALIDATION_FAILED', field: 'order' },
  { name: 'history: an unknown parameter', method: 'GET', path: `${C}/backups/history?sort=JOB_ID;DROP`, status: 400, code: 'VALIDATION_FAILED' },
  { name: 'history: status given twice', method: 'GET', path: `${C}/backups/history?status=FAILED&status=COMPLETED`, status: 400, code: 'VALIDATION_FAILED', field: 'status' },
  { name: 'history: a forged cursor', method: 'GET', path: `${C}/backups/history?cursor=eyJ0IjoiMjAyNi0wMS0wMSIsImlkIjoxfQ`, status: 400, code: 'INVALID_CURSOR' },
  { name: 'history: SQL in the cursor', method: 'GET', path: `${C}/backups/history?cursor=${encodeURIComponent("1' OR '1'='1")}`, status: 400, code: 'INVALID_CURSOR' },
  { name: 'history: a 500-character cursor', method: 'GET', path: `${C}/backups/history?cursor=${'A'.repeat(500)}`, status: 400, code: 'VALIDATION_FAILED', field: 'cursor' },
  { name: 'history CSV: a bad date is refused before any row is sent', method: 'GET', path: `${C}/backups/history.csv?to=2026-02-30T25:00`, status: 400, code: 'VALIDATION_FAILED', field: 'to' },
  { name: 'history detail: tenant id in words', method: 'GET', path: `${C}/backups/history/abc/1`, status: 400, code: 'VALIDATION_FAILED', field: 'tenantId' },
  { name: 'history detail: a negative job id', method: 'GET', path: `${C}/backups/history/1002/-1`, status: 400, code: 'VALIDATION_FAILED', field: 'jobId' },
  { name: 'history detail: SQL in the job id', method: 'GET', path: `${C}/backups/history/1002/${encodeURIComponent('1 OR 1=1')}`, status: 400, code: 'VALIDATION_FAILED', field: 'jobId' },
  { name: 'history detail: a job that does not exist', method: 'GET', path: `${C}/backups/history/1002/987654321`, status: 404, code: 'NOT_FOUND' },
  { name: 'an API route that does not exist', method: 'GET', path: `${C}/backups/everything`, status: 404, code: 'NOT_FOUND' },
];

describe('bad input through the HTTP API', () => {
  let h: Harness;
  const agents = new Map<As, supertest.Agent>();
  let mutatingBefore = 0;

  beforeAll(async () => {
    h = await startHarness();
    agents.set('operator', await h.login('root', 'sys'));
    agents.set('support', await h.login('support', 'sys'));
    mutatingBefore = h.sim.control.stats().statements.mutating;
  });
  afterAll(async () => {
    await h.close();
  });

  it('has at least 40 cases, each named once', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it.each(CASES)('$name → $status $code', async (c) => {
    const agent = c.as === 'anonymous' ? h.agent() : agents.get(c.as ?? 'operator');
    if (!agent) throw new Error(`no agent for ${c.as}`);
    let req =
      c.method === 'GET'
        ? agent.get(c.path)
        : c.method === 'DELETE'
          ? agent.delete(c.path)
          : agent.post(c.path);
    for (const [k, v] of Object.entries(c.headers ?? {})) req = req.set(k, v);
    if (c.raw !== undefined) {
      if (!c.headers?.['Content-Type']) req = req.set('Content-Type', 'application/json');
      req = req.send(c.raw);
    } else if (c.body !== undefined) {
      req = req.send(c.body as object);
    }
    const res = await req;
    expect(res.status, res.text).toBe(c.status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.error.code).toBe(c.code);
    expect(res.body.error.message).toMatch(/\w{3,}/);
    if (c.field) {
      const paths = (res.body.error.details?.issues as { path: string }[] | undefined)?.map(
        (i) => i.path,
      );
      expect(paths, res.body.error.message).toContain(c.field);
      expect(res.body.error.message).toContain(c.field);
    }
  });

  it('sent nothing with a side effect to the database, and started nothing', async () => {
    expect(h.sim.control.stats().statements.mutating).toBe(mutatingBefore);
    const c = await h.sql();
    const [rows] = await c.query('SELECT COUNT(*) AS N FROM oceanbase.CDB_OB_BACKUP_JOBS');
    expect(rows).toEqual([{ N: '0' }]);
  });

  it('the sessions used are still signed in, and no password reached a log line or a body', async () => {
    for (const a of agents.values()) expect((await a.get(`${C}/session`)).status).toBe(200);
    expect(h.bodies.length).toBeGreaterThanOrEqual(CASES.length);
    expect(h.logs.length).toBeGreaterThan(0);
    expect(findSecretLeaks(h, MARKERS)).toEqual([]);
  });
});
