import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { C, startHarness, type Harness } from '../testing/harness.js';
import { Db, type Row } from '../lib/db.js';

describe('errors are translated in one place', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await h.close();
  });

  it('a TypeError inside a service answers 500 INTERNAL and is logged with its stack', async () => {
    const a = await h.login('root', 'sys');
    // A row that is not an object: the tenants service's own code fails reading it.
    vi.spyOn(Db.prototype, 'query').mockResolvedValueOnce([null as unknown as Row]);
    const res = await a.get(`${C}/tenants`);
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      error: { code: 'INTERNAL', message: 'Something went wrong on the server.' },
    });
    const line = h.logs.find((l) => l.includes('"unhandled error"'));
    expect(line).toBeDefined();
    const logged = JSON.parse(line!) as { err: { message: string; stack: string }; url: string };
    expect(logged.url).toBe(`${C}/tenants`);
    expect(logged.err.message).toMatch(/null/);
    expect(logged.err.stack).toMatch(/^TypeError: /);
    // The stack goes through the service that failed, not only through the error handler.
    expect(logged.err.stack).toMatch(/tenant-state|tenants\.service|rows/);
  });

  it('an OceanBase refusal keeps its number and text and is no 500', async () => {
    const a = await h.login('root', 'sys');
    vi.spyOn(Db.prototype, 'query').mockRejectedValueOnce(
      Object.assign(new Error('Access denied'), {
        code: 'ER_SPECIFIC_ACCESS_DENIED_ERROR',
        errno: 1227,
        sqlState: '42000',
        sqlMessage: 'Access denied; you need (at least one of) the SUPER privilege(s)',
      }),
    );
    const res = await a.get(`${C}/tenants`);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'OCEANBASE_ERROR',
      details: { errno: 1227, sqlState: '42000' },
    });
  });
});
