import type { AlertMessage, ChannelTarget } from './types.js';

/** A failed-backup incident as the alert engine would describe it. */
export function failedBackupMessage(over: Partial<AlertMessage> = {}): AlertMessage {
  return {
    id: 'inc-7f3a:opened',
    event: 'opened',
    sentAt: '2026-12-02T01:02:03.000Z',
    cluster: { id: 'obcluster-hz', name: 'obcluster-hz (Hangzhou)' },
    tenant: { id: 1002, name: 'mysql_tenant' },
    rule: { id: 'r1', name: 'backup failed', kind: 'backup_failed', severity: 'critical' },
    incident: { id: 'inc-7f3a', openedAt: '2026-12-02T01:02:00.000Z', resolvedAt: null },
    condition: {
      kind: 'backup_failed',
      job: {
        tenantId: 1002,
        jobId: 17,
        type: 'full',
        status: 'FAILED',
        result: -9040,
        comment: 'backup can not start',
        startTime: '2026-12-02T00:50:00.000Z',
        endTime: '2026-12-02T01:01:59.000Z',
      },
    },
    resolution: null,
    link: 'https://console.example.com/clusters/obcluster-hz/history/1002/17',
    ...over,
  };
}

export function channel(over: Partial<ChannelTarget> & Pick<ChannelTarget, 'kind'>): ChannelTarget {
  return { id: 'c1', name: 'ops', language: 'en', ...over };
}
