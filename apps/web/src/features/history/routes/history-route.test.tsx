import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router';
import type { HistoryDetail, HistoryItem, HistoryPage } from '@obconsole/contracts';
import { HistoryRoute } from './history-route';
import { stubFetch } from '../../../test/fetch';
import { renderInApp } from '../../../test/render';

const item = (jobId: number): HistoryItem => ({
  tenantId: 1002,
  tenantName: 'mysql_tenant',
  jobId,
  backupSetId: jobId,
  level: 'USER_TENANT',
  type: 'full',
  status: 'FAILED',
  initiator: 'TENANT',
  plusArchivelog: false,
  encryptionMode: 'PASSWORD',
  description: '',
  startTime: '2026-11-01T02:00:00.000000Z',
  endTime: '2026-11-01T02:01:00.000000Z',
  elapsedSeconds: 60,
  outputBytes: 1024,
  minRestoreScnDisplay: null,
  result: -4012,
  comment: '',
  path: 'file:///backup',
  startedBy: { kind: 'outside' },
});

function Where() {
  const l = useLocation();
  return <output aria-label="location">{l.pathname + l.search}</output>;
}

describe('history', () => {
  it('reads its filters from the URL, pages with a cursor stack in the URL, and exports the same filter as CSV', async () => {
    const { calls } = stubFetch({
      'GET /api/clusters/obcluster-hz/backups/history': (req) => {
        const cursor = new URLSearchParams(req.search).get('cursor');
        const page: HistoryPage = cursor
          ? { items: [item(1)], nextCursor: null, total: 2 }
          : { items: [item(2)], nextCursor: 'abc', total: 2 };
        return { body: page };
      },
    });
    const user = userEvent.setup({ delay: null });
    renderInApp(
      <>
        <Where />
        <HistoryRoute tenantNames={['mysql_tenant', 'ora_tenant']} />
      </>,
      { route: '/clusters/obcluster-hz/history?tenant=mysql_tenant&status=FAILED&from=2026-11-01' },
    );
    expect(await screen.findByRole('heading', { name: 'Backup history' })).toBeInTheDocument();
    await screen.findByRole('link', { name: 'Open job 2 of mysql_tenant' });
    const first = new URLSearchParams(calls[0]!.search);
    expect(first.get('tenant')).toBe('mysql_tenant');
    expect(first.get('status')).toBe('FAILED');
    expect(first.get('from')).toMatch(/^2026-1[01]-\d\dT\d\d:00:00\.000Z$/);
    expect(first.get('cursor')).toBeNull();

    const csv = screen.getByRole('button', { name: 'Export CSV' });
    expect(csv.getAttribute('href')).toMatch(
      /^\/api\/clusters\/obcluster-hz\/backups\/history\.csv\?tenant=mysql_tenant&status=FAILED&from=/,
    );
    expect(screen.getByLabelText('Tenant')).toBeInTheDocument();
    expect(screen.getByLabelText('Type')).toBeInTheDocument();
    expect(screen.getByLabelText('Status')).toBeInTheDocument();
    expect(screen.getByLabelText('From')).toBeInTheDocument();
    expect(screen.getByLabelText('To')).toBeInTheDocument();

    expect(screen.getByRole('button', { name: 'Previous page' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    await screen.findByRole('link', { name: 'Open job 1 of mysql_tenant' });
    expect(screen.getByLabelText('location')).toHaveTextContent('c=abc');
    expect(new URLSearchParams(calls.at(-1)!.search).get('cursor')).toBe('abc');
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Previous page' }));
    await screen.findByRole('link', { name: 'Open job 2 of mysql_tenant' });
    expect(screen.getByLabelText('location')).not.toHaveTextContent('c=');
  });

  it('opens the job named in the URL in a drawer, and a row click puts the job in the URL', async () => {
    const detail: HistoryDetail = {
      job: { ...item(2), result: -4012 },
      tasks: [],
      backupSet: null,
    };
    stubFetch({
      'GET /api/clusters/obcluster-hz/backups/history': {
        body: { items: [item(2)], nextCursor: null, total: 1 },
      },
      'GET /api/clusters/obcluster-hz/backups/history/1002/2': { body: detail },
    });
    const user = userEvent.setup({ delay: null });
    renderInApp(
      <>
        <Where />
        <HistoryRoute tenantNames={[]} />
      </>,
      { route: '/clusters/obcluster-hz/history?type=full' },
    );
    await user.click(await screen.findByText('mysql_tenant'));
    await waitFor(() =>
      expect(screen.getByLabelText('location')).toHaveTextContent(
        '/clusters/obcluster-hz/history/1002/2?type=full',
      ),
    );
    expect(await screen.findByText(/Failed with OB_TIMEOUT \(-4012\)/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() =>
      expect(screen.getByLabelText('location')).toHaveTextContent(
        /^\/clusters\/obcluster-hz\/history\?type=full$/,
      ),
    );
  });

  it('states the total, the backup set and restorable point of each job, and offers retry on a failed job', async () => {
    const done: HistoryItem = {
      ...item(5),
      status: 'COMPLETED',
      result: 0,
      backupSetId: 9,
      minRestoreScnDisplay: '2026-11-01 02:00:30.123456',
    };
    stubFetch({
      'GET /api/clusters/obcluster-hz/backups/history': {
        body: { items: [done, item(4)], nextCursor: null, total: 42 },
      },
    });
    const onRetry = vi.fn();
    const user = userEvent.setup({ delay: null });
    renderInApp(<HistoryRoute tenantNames={[]} onRetry={onRetry} />, {
      route: '/clusters/obcluster-hz/history',
    });
    expect(await screen.findByText('42 jobs')).toBeInTheDocument();
    const completed = screen.getByText('2026-11-01 02:00:30').closest('tr')!;
    expect(within(completed).getByText('9')).toBeInTheDocument();
    expect(within(completed).queryByRole('button', { name: /Retry/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry: Retry job 4 of mysql_tenant' }));
    expect(onRetry).toHaveBeenCalledWith(item(4));
    // The retry does not also open the job's detail.
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('a fresh cluster says it has no backup yet and what to do; a filter with no match says so', async () => {
    stubFetch({
      'GET /api/clusters/obcluster-hz/backups/history': {
        body: { items: [], nextCursor: null, total: 0 },
      },
    });
    const first = renderInApp(<HistoryRoute tenantNames={[]} />, {
      route: '/clusters/obcluster-hz/history',
    });
    expect(await screen.findByText('No backup yet')).toBeInTheDocument();
    expect(screen.getByText(/Start a full backup from the Tenants page/)).toBeInTheDocument();
    expect(screen.getByText('0 jobs')).toBeInTheDocument();
    first.unmount();
    renderInApp(<HistoryRoute tenantNames={[]} />, {
      route: '/clusters/obcluster-hz/history?status=FAILED',
    });
    expect(await screen.findByText('No backup matches these filters.')).toBeInTheDocument();
    expect(screen.queryByText('No backup yet')).not.toBeInTheDocument();
  });

  it('a quick range in the one range picker puts a time-exact window in the URL and the query', async () => {
    const { calls } = stubFetch({
      'GET /api/clusters/obcluster-hz/backups/history': {
        body: { items: [], nextCursor: null, total: 0 },
      },
    });
    const user = userEvent.setup({ delay: null });
    renderInApp(
      <>
        <Where />
        <HistoryRoute tenantNames={[]} />
      </>,
      { route: '/clusters/obcluster-hz/history' },
    );
    await user.click(await screen.findByLabelText('From'));
    await user.click(await screen.findByText('Last 24 hours'));
    await waitFor(() =>
      expect(screen.getByLabelText('location')).toHaveTextContent(
        /from=\d{4}-\d{2}-\d{2}T\d{2}%3A\d{2}%3A00Z&to=\d{4}-\d{2}-\d{2}T\d{2}%3A\d{2}%3A00Z/,
      ),
    );
    const sent = new URLSearchParams(calls.at(-1)!.search);
    const from = Date.parse(sent.get('from')!);
    const to = Date.parse(sent.get('to')!);
    expect(to - from).toBe(24 * 3_600_000);
  });
});
