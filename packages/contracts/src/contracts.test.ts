import { describe, expect, it } from 'vitest';
import {
  ClusterId,
  ErrorBody,
  FleetHistoryQuery,
  HistoryQuery,
  LoginRequest,
  PreviewRequest,
  SessionStatus,
  StartBackupRequest,
  clusterApi,
  obError,
} from './index.js';

describe('contracts', () => {
  it('an error carries params of strings and numbers for the client to word it, and nothing else', () => {
    const ok = {
      error: { code: 'LOG_ARCHIVE_NOT_DOING', message: 'm', params: { tenant: 't', jobId: 3 } },
    };
    expect(ErrorBody.parse(ok).error.params).toEqual({ tenant: 't', jobId: 3 });
    expect(
      ErrorBody.safeParse({ error: { ...ok.error, params: { nested: { a: 1 } } } }).success,
    ).toBe(false);
  });

  it('the session status is either signed in with its deadlines or signed out with a reason', () => {
    expect(SessionStatus.parse({ signedIn: false, reason: 'expired' })).toEqual({
      signedIn: false,
      reason: 'expired',
    });
    expect(SessionStatus.safeParse({ signedIn: true }).success).toBe(false);
  });

  it('a login defaults the tenant to sys and refuses a user that smuggles a tenant', () => {
    expect(LoginRequest.parse({ user: 'root', password: 'x' }).tenant).toBe('sys');
    expect(LoginRequest.safeParse({ user: 'root@sys', password: 'x' }).success).toBe(false);
  });

  it('a tenant name that is not an identifier is refused before it can reach SQL', () => {
    const r = PreviewRequest.safeParse({ type: 'full', tenants: ["a'; DROP TABLE x; --"] });
    expect(r.success).toBe(false);
  });

  it('unknown fields are refused', () => {
    expect(StartBackupRequest.safeParse({ type: 'full', tenants: 'all', extra: 1 }).success).toBe(
      false,
    );
  });

  it('passwords keep quotes, backslashes and unicode but refuse NUL and absurd length', () => {
    const ok = StartBackupRequest.parse({
      type: 'full',
      tenants: 'all',
      encryptionPassword: `a'b\\c"d😀`,
    });
    expect(ok.encryptionPassword).toBe(`a'b\\c"d😀`);
    expect(
      StartBackupRequest.safeParse({ type: 'full', tenants: 'all', encryptionPassword: 'a\0b' })
        .success,
    ).toBe(false);
    expect(
      StartBackupRequest.safeParse({
        type: 'full',
        tenants: 'all',
        encryptionPassword: 'x'.repeat(10_000),
      }).success,
    ).toBe(false);
  });

  it('a duplicate tenant is refused, case-insensitively', () => {
    expect(PreviewRequest.safeParse({ type: 'full', tenants: ['t1', 'T1'] }).success).toBe(false);
  });

  it('history query coerces limit and rejects bad dates and inverted ranges', () => {
    expect(HistoryQuery.parse({ limit: '10' }).limit).toBe(10);
    expect(HistoryQuery.safeParse({ from: 'yesterday' }).success).toBe(false);
    expect(HistoryQuery.safeParse({ from: '2026-02-01', to: '2026-01-01' }).success).toBe(false);
  });

  it('OB error codes are found by RESULT or errno', () => {
    expect(obError(-4072)?.symbol).toBe('OB_CANCELED');
    expect(obError(9040)?.symbol).toBe('OB_BACKUP_CAN_NOT_START');
  });
});

describe('cluster paths', () => {
  it('builds a concrete path with every segment encoded', () => {
    expect(clusterApi('obcluster-hz', 'historyDetail', { tenantId: 1002, jobId: 7 })).toBe(
      '/api/clusters/obcluster-hz/backups/history/1002/7',
    );
    expect(clusterApi('a b', 'tenants')).toBe('/api/clusters/a%20b/tenants');
  });

  it('refuses to build a path with a parameter missing', () => {
    expect(() => clusterApi('hz', 'historyDetail', { tenantId: 1 })).toThrow(/jobId/);
  });

  it('accepts lower-case cluster ids only', () => {
    expect(ClusterId.safeParse('obcluster-hz').success).toBe(true);
    expect(ClusterId.safeParse('ObCluster').success).toBe(false);
    expect(ClusterId.safeParse('-x').success).toBe(false);
  });

  it('checks the fleet history filters like one cluster history', () => {
    expect(FleetHistoryQuery.safeParse({ from: '2026-02-01', to: '2026-01-01' }).success).toBe(
      false,
    );
    expect(FleetHistoryQuery.safeParse({ clusters: 'hz,sh', limit: '20' }).success).toBe(true);
    expect(FleetHistoryQuery.safeParse({ bogus: 1 }).success).toBe(false);
  });
});
