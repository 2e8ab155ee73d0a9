import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import type { HistoryDetail, HistoryItem } from '@obconsole/contracts';
import { DetailBody } from './history-detail';
import { renderInApp } from '../../../test/render';

const job: HistoryItem = {
  tenantId: 1002,
  tenantName: 'mysql_tenant',
  jobId: 12,
  backupSetId: 5,
  level: 'USER_TENANT',
  type: 'full',
  status: 'COMPLETED',
  initiator: 'SYS',
  plusArchivelog: false,
  encryptionMode: 'NONE',
  description: 'nightly',
  startTime: '2026-11-01T02:00:00.000000Z',
  endTime: '2026-11-01T02:10:00.000000Z',
  elapsedSeconds: 600,
  outputBytes: 5 * 1024 ** 3,
  minRestoreScnDisplay: '2026-11-30 08:00:00.000000',
  result: 0,
  comment: '',
  path: 'file:///backup/data/backup_set_5_full',
  startedBy: { kind: 'outside' },
};

function detail(patch: Partial<HistoryItem>): HistoryDetail {
  return { job: { ...job, ...patch }, tasks: [], backupSet: null };
}

describe('history detail: the outcome in words', () => {
  it('explains a failure: symbol, message, where it happened and what to do', () => {
    renderInApp(
      <DetailBody
        detail={detail({
          status: 'FAILED',
          result: -9029,
          comment:
            '(SERVER)ls_id: 1001, addr: 10.0.0.7:2882, module: BACKUP_DATA, result: -9029(log archive is not running), trace_id: YB420A-1',
        })}
      />,
    );
    expect(
      screen.getByText(
        'Failed with OB_LOG_ARCHIVE_NOT_RUNNING (-9029): log archive is not running.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'What to do: Log archiving stopped during the backup; restart it with ALTER SYSTEM ARCHIVELOG and retry.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Reported by OBServer 10\.0\.0\.7:2882 \(BACKUP_DATA, ls 1001\)/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('-9029 OB_LOG_ARCHIVE_NOT_RUNNING — log archive is not running'),
    ).toBeInTheDocument();
    expect(screen.getByText('The sys tenant')).toBeInTheDocument();
  });

  it('takes the code from COMMENT when RESULT is 0, and has a hint for a full disk', () => {
    renderInApp(
      <DetailBody
        detail={detail({
          status: 'FAILED',
          result: 0,
          comment:
            '(ROOTSERVICE)addr: 10.0.0.1:2882, result: -4184(Server out of disk space), trace_id: Y1',
        })}
      />,
    );
    expect(
      screen.getByText(/Failed with OB_SERVER_OUTOF_DISK_SPACE \(-4184\)/),
    ).toBeInTheDocument();
    expect(screen.getByText(/ran out of disk space/)).toBeInTheDocument();
  });

  it('reads a cancelled job as cancelled, never as failed', () => {
    renderInApp(<DetailBody detail={detail({ status: 'CANCELED', result: -4072, comment: '' })} />);
    expect(screen.getByText(/^Cancelled: the backup was stopped on request/)).toBeInTheDocument();
    expect(screen.queryByText(/fail/i)).not.toBeInTheDocument();
    expect(screen.queryByText('What to do', { exact: false })).not.toBeInTheDocument();
  });

  it('reports a success plainly, with size and duration', () => {
    renderInApp(<DetailBody detail={detail({})} />);
    expect(screen.getByText('Completed successfully.')).toBeInTheDocument();
    expect(screen.getByText('5.00 GB')).toBeInTheDocument();
    expect(screen.getByText('10m 00s')).toBeInTheDocument();
  });

  it('says who started the job: a policy (linked to it), a person, or outside the console', () => {
    const { unmount } = renderInApp(
      <DetailBody
        detail={detail({ startedBy: { kind: 'policy', policy: 'nightly' } })}
        clusterId="obcluster-hz"
      />,
    );
    expect(screen.getByRole('link', { name: 'Policy nightly' })).toHaveAttribute(
      'href',
      '/clusters/obcluster-hz/policies?name=nightly',
    );
    unmount();
    const person = renderInApp(
      <DetailBody detail={detail({ startedBy: { kind: 'person', actor: 'root@sys' } })} />,
    );
    expect(screen.getByText('root@sys')).toBeInTheDocument();
    person.unmount();
    renderInApp(<DetailBody detail={detail({})} />);
    expect(screen.getByText('Outside the console')).toBeInTheDocument();
  });
});
