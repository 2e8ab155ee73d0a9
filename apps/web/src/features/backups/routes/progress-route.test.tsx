import { describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ActiveJob, ActiveJobsResponse, HistoryItem } from '@obconsole/contracts';
import { ProgressRoute } from './progress-route';
import { stubFetch } from '../../../test/fetch';
import { FakeEventSource, stubEventSource } from '../../../test/event-source';
import { TEST_CLUSTER, renderInApp } from '../../../test/render';
import { useActiveJobsStream } from '../../../lib/live-backups';
import { useStreamStatus } from '../../../stores/stream';
import { StaleBanner } from '../../../components/stale-banner';

function running(percent: number): ActiveJob {
  return {
    tenantId: 1002,
    tenantName: 'mysql_tenant',
    jobId: 7,
    backupSetId: 3,
    level: 'USER_TENANT',
    type: 'incremental',
    status: 'DOING',
    phase: 'BACKUP_DATA_MINOR',
    plusArchivelog: false,
    encryptionMode: 'NONE',
    description: '',
    initiator: 'TENANT',
    startTime: '2026-11-01T08:00:00.000000Z',
    path: 'file:///backup/data',
    progress: {
      percent,
      macroBlocks: { done: percent * 10, total: 1000 },
      tablets: { done: 10, total: 600 },
      inputBytes: 1024,
      outputBytes: 512,
      rateBytesPerSec: 100,
      elapsedSeconds: 10,
      etaSeconds: 300,
    },
  };
}

const canceled: HistoryItem = {
  tenantId: 1004,
  tenantName: 'ora_tenant',
  jobId: 4,
  backupSetId: 2,
  level: 'USER_TENANT',
  type: 'full',
  status: 'CANCELED',
  initiator: 'SYS',
  plusArchivelog: false,
  encryptionMode: 'NONE',
  description: '',
  startTime: '2026-11-01T07:00:00.000000Z',
  endTime: '2026-11-01T07:03:00.000000Z',
  elapsedSeconds: 180,
  outputBytes: null,
  minRestoreScnDisplay: null,
  result: -4072,
  comment: '',
  path: 'file:///backup/data',
  startedBy: { kind: 'outside' },
};

const payload = (jobs: ActiveJob[], recent: HistoryItem[] = []): ActiveJobsResponse => ({
  jobs,
  recent,
  updatedAt: '2026-11-01T08:00:10.000Z',
});

function StreamStatus() {
  useActiveJobsStream(TEST_CLUSTER);
  return <output>{useStreamStatus() === 'live' ? 'live' : 'Reconnecting…'}</output>;
}

describe('progress view', () => {
  it('seeds from GET /api/clusters/obcluster-hz/backups/active, then moves with each SSE payload written into the same cache', async () => {
    stubEventSource();
    stubFetch({ 'GET /api/clusters/obcluster-hz/backups/active': { body: payload([running(3)]) } });
    renderInApp(
      <>
        <StreamStatus />
        <ProgressRoute />
      </>,
      { route: '/clusters/obcluster-hz/backups' },
    );
    expect(await screen.findByRole('heading', { name: 'Backups in progress' })).toBeInTheDocument();
    const bar = await screen.findByRole('progressbar', { name: 'Progress of mysql_tenant' });
    expect(bar).toHaveAttribute('aria-valuenow', '3');
    expect(screen.getByText('Estimating…')).toBeInTheDocument();

    const es = FakeEventSource.latest();
    expect(es.url).toBe('/api/clusters/obcluster-hz/events');
    act(() => {
      es.emit('open');
      es.emit('active', payload([running(50)]));
    });
    expect(screen.getByRole('progressbar', { name: 'Progress of mysql_tenant' })).toHaveAttribute(
      'aria-valuenow',
      '50',
    );
    expect(screen.queryByText('Estimating…')).not.toBeInTheDocument();
    expect(screen.getByText('live')).toBeInTheDocument();

    // The stream drops: the figures stay, the state says so.
    act(() => es.emit('error'));
    expect(screen.getByText('Reconnecting…')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Progress of mysql_tenant' })).toHaveAttribute(
      'aria-valuenow',
      '50',
    );
    act(() => es.emit('active', payload([running(60)])));
    expect(screen.getByText('live')).toBeInTheDocument();
    act(() => es.emit('unavailable'));
    expect(screen.getByText('Reconnecting…')).toBeInTheDocument();
  });

  it('a finished job shows its outcome (cancelled reads as cancelled) and links to its history entry', async () => {
    stubEventSource();
    stubFetch({
      'GET /api/clusters/obcluster-hz/backups/active': { body: payload([], [canceled]) },
    });
    renderInApp(<ProgressRoute />, { route: '/clusters/obcluster-hz/backups' });
    expect(await screen.findByText('No backup is running.')).toBeInTheDocument();
    const recent = screen.getByRole('heading', { name: 'Recently finished' }).parentElement!;
    expect(within(recent).getByText('Cancelled')).toBeInTheDocument();
    expect(within(recent).queryByText(/failed/i)).not.toBeInTheDocument();
    expect(
      within(recent).getByRole('link', { name: 'Details (ora_tenant, Job 4)' }),
    ).toHaveAttribute('href', '/clusters/obcluster-hz/history/1004/4');
  });

  it('Cancel asks first, then sends the tenant to POST /api/clusters/obcluster-hz/backups/cancel', async () => {
    stubEventSource();
    const { calls } = stubFetch({
      'GET /api/clusters/obcluster-hz/backups/active': { body: payload([running(20)]) },
      'POST /api/clusters/obcluster-hz/backups/cancel': {
        status: 202,
        body: { canceling: [{ tenantId: 1002, tenantName: 'mysql_tenant', jobId: 7 }] },
      },
    });
    const user = userEvent.setup({ delay: null });
    renderInApp(<ProgressRoute />, { route: '/clusters/obcluster-hz/backups' });
    await user.click(await screen.findByRole('button', { name: 'Cancel backup of mysql_tenant' }));
    const confirm = await screen.findByRole('dialog');
    // It names the job, its type and the progress that would be lost, shows the statement,
    // and starts on the safe choice.
    expect(confirm).toHaveTextContent('Cancel backup job 7 of mysql_tenant?');
    expect(confirm).toHaveTextContent(/7 · Incremental backup · backup set 3/);
    expect(confirm).toHaveTextContent(/20\.0 % done, .+ written so far/);
    expect(within(confirm).getByLabelText('SQL that will run')).toHaveTextContent(
      'ALTER SYSTEM CANCEL BACKUP TENANT = `mysql_tenant`;',
    );
    await waitFor(() =>
      expect(within(confirm).getByRole('button', { name: 'Keep running' })).toHaveFocus(),
    );
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    await user.click(within(confirm).getByRole('button', { name: 'Cancel backup' }));
    await act(async () => {});
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([
      { tenants: ['mysql_tenant'] },
    ]);
  });

  it('a requested cancel shows "Cancelling…" at once; a stopping job has no red bar and no time left', async () => {
    stubEventSource();
    stubFetch({
      'GET /api/clusters/obcluster-hz/backups/active': { body: payload([running(20)]) },
      'POST /api/clusters/obcluster-hz/backups/cancel': {
        status: 202,
        body: { canceling: [{ tenantId: 1002, tenantName: 'mysql_tenant', jobId: 7 }] },
      },
    });
    const user = userEvent.setup({ delay: null });
    renderInApp(
      <>
        <StreamStatus />
        <ProgressRoute />
      </>,
      { route: '/clusters/obcluster-hz/backups' },
    );
    await user.click(await screen.findByRole('button', { name: 'Cancel backup of mysql_tenant' }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Cancel backup' }),
    );
    expect(await screen.findByText('Cancelling…')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Cancel backup of mysql_tenant' }),
    ).not.toBeInTheDocument();

    act(() => {
      FakeEventSource.latest().emit('open');
      FakeEventSource.latest().emit('active', payload([{ ...running(40), status: 'CANCELING' }]));
    });
    const bar = screen.getByRole('progressbar', { name: 'Progress of mysql_tenant' });
    expect(bar.closest('.ant-progress')).not.toHaveClass('ant-progress-status-exception');
    const card = screen.getByRole('region', { name: 'mysql_tenant' });
    expect(within(card).queryByText('5m 00s')).not.toBeInTheDocument();
    expect(within(card).getByText('Cancelling…')).toBeInTheDocument();
  });

  it('with the database unreachable the last figures stay, marked stale with their time, not counting, and stopping is off', async () => {
    stubEventSource();
    stubFetch({
      'GET /api/clusters/obcluster-hz/backups/active': { body: payload([running(30)]) },
    });
    renderInApp(
      <>
        <StreamStatus />
        <StaleBanner clusterId={TEST_CLUSTER} />
        <ProgressRoute />
      </>,
      { route: '/clusters/obcluster-hz/backups' },
    );
    const stop = await screen.findByRole('button', { name: 'Cancel backup of mysql_tenant' });
    expect(stop).toBeEnabled();
    act(() => FakeEventSource.latest().emit('unavailable'));
    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent('The database cannot be reached');
    expect(banner).toHaveTextContent(/2026-11-01 \d\d:00:10 UTC/);
    expect(screen.getByText('Stale')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel backup of mysql_tenant' })).toBeDisabled();
    // Elapsed is the last reported figure, not counting on.
    const card = screen.getByRole('region', { name: 'mysql_tenant' });
    expect(within(card).getByText('10s')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Progress of mysql_tenant' })).toHaveAttribute(
      'aria-valuenow',
      '30',
    );

    act(() => FakeEventSource.latest().emit('active', payload([running(35)])));
    expect(screen.queryByText('The database cannot be reached')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel backup of mysql_tenant' })).toBeEnabled();
  });
});
