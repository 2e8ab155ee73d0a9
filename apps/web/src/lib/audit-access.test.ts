import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '@obconsole/contracts';
import { auditClusters } from './audit-access';
import { clusterSummary } from '../test/clusters';
import { support } from '../test/app';

const operator: SessionInfo = { ...support, user: 'root', canBackup: true };
const tenantAdmin: SessionInfo = {
  ...support,
  user: 'root',
  tenant: 'trade_tenant',
  tenantId: 1002,
  isSys: false,
  canBackup: true,
};

const ids = (s: ReturnType<typeof auditClusters>) => s.map((c) => c.id);

describe('which signed-in clusters may read the audit trail', () => {
  it('every sys sign-in with ALTER SYSTEM, and not the read-only or signed-out ones', () => {
    const clusters = [
      clusterSummary('hz', operator),
      clusterSummary('sh', support),
      clusterSummary('bj', null),
      clusterSummary('sz', operator),
    ];
    expect(ids(auditClusters(clusters))).toEqual(['hz', 'sz']);
  });

  it('a tenant admin reads its own cluster only when no sys operator sign-in exists, as the BFF decides', () => {
    expect(
      ids(auditClusters([clusterSummary('hz', operator), clusterSummary('sh', tenantAdmin)])),
    ).toEqual(['hz']);
    expect(
      ids(auditClusters([clusterSummary('hz', support), clusterSummary('sh', tenantAdmin)])),
    ).toEqual(['sh']);
  });

  it('the read-only support account alone reads nothing (no link)', () => {
    expect(auditClusters([clusterSummary('hz', support)])).toEqual([]);
  });
});
