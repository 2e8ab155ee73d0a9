import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type supertest from 'supertest';
import type { HistoryPage } from '@obconsole/contracts';
import { C, advance, asText, startHarness, type Harness } from '../testing/harness.js';
import { scrubPath } from '../lib/rows.js';

const DEST =
  'oss://bucket/backup?host=oss.example.com&access_id=AKIDLEAKCHECK&access_key=SECRETKEYLEAKCHECK';

/**
 * Object-storage credentials in a destination never come back out: OceanBase leaves them out of
 * PATH (the simulator does the same), and the console scrubs every path it returns anyway.
 */
describe('object-storage credentials in the backup destination', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    const c = await h.sql('root', 'sys');
    await c.query(`ALTER SYSTEM SET DATA_BACKUP_DEST = '${DEST}' TENANT = mysql_tenant`);
  });
  afterAll(async () => {
    await h.close();
  });

  async function everyView(a: supertest.Agent): Promise<string[]> {
    const w = h.events(a);
    await expect.poll(() => w.text()).toContain('event: active');
    const texts = [w.text()];
    w.close();
    texts.push((await a.get(`${C}/backups/active`).expect(200)).text);
    texts.push((await a.get(`${C}/tenants`).expect(200)).text);
    // The operator's preview names each tenant's destination; the read-only account gets 403.
    const preview = await a.post(`${C}/backups/preview`).send({ type: 'full', tenants: 'all' });
    expect([200, 403]).toContain(preview.status);
    texts.push(preview.text);
    const page = await a.get(`${C}/backups/history?tenant=mysql_tenant&limit=5`).expect(200);
    texts.push(page.text);
    // A running job has no history row yet.
    const item = (page.body as HistoryPage).items[0];
    if (item) {
      const detail = await a.get(`${C}/backups/history/${item.tenantId}/${item.jobId}`);
      texts.push(detail.text);
    }
    texts.push(
      (await asText(a.get(`${C}/backups/history.csv?tenant=mysql_tenant`))).body as string,
    );
    return texts;
  }

  it('neither the operator nor the read-only account sees the access id or key in active jobs, the stream, tenants, a preview, history, detail or CSV', async () => {
    const root = await h.login('root', 'sys');
    await root
      .post(`${C}/backups`)
      .send({ type: 'full', tenants: ['mysql_tenant'] })
      .expect(202);
    advance(h.sim, 20);
    const running = await everyView(root);
    advance(h.sim, 200);
    const support = await h.login('support', 'sys');
    const finished = [...(await everyView(root)), ...(await everyView(support))];
    for (const text of [...running, ...finished]) {
      expect(text).not.toContain('AKIDLEAKCHECK');
      expect(text).not.toContain('SECRETKEYLEAKCHECK');
    }
    // The path itself is still shown, host included, so the operator knows where the set went.
    expect(finished.join('\n')).toContain('oss://bucket/backup?host=oss.example.com');
  });

  it('the simulator, like OceanBase, records PATH as the root path and host only', async () => {
    const c = await h.sql('root', 'sys');
    const [rows] = await c.query(
      "SELECT PATH FROM oceanbase.CDB_OB_BACKUP_JOB_HISTORY WHERE PATH LIKE 'oss://%'",
    );
    const paths = (rows as { PATH: string }[]).map((r) => r.PATH);
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) expect(p).toBe('oss://bucket/backup?host=oss.example.com');
  });

  it('the console scrubs credentials from any path a server returns, whatever their spelling', () => {
    expect(scrubPath(DEST)).toBe('oss://bucket/backup?host=oss.example.com');
    expect(scrubPath('s3://b/p?host=h&ACCESS_KEY=k&region=r&Access_Id=i')).toBe(
      's3://b/p?host=h&region=r',
    );
    expect(scrubPath('cos://b/p?access_id=i&access_key=k')).toBe('cos://b/p');
    expect(scrubPath('oss://user:secret@b/p')).toBe('oss://b/p');
    expect(scrubPath('file:///data/backup')).toBe('file:///data/backup');
  });
});
