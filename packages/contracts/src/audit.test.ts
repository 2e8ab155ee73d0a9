import { describe, expect, it } from 'vitest';
import { AuditEventInput, AuditQuery } from './audit.js';

describe('AuditQuery', () => {
  it('reads a bare date "to" as the whole day, so a time earlier that day is a valid "from"', () => {
    expect(AuditQuery.safeParse({ from: '2026-11-01T09:00:00Z', to: '2026-11-01' }).success).toBe(
      true,
    );
  });

  it('refuses a "from" after "to", naming from', () => {
    const r = AuditQuery.safeParse({ from: '2026-11-02', to: '2026-11-01T23:00:00' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['from']);
  });

  it('defaults the page size and refuses a cursor that is not one', () => {
    expect(AuditQuery.parse({}).limit).toBe(50);
    expect(AuditQuery.safeParse({ cursor: '0' }).success).toBe(false);
  });
});

describe('AuditEventInput', () => {
  it.each(['root@sys', 'policy:nightly', 'system', 'SYS@oracle_tenant'])(
    'accepts the actor %s',
    (actor) => {
      expect(
        AuditEventInput.safeParse({ clusterId: 'hz', actor, action: 'sign_in', outcome: 'success' })
          .success,
      ).toBe(true);
    },
  );

  it.each(['root', 'root@', 'policy:', 'someone else'])('refuses the actor %j', (actor) => {
    expect(
      AuditEventInput.safeParse({ clusterId: 'hz', actor, action: 'sign_in', outcome: 'success' })
        .success,
    ).toBe(false);
  });
});
