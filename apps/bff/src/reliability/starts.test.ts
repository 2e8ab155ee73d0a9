import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { C, findSecretLeaks, startHarness, type Harness } from '../testing/harness.js';

/** Repeated and simultaneous start requests: never a second backup, never the wrong password. */
describe('repeated and concurrent starts', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const backups = () =>
    h.sim.control.statements(10_000).filter((s) => /^\s*ALTER SYSTEM BACKUP/i.test(s.text));

  it('an Idempotency-Key reused with a corrected encryption password is 409 IDEMPOTENCY_CONFLICT, not the first job', async () => {
    const a = await h.login('root', 'sys');
    const body = { type: 'full', tenants: ['mysql_tenant'] };
    const first = await a
      .post(`${C}/backups`)
      .set('Idempotency-Key', 'retry-with-new-password')
      .send({ ...body, encryptionPassword: 'Typo-Passw0rd-1' });
    expect(first.status, first.text).toBe(202);
    const retry = await a
      .post(`${C}/backups`)
      .set('Idempotency-Key', 'retry-with-new-password')
      .send({ ...body, encryptionPassword: 'Right-Passw0rd-2' });
    expect(retry.status).toBe(409);
    expect(retry.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(retry.body.error.message).toMatch(/new key/);
    // The same request again still gets the first outcome.
    const same = await a
      .post(`${C}/backups`)
      .set('Idempotency-Key', 'retry-with-new-password')
      .send({ ...body, encryptionPassword: 'Typo-Passw0rd-1' });
    expect(same.status).toBe(202);
    expect(same.body).toEqual(first.body);
    expect(backups()).toHaveLength(1);
    expect(findSecretLeaks(h, ['Typo-Passw0rd-1', 'Right-Passw0rd-2'])).toEqual([]);
  });

  // OceanBase's duplicate check is per tenant and initiator (issue 9): the racing starts here all
  // come from sys sessions, so exactly one of them may reach the database.
  it('starts for the same tenant from two sys sessions at once, without a key, send one ALTER SYSTEM BACKUP; the others are BACKUP_IN_PROGRESS', async () => {
    const a = await h.login('root', 'sys');
    const b = await h.login('root', 'sys');
    const body = { type: 'full', tenants: ['mysql_tenant'] };
    const answers = await Promise.all([
      a.post(`${C}/backups`).send(body),
      b.post(`${C}/backups`).send(body),
      a.post(`${C}/backups`).send(body),
    ]);
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([202, 409, 409]);
    for (const r of answers.filter((x) => x.status === 409))
      expect(r.body.error.code).toBe('BACKUP_IN_PROGRESS');
    expect(backups()).toHaveLength(1);
  });
});
