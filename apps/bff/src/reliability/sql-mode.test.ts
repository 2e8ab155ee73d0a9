import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { C, findSecretLeaks, startHarness, type Harness } from '../testing/harness.js';

const sha1 = (b: Buffer | string) => createHash('sha1').update(b).digest();
/** PASSWD as OceanBase keeps it ('*' + hex SHA1(SHA1(pw))), or in clear as older simulators did. */
const storedAs = (pw: string) => [pw, `*${sha1(sha1(Buffer.from(pw, 'utf8'))).toString('hex')}`];

/**
 * A tenant whose sql_mode has NO_BACKSLASH_ESCAPES reads a backslash as itself: the console
 * must write the password literal so that the tenant stores exactly what was typed.
 */
describe('sql_mode NO_BACKSLASH_ESCAPES', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    const admin = await h.sql('root', 'mysql_tenant');
    await admin.query("SET GLOBAL sql_mode = 'STRICT_ALL_TABLES,NO_BACKSLASH_ESCAPES'");
  });
  afterAll(async () => {
    await h.close();
  });

  async function passwdOfLastJob(): Promise<string> {
    const c = await h.sql('root', 'mysql_tenant');
    const [rows] = await c.query(
      'SELECT PASSWD FROM oceanbase.DBA_OB_BACKUP_JOBS ORDER BY JOB_ID DESC LIMIT 1',
    );
    return String((rows as { PASSWD: string }[])[0]?.PASSWD ?? '');
  }

  it('the simulator models it: new sessions of the tenant read backslashes literally', async () => {
    const c = await h.sql('root', 'mysql_tenant');
    const [rows] = await c.query("SELECT 'a\\b' AS v, @@sql_mode AS m");
    expect(rows).toEqual([{ v: 'a\\b', m: 'STRICT_ALL_TABLES,NO_BACKSLASH_ESCAPES' }]);
    const other = await h.sql('root', 'sys');
    const [sys] = await other.query("SELECT 'a\\\\b' AS v");
    expect(sys).toEqual([{ v: 'a\\b' }]);
  });

  for (const password of ['Back\\slash-Pw1', "It's\\\\fine-Pw2"]) {
    it(`an encryption password with backslashes and quotes (${password}) is stored as typed`, async () => {
      const a = await h.login('root', 'mysql_tenant');
      const res = await a
        .post(`${C}/backups`)
        .send({ type: 'full', tenants: ['mysql_tenant'], encryptionPassword: password });
      expect(res.status, res.text).toBe(202);
      expect(storedAs(password)).toContain(await passwdOfLastJob());
      await a.post(`${C}/backups/cancel`).send({ tenants: 'all' }).expect(202);
      h.sim.control.advance(30);
      expect(findSecretLeaks(h, [password])).toEqual([]);
    });
  }

  it('a description with quotes and backslashes reaches the job as typed', async () => {
    const a = await h.login('root', 'mysql_tenant');
    const description = "nightly \\ o'clock";
    await a
      .post(`${C}/backups`)
      .send({ type: 'full', tenants: ['mysql_tenant'], description })
      .expect(202);
    const c = await h.sql('root', 'mysql_tenant');
    const [rows] = await c.query(
      'SELECT DESCRIPTION FROM oceanbase.DBA_OB_BACKUP_JOBS ORDER BY JOB_ID DESC LIMIT 1',
    );
    expect((rows as { DESCRIPTION: string }[])[0]?.DESCRIPTION).toBe(description);
  });
});
