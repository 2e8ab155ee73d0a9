import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEventInput } from '@obconsole/contracts';
import { AuditRejectedError, auditCsv, maskSecrets, type Store } from '../index.js';
import { BACKENDS, makeBackend, manualClock, type TestBackend } from '../test-helpers/backends.js';

const base = {
  clusterId: 'hz',
  actor: 'root@sys',
  clientAddress: '10.0.0.7',
  userAgent: 'Mozilla/5.0',
  requestId: 'req-1',
} as const;

function ev(over: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    ...base,
    action: 'backup_start',
    outcome: 'success',
    tenants: ['mysql_tenant'],
    details: {},
    ...over,
  };
}

async function readCsv(store: Store, filter: Parameters<Store['audit']['iterate']>[0]) {
  let text = '';
  for await (const chunk of auditCsv(store.audit.iterate(filter, 7))) text += String(chunk);
  return text;
}

describe.each(BACKENDS)('the audit trail on %s', (kind) => {
  let b: TestBackend;
  let store: Store;
  const clock = manualClock();
  beforeEach(async () => {
    b = await makeBackend(kind);
    clock.set(Date.UTC(2026, 10, 1, 8, 0, 0));
    store = await b.open({ now: clock.now });
  });
  afterEach(async () => {
    await b.cleanup();
  });

  it('chains each event onto the one before it, per cluster', async () => {
    const a1 = await store.audit.append(ev({ details: { jobIds: [11] } }));
    clock.advance(1000);
    const a2 = await store.audit.append(ev({ action: 'backup_cancel' }));
    const other = await store.audit.append(ev({ clusterId: 'sh' }));
    expect(a1).toMatchObject({
      seq: 1,
      time: '2026-11-01T08:00:00.000Z',
      prevHash: '0'.repeat(64),
    });
    expect(a2).toMatchObject({ seq: 2, prevHash: a1.hash, time: '2026-11-01T08:00:01.000Z' });
    expect(other).toMatchObject({ seq: 1, prevHash: '0'.repeat(64), clusterId: 'sh' });
    expect(a1.hash).toMatch(/^[0-9a-f]{64}$/);
    const [stored] = (await store.audit.page({ clusters: ['hz'], limit: 1, beforeId: a2.id }))
      .events;
    expect(stored).toEqual(a1);
  });

  it('gives each of many concurrent appends its own place in one unbroken chain', async () => {
    const stored = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        store.audit.append(ev({ clusterId: i % 4 ? 'hz' : 'sh', details: { i } })),
      ),
    );
    const hz = stored.filter((e) => e.clusterId === 'hz').map((e) => e.seq);
    expect([...hz].sort((a, b) => a - b)).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    expect(new Set(stored.map((e) => e.id)).size).toBe(60);
    expect(await store.audit.verify('hz')).toMatchObject({ ok: true, checked: 45 });
    expect(await store.audit.verify('sh')).toMatchObject({ ok: true, checked: 15 });
  });

  it('rejects the append when the store cannot write it, so the action does not go ahead', async () => {
    await store.audit.append(ev());
    await store.close();
    await expect(store.audit.append(ev())).rejects.toThrow();
  });

  it('stores every field of the event as given', async () => {
    await store.audit.append(
      ev({
        actor: 'admin@mysql_tenant',
        action: 'sign_in_failed',
        outcome: 'failure',
        errorCode: 'LOGIN_FAILED',
        tenants: ['mysql_tenant'],
        details: { reason: 'wrong password' },
      }),
    );
    const [e] = (await store.audit.page({ clusters: ['hz'], limit: 5 })).events;
    expect(e).toMatchObject({
      clusterId: 'hz',
      actor: 'admin@mysql_tenant',
      action: 'sign_in_failed',
      outcome: 'failure',
      errorCode: 'LOGIN_FAILED',
      tenants: ['mysql_tenant'],
      clientAddress: '10.0.0.7',
      userAgent: 'Mozilla/5.0',
      requestId: 'req-1',
      details: { reason: 'wrong password' },
    });
  });

  it('filters by cluster, actor, action, tenant, outcome and time, and pages newest first', async () => {
    const t0 = clock.now();
    for (let i = 0; i < 30; i++) {
      clock.set(t0 + i * 60_000);
      await store.audit.append(
        ev({
          clusterId: i % 3 === 0 ? 'sh' : 'hz',
          actor: i % 2 ? 'root@sys' : 'admin@mysql_tenant',
          action: i % 5 === 0 ? 'backup_cancel' : 'backup_start',
          outcome: i % 4 === 0 ? 'failure' : 'success',
          tenants: i % 2 ? ['mysql_tenant', 'oracle_tenant'] : ['mysql_tenant'],
          details: { i },
        }),
      );
    }
    const ids = async (f: Omit<Parameters<Store['audit']['page']>[0], 'limit'>) =>
      (await store.audit.page({ ...f, limit: 100 })).events.map((e) => e.details.i as number);
    const all = [...Array(30).keys()];
    const hz = all.filter((i) => i % 3 !== 0);
    expect(await ids({ clusters: ['hz'] })).toEqual(hz.reverse());
    expect(await ids({ clusters: ['hz', 'sh'] })).toEqual([...all].reverse());
    expect(await ids({ clusters: [] })).toEqual([]);
    expect(await ids({ clusters: ['hz'], actor: 'root@sys' })).toEqual(
      all.filter((i) => i % 3 !== 0 && i % 2).reverse(),
    );
    expect(await ids({ clusters: ['hz', 'sh'], action: 'backup_cancel' })).toEqual([
      25, 20, 15, 10, 5, 0,
    ]);
    expect(await ids({ clusters: ['hz', 'sh'], outcome: 'failure' })).toEqual([
      28, 24, 20, 16, 12, 8, 4, 0,
    ]);
    expect(await ids({ clusters: ['hz', 'sh'], tenant: 'oracle_tenant' })).toEqual(
      all.filter((i) => i % 2).reverse(),
    );
    expect(
      await ids({ clusters: ['hz', 'sh'], fromMs: t0 + 10 * 60_000, toMs: t0 + 13 * 60_000 }),
    ).toEqual([12, 11, 10]);
    // A tenant admin's scope and its own filter both apply.
    expect(
      await ids({ clusters: ['sh'], scopeTenant: 'oracle_tenant', tenant: 'mysql_tenant' }),
    ).toEqual([27, 21, 15, 9, 3]);

    const seen: number[] = [];
    let beforeId: number | undefined;
    for (;;) {
      const page = await store.audit.page({ clusters: ['hz', 'sh'], limit: 7, beforeId });
      seen.push(...page.events.map((e) => e.details.i as number));
      if (page.nextCursor === null) break;
      beforeId = page.nextCursor;
    }
    expect(seen).toEqual([...all].reverse());
  });

  it('exports the same filter as CSV, one row per event, with formula cells disarmed', async () => {
    for (let i = 0; i < 20; i++)
      await store.audit.append(
        ev({ userAgent: i === 3 ? '=HYPERLINK("x")' : 'curl/8', details: { i } }),
      );
    await store.audit.append(ev({ action: 'sign_out', tenants: [] }));
    const text = await readCsv(store, { clusters: ['hz'], action: 'backup_start' });
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe(
      'id,seq,time,cluster,actor,action,outcome,tenants,error_code,client_address,user_agent,request_id,details,prev_hash,hash',
    );
    expect(lines).toHaveLength(21);
    expect(lines[1]).toContain('"{""i"":19}"');
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(text).not.toContain('sign_out');
  });

  it('verifies an untouched chain, and names the event edited by hand', async () => {
    const events = [];
    for (let i = 0; i < 12; i++) events.push(await store.audit.append(ev({ details: { i } })));
    expect(await store.audit.verify('hz')).toMatchObject({
      ok: true,
      checked: 12,
      headSeq: 12,
      firstBad: null,
    });

    const victim = events[6]!;
    await b.raw(`UPDATE audit_event SET details = ? WHERE id = ?`, ['{"i":600}', victim.id]);
    const r = await store.audit.verify('hz');
    expect(r.ok).toBe(false);
    expect(r.checked).toBe(6);
    expect(r.firstBad).toMatchObject({ id: victim.id, seq: 7, reason: 'hash_mismatch' });
    expect(r.firstBad!.message).toContain(`event ${victim.id} (seq 7) was changed`);
  });

  it('names the event after one whose hash was recomputed by hand', async () => {
    const events = [];
    for (let i = 0; i < 5; i++) events.push(await store.audit.append(ev({ details: { i } })));
    await b.raw(`UPDATE audit_event SET outcome = 'failure', hash = ? WHERE id = ?`, [
      'f'.repeat(64),
      events[1]!.id,
    ]);
    const r = await store.audit.verify('hz');
    // The edited row's content no longer gives its (forged) hash.
    expect(r.firstBad).toMatchObject({ id: events[1]!.id, reason: 'hash_mismatch' });
  });

  it('names a deleted event, and a deleted tail', async () => {
    const events = [];
    for (let i = 0; i < 6; i++) events.push(await store.audit.append(ev({ details: { i } })));
    await b.raw(`DELETE FROM audit_event WHERE id = ?`, [events[5]!.id]);
    expect((await store.audit.verify('hz')).firstBad).toMatchObject({ seq: 6, reason: 'missing' });
    await b.raw(`DELETE FROM audit_event WHERE id = ?`, [events[2]!.id]);
    expect((await store.audit.verify('hz')).firstBad).toMatchObject({ seq: 3, reason: 'missing' });
  });

  it('prunes events older than the retention and still verifies from the recorded anchor', async () => {
    const day = 86_400_000;
    const start = clock.now();
    for (let d = 0; d < 10; d++) {
      clock.set(start + d * day);
      await store.audit.append(ev({ details: { d } }));
      await store.audit.append(ev({ clusterId: 'sh', details: { d } }));
    }
    clock.set(start + 10 * day);
    const results = await store.audit.pruneOlderThan(4);
    // Days 0-5 are older than 4 days at day 10 (cutoff day 6 inclusive is kept).
    expect(results).toEqual([
      { clusterId: 'hz', deleted: 6, anchorSeq: 6 },
      { clusterId: 'sh', deleted: 6, anchorSeq: 6 },
    ]);
    for (const c of ['hz', 'sh']) {
      const r = await store.audit.verify(c);
      expect(r).toMatchObject({ ok: true, anchorSeq: 6, headSeq: 11, checked: 5 });
    }
    const kept = (await store.audit.page({ clusters: ['hz'], limit: 50 })).events;
    expect(kept[0]).toMatchObject({
      action: 'audit_pruned',
      actor: 'system',
      details: { deleted: 6 },
    });
    expect(kept.slice(1).map((e) => e.details.d)).toEqual([9, 8, 7, 6]);
    const tenantRows = await b.raw(`SELECT COUNT(*) AS n FROM audit_event_tenant`);
    expect(Number(tenantRows[0]!.n)).toBe(8);
    // Appending and pruning again keeps it verifiable.
    await store.audit.append(ev());
    expect(await store.audit.pruneOlderThan(4)).toEqual([]);
    expect((await store.audit.verify('hz')).ok).toBe(true);
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
