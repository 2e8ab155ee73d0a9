import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RowDataPacket } from 'mysql2/promise';
import { C, asText, startHarness, type Harness } from '../../testing/harness.js';

interface Item {
  tenantId: number;
  tenantName: string;
  jobId: number;
  status: string;
  type: string;
  startTime: string;
  minRestoreScnDisplay: string | null;
}

describe('backup history', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ simulator: { seedHistory: 400 } });
  });
  afterAll(async () => {
    await h.close();
  });

  async function allPages(query: string): Promise<Item[]> {
    const a = await h.login('support', 'sys');
    const items: Item[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 100; i++) {
      const res = await a.get(
        `${C}/backups/history?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.status).toBe(200);
      items.push(...(res.body.items as Item[]));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    return items;
  }

  it('keyset paging walks every tenant job once, newest first', async () => {
    const items = await allPages('limit=37');
    expect(items.length).toBeGreaterThan(100);
    const keys = items.map((i) => `${i.tenantId}/${i.jobId}`);
    expect(new Set(keys).size).toBe(keys.length);
    const times = items.map((i) => i.startTime);
    expect([...times].sort().reverse()).toEqual(times);
    expect(new Set(items.map((i) => i.tenantName))).toEqual(
      new Set(['mysql_tenant', 'oracle_tenant']),
    );
  });

  it('oldest-first paging returns the same jobs in the other order', async () => {
    const desc = await allPages('limit=50');
    const asc = await allPages('limit=50&order=asc');
    expect(asc.map((i) => `${i.tenantId}/${i.jobId}`)).toEqual(
      desc.map((i) => `${i.tenantId}/${i.jobId}`).reverse(),
    );
  });

  it('filters by tenant, type, status and time range on the server', async () => {
    const failed = await allPages('status=FAILED&tenant=mysql_tenant&type=full');
    expect(failed.length).toBeGreaterThan(0);
    expect(
      failed.every(
        (i) => i.status === 'FAILED' && i.tenantName === 'mysql_tenant' && i.type === 'full',
      ),
    ).toBe(true);
    const all = await allPages('limit=200');
    const middle = all[Math.floor(all.length / 2)]!.startTime.slice(0, 10);
    const day = await allPages(`from=${middle}&to=${middle}`);
    expect(day.every((i) => i.startTime.startsWith(middle))).toBe(true);
  });

  it('every page states the total of jobs matching its filter, whatever page it is', async () => {
    const all = await allPages('limit=200');
    const failedFull = all.filter((i) => i.status === 'FAILED' && i.type === 'full').length;
    const a = await h.login('support', 'sys');
    const first = await a.get(`${C}/backups/history?limit=7`).expect(200);
    expect(first.body.total).toBe(all.length);
    const second = await a
      .get(`${C}/backups/history?limit=7&cursor=${encodeURIComponent(first.body.nextCursor)}`)
      .expect(200);
    expect(second.body.total).toBe(all.length);
    const filtered = await a
      .get(`${C}/backups/history?status=FAILED&type=full&limit=1`)
      .expect(200);
    expect(filtered.body.total).toBe(failedFull);
    expect(failedFull).toBeGreaterThan(0);
  });

  it('a completed job carries the restorable point of its backup set (MIN_RESTORE_SCN_DISPLAY), the same as its detail', async () => {
    const a = await h.login('support', 'sys');
    const page = await a.get(`${C}/backups/history?status=COMPLETED&limit=3`).expect(200);
    for (const item of page.body.items as Item[]) {
      expect(item.minRestoreScnDisplay).toMatch(/^\d{4}-\d{2}-\d{2}/);
      const detail = await a.get(`${C}/backups/history/${item.tenantId}/${item.jobId}`).expect(200);
      expect(detail.body.backupSet.minRestoreScnDisplay).toBe(item.minRestoreScnDisplay);
    }
  });

  it('a failed job explains itself: RESULT, COMMENT, tasks and backup set', async () => {
    const a = await h.login('support', 'sys');
    const page = await a.get(`${C}/backups/history?status=FAILED&limit=1`);
    const item = page.body.items[0] as Item;
    const detail = await a.get(`${C}/backups/history/${item.tenantId}/${item.jobId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.job.result).toBeLessThan(0);
    expect(detail.body.job.comment).toMatch(/result/i);
    expect(detail.body.tasks.length).toBeGreaterThan(0);
    expect(JSON.stringify(detail.body)).not.toMatch(/passwd/i);
  });

  it('a forged or edited cursor is refused with INVALID_CURSOR', async () => {
    const a = await h.login('support', 'sys');
    const page = await a.get(`${C}/backups/history?limit=5`);
    const cursor = page.body.nextCursor as string;
    const [body, sig] = cursor.split('.');
    const forged = Buffer.from(
      JSON.stringify(["2099-01-01 00:00:00' OR 1=1 --", 1, 1, 'desc']),
    ).toString('base64url');
    for (const bad of [`${forged}.${sig}`, `${body}.AAAA${sig!.slice(4)}`, 'garbage', `${body}`]) {
      const res = await a.get(`${C}/backups/history?cursor=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.error.code).toBe('INVALID_CURSOR');
    }
  });

  it('bad filters get a 400 that names the field', async () => {
    const a = await h.login('support', 'sys');
    for (const q of [
      'from=yesterday',
      'status=BROKEN',
      'type=differential',
      'limit=0',
      'limit=5000',
      "tenant=x'--",
      'from=2026-02-01&to=2026-01-01',
      'surprise=1',
    ]) {
      const res = await a.get(`${C}/backups/history?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('CSV export streams every row of the filter with a UTF-8 byte-order mark and a header that names the time zone', async () => {
    const a = await h.login('support', 'sys');
    const all = await allPages('status=COMPLETED&limit=200');
    const res = await asText(a.get(`${C}/backups/history.csv?status=COMPLETED`));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="backup-history-/);
    expect((res.body as string).startsWith('\uFEFF')).toBe(true);
    const lines = (res.body as string).slice(1).trim().split('\n');
    expect(lines[0]).toMatch(/^tenant_id,tenant_name,job_id/);
    expect(lines[0]).toContain('start_time_utc,end_time_utc');
    expect(lines[1]).toMatch(/,\d{4}-\d\d-\d\dT[\d:.]+Z,/);
    expect(lines.length - 1).toBe(all.length);
  });

  it('a tenant session sees only its own tenant history', async () => {
    const a = await h.login('root', 'mysql_tenant');
    const res = await a.get(`${C}/backups/history?limit=200`);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((i: Item) => i.tenantId === 1002)).toBe(true);
    const other = await a.get(`${C}/backups/history/1004/1`);
    expect(other.status).toBe(404);
  });

  it('the Oracle tenant reads its history through SYS views without LIMIT', async () => {
    const a = await h.login('SYS', 'oracle_tenant');
    const res = await a.get(`${C}/backups/history?limit=10`);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBe(10);
    expect(res.body.items.every((i: Item) => i.tenantId === 1004)).toBe(true);
    const next = await a.get(
      `${C}/backups/history?limit=10&cursor=${encodeURIComponent(res.body.nextCursor)}`,
    );
    expect(next.body.items[0].startTime <= res.body.items[9].startTime).toBe(true);
  });
});

describe('backup history at a size that spans several export chunks', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ simulator: { seedHistory: 3000 } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('CSV export of every job has one line per job, with its backup set size', async () => {
    const a = await h.login('root', 'sys');
    const c = await h.sql();
    const [count] = await c.query<RowDataPacket[]>(
      "SELECT COUNT(*) AS N FROM oceanbase.CDB_OB_BACKUP_JOB_HISTORY WHERE JOB_LEVEL = 'USER_TENANT'",
    );
    const expected = Number(count[0]!.N);
    expect(expected).toBeGreaterThan(2000);
    const res = await asText(a.get(`${C}/backups/history.csv`));
    expect(res.status, String(res.body).slice(0, 300)).toBe(200);
    const lines = (res.body as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines.length - 1).toBe(expected);
    const header = lines[0]!.split(',');
    const sizeAt = header.indexOf('output_bytes');
    const statusAt = header.indexOf('status');
    // Every column up to output_bytes is plain (ids, names, enums, times): splitting is safe.
    const completed = lines
      .slice(1)
      .map((l) => l.split(','))
      .filter((f) => f[statusAt] === 'COMPLETED');
    expect(completed.length).toBeGreaterThan(1000);
    expect(completed.every((f) => Number(f[sizeAt]) > 0)).toBe(true);
  });
});
