import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { C, asText, startHarness, type Harness } from '../testing/harness.js';

// Short enough that a frozen database's 503s come quickly, long enough that the reads made while
// it answers (a fresh sign-in's first tenants page, the retry after the thaw) fit on a busy
// machine: at 800 ms / 500 ms to connect, the first tenants page of a fresh-clone CI answered 503.
const QUERY_TIMEOUT_MS = 2500;
/** As the error message says it: 2.5 */
const SECONDS = String(QUERY_TIMEOUT_MS / 1000);

/**
 * A frozen OceanBase (stopped, not killed: connections open, nothing answered). The console must
 * answer every request within its query timeout, tell watchers, never send a start later that
 * nobody waits for any more, and work again as soon as the database answers.
 */
describe('a frozen database', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness({
      app: { db: { connectTimeoutMs: 2000, queryTimeoutMs: QUERY_TIMEOUT_MS } },
    });
  });
  afterEach(async () => {
    h.sim.control.stall(false);
    await h.close();
  });

  const backupStatements = () =>
    h.sim.control
      .statements(10_000)
      .filter((s) => /^\s*ALTER SYSTEM BACKUP/i.test(s.text))
      .map((s) => s.text);

  it('every API answers 503 DATABASE_UNAVAILABLE instead of hanging, more requests than the pool has connections included', async () => {
    const a = await h.login('root', 'sys');
    await a.get(`${C}/tenants`).expect(200);
    h.sim.control.stall(true);
    const paths = [
      `${C}/tenants`,
      `${C}/backups/history`,
      `${C}/backups/active`,
      `${C}/tenants`,
      `${C}/backups/history?limit=5`,
    ];
    const answers = await Promise.all(paths.map((p) => a.get(p)));
    for (const [i, res] of answers.entries()) {
      expect(res.status, paths[i]).toBe(503);
      expect(res.body.error.code, paths[i]).toBe('DATABASE_UNAVAILABLE');
      expect(res.body.error.message).toMatch(
        new RegExp(`did not answer within ${SECONDS.replace('.', '\\.')} s|cannot be reached`),
      );
    }
    const login = await h
      .agent()
      .post(`${C}/session`)
      .send({ tenant: 'sys', user: 'root', password: 'oceanbase' });
    expect(login.status).toBe(503);
    expect(login.body.error.code).toBe('DATABASE_UNAVAILABLE');

    // Timed-out connections were destroyed, not left busy: the first request after the thaw works.
    h.sim.control.stall(false);
    await a.get(`${C}/tenants`).expect(200);
    await a.get(`${C}/backups/history?limit=5`).expect(200);
  });

  it('the live stream says unavailable while the database is frozen, and active again after', async () => {
    const a = await h.login('root', 'sys');
    const w = h.events(a);
    await expect.poll(() => w.text()).toContain('event: active');
    h.sim.control.stall(true);
    await expect
      .poll(() => w.events().some((e) => e.event === 'unavailable'), { timeout: 10_000 })
      .toBe(true);
    const seen = w.events().length;
    h.sim.control.stall(false);
    await expect
      .poll(
        () =>
          w
            .events()
            .slice(seen)
            .some((e) => e.event === 'active'),
        { timeout: 10_000 },
      )
      .toBe(true);
    w.close();
  });

  it('a start refused for a frozen database is never sent when it thaws; a new start then works', async () => {
    const a = await h.login('root', 'sys');
    await a.get(`${C}/tenants`).expect(200);
    h.sim.control.stall(true);
    const start = await a
      .post(`${C}/backups`)
      .set('Idempotency-Key', 'frozen-start-0001')
      .send({ type: 'full', tenants: ['mysql_tenant'] });
    expect(start.status).toBe(503);
    expect(start.body.error.code).toBe('DATABASE_UNAVAILABLE');
    h.sim.control.stall(false);

    await a.get(`${C}/tenants`).expect(200);
    expect(backupStatements()).toEqual([]);
    expect((await a.get(`${C}/backups/active`).expect(200)).body.jobs).toEqual([]);
    // The operator retries once the database answers: exactly one backup is sent.
    await a
      .post(`${C}/backups`)
      .set('Idempotency-Key', 'frozen-start-0002')
      .send({ type: 'full', tenants: ['mysql_tenant'] })
      .expect(202);
    expect(backupStatements()).toHaveLength(1);
  });

  it('a start whose client hung up while the database was frozen is never sent', async () => {
    const a = await h.login('root', 'sys');
    await a.get(`${C}/tenants`).expect(200);
    h.sim.control.stall(true);
    const body = JSON.stringify({ type: 'full', tenants: ['mysql_tenant'] });
    const received = new Promise<void>((resolve) => h.server.once('request', () => resolve()));
    const url = new URL(h.baseUrl);
    const socket = connect(Number(url.port), url.hostname);
    socket.on('error', () => undefined);
    socket.write(
      [
        `POST ${C}/backups HTTP/1.1`,
        `Host: ${url.host}`,
        `Origin: ${h.baseUrl}`,
        `Cookie: ${h.cookie(a)}`,
        'Content-Type: application/json',
        `Content-Length: ${Buffer.byteLength(body)}`,
        '',
        body,
      ].join('\r\n'),
    );
    await received;
    socket.destroy();
    // The console notices the hang-up and drops the request, sending nothing more.
    await expect
      .poll(() => h.logs.some((l) => l.includes('client gone before the answer')), {
        timeout: 10_000,
      })
      .toBe(true);
    h.sim.control.stall(false);
    await a.get(`${C}/tenants`).expect(200);
    expect(backupStatements()).toEqual([]);
  });
});

/** 20,000 rows take ~2.5 s to export here (bench/history.mjs: ~10k rows/s), a page ~0.1 s. */
const QUERY_TIMEOUT_CSV_MS = 1500;

describe('the request deadline and long answers', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({
      simulator: { seedHistory: 20_000 },
      app: { db: { connectTimeoutMs: 500, queryTimeoutMs: QUERY_TIMEOUT_CSV_MS } },
    });
  });
  afterEach(async () => {
    await h.close();
  });

  it('a CSV export that takes longer than the query timeout still completes: the limit is per page, not per download', async () => {
    const a = await h.login('root', 'sys');
    // The simulator's first read in a time zone builds its indexes (~1 s here): done beforehand
    // on a connection of the test's own, so that each page of the export is an ordinary read.
    const c = await h.sql('root', 'sys');
    await c.query("SET time_zone = '+00:00'");
    await c.query(
      'SELECT JOB_ID FROM oceanbase.CDB_OB_BACKUP_JOB_HISTORY ORDER BY START_TIMESTAMP DESC LIMIT 1',
    );
    const res = await asText(a.get(`${C}/backups/history.csv`));
    expect(res.status).toBe(200);
    const lines = String(res.body).trimEnd().split('\n');
    expect(lines.length - 1).toBe(20_000);
    expect(h.logs.some((l) => l.includes('csv export stopped'))).toBe(false);
  });
});
