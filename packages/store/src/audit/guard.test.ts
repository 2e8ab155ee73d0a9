import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEventInput } from '@obconsole/contracts';
import { AuditRejectedError, maskSecrets, type Store } from '../index.js';
import { BACKENDS, makeBackend, type TestBackend } from '../test-helpers/backends.js';

function ev(over: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    clusterId: 'hz',
    actor: 'root@sys',
    action: 'backup_start',
    outcome: 'success',
    tenants: ['mysql_tenant'],
    details: {},
    ...over,
  };
}

describe.each(BACKENDS)('what the audit trail refuses to store, on %s', (kind) => {
  let b: TestBackend;
  let store: Store;
  beforeEach(async () => {
    b = await makeBackend(kind);
    store = await b.open();
  });
  afterEach(async () => {
    await b.cleanup();
  });

  it('never stores the password of an encrypted backup in any row', async () => {
    const password = "Backup'Secret-7731";
    const shown = maskSecrets(
      `SET ENCRYPTION ON IDENTIFIED BY '${password.replace(/'/g, "''")}' ONLY; ALTER SYSTEM BACKUP TENANT = mysql_tenant`,
      [password],
    );
    expect(shown).toBe(
      `SET ENCRYPTION ON IDENTIFIED BY '******' ONLY; ALTER SYSTEM BACKUP TENANT = mysql_tenant`,
    );
    await store.audit.append(
      ev({ details: { sql: shown, encrypted: true, encryptionPassword: 'set', jobIds: [7] } }),
      { secrets: [password] },
    );
    // Every way a careless caller could pass it on is refused, and the refusal never repeats it.
    const attempts: AuditEventInput[] = [
      ev({ details: { sql: `SET ENCRYPTION ON IDENTIFIED BY '${password}' ONLY` } }),
      ev({ details: { note: `used ${password}` } }),
      ev({ details: { request: { encryptionPassword: password } } }),
      ev({ userAgent: password }),
    ];
    for (const attempt of attempts) {
      const err = await store.audit
        .append(attempt, { secrets: [password] })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AuditRejectedError);
      expect((err as Error).message).not.toContain(password);
    }
    const tables = ['audit_event', 'audit_event_tenant', 'audit_chain'];
    let everything = '';
    for (const t of tables) everything += JSON.stringify(await b.raw(`SELECT * FROM ${t}`));
    expect(everything).toContain('IDENTIFIED BY');
    expect(everything).not.toContain(password);
    expect(everything).not.toContain('Secret-7731');
    expect((await store.audit.page({ clusters: ['hz'], limit: 10 })).events).toHaveLength(1);
  });

  it('refuses a clear IDENTIFIED BY even when the caller named no secret', async () => {
    await expect(
      store.audit.append(ev({ details: { sql: `ALTER USER x IDENTIFIED BY "abc"` } })),
    ).rejects.toThrow(/IDENTIFIED BY literal in clear: mask it/);
  });

  it('refuses an invalid event with the fields to fix', async () => {
    await expect(
      store.audit.append({ ...ev(), actor: 'not an actor', tenants: ['bad-name'] }),
    ).rejects.toThrow(/actor: an actor is user@tenant.*tenants\.0: a tenant name/);
    await expect(
      store.audit.append({ ...ev(), action: 'drop_table' as 'sign_in' }),
    ).rejects.toThrow(/action:/);
  });
});
