import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Tenant, TenantsResponse } from '@obconsole/contracts';
import { TenantsRoute } from './tenants-route';
import { stubFetch } from '../../../test/fetch';
import { renderInApp } from '../../../test/render';

const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

function tenant(over: Partial<Tenant>): Tenant {
  return {
    tenantId: 1002,
    name: 'mysql_tenant',
    mode: 'MYSQL',
    status: 'NORMAL',
    logMode: 'ARCHIVELOG',
    archiveStatus: 'DOING',
    dataBackupDest: { set: true, path: 'file:///data/nfs/ob_backup/a/very/long/path/data' },
    latestFull: null,
    latestIncremental: null,
    lastSuccessfulFull: null,
    lastSuccessfulIncremental: null,
    running: null,
    eligible: { full: { ok: true }, incremental: { ok: true } },
    ...over,
  };
}

const goodFull = {
  jobId: 5,
  backupSetId: 3,
  status: 'COMPLETED' as const,
  startTime: ago(3 * HOUR),
  endTime: ago(2 * HOUR),
  outputBytes: 5 * 1024 ** 3,
};

const tenants: TenantsResponse = {
  tenants: [
    tenant({
      lastSuccessfulFull: goodFull,
      latestFull: { ...goodFull, jobId: 6, backupSetId: 4, status: 'FAILED' },
    }),
    tenant({
      tenantId: 1004,
      name: 'oracle_tenant',
      mode: 'ORACLE',
      dataBackupDest: { set: false, path: null },
      eligible: {
        full: {
          ok: false,
          reason: 'BACKUP_DEST_NOT_SET',
          message: 'no data backup destination is set',
        },
        incremental: { ok: false, reason: 'BACKUP_DEST_NOT_SET' },
      },
    }),
  ],
};

function stubBff() {
  return stubFetch({
    'GET /api/clusters/obcluster-hz/tenants': { body: tenants },
    'GET /api/clusters/obcluster-hz/backups/active': {
      body: { jobs: [], recent: [], updatedAt: new Date().toISOString() },
    },
  });
}

function row(name: string): HTMLElement {
  const cell = screen.getByText(name);
  const tr = cell.closest('tr');
  if (!tr) throw new Error(`no row for ${name}`);
  return tr;
}

describe('tenants screen', () => {
  it('shows the last successful full backup with its age, set and size, even after a failed attempt', async () => {
    stubBff();
    renderInApp(<TenantsRoute onStartBackup={vi.fn()} />);
    await screen.findByText('mysql_tenant');
    const r = within(row('mysql_tenant'));
    expect(r.getByText(/2 h ago · Set 3 · 5\.00 GB/)).toBeInTheDocument();
    expect(r.getByText('Last attempt Failed')).toBeInTheDocument();
    expect(r.getByText('Ready')).toBeInTheDocument();
    // The whole path is there to read and copy, not cut off.
    expect(r.getByText('file:///data/nfs/ob_backup/a/very/long/path/data')).toBeInTheDocument();
    expect(r.getByRole('button', { name: 'Copy path' })).toBeInTheDocument();
  });

  it('warns about a tenant never backed up and says in its row why it is not ready', async () => {
    stubBff();
    renderInApp(<TenantsRoute onStartBackup={vi.fn()} />);
    await screen.findByText('oracle_tenant');
    const r = within(row('oracle_tenant'));
    expect(r.getAllByText('No backup yet')).toHaveLength(2);
    expect(r.getByText(/Never backed up: no restore is possible\./)).toBeInTheDocument();
    expect(r.getByText('Not ready')).toBeInTheDocument();
    expect(r.getByText('no data backup destination is set')).toBeInTheDocument();
    expect(r.getByRole('button', { name: 'Back up now: oracle_tenant' })).toBeDisabled();
  });

  it('a row\u2019s "back up now" opens the start dialog for that tenant only', async () => {
    stubBff();
    const onStartBackup = vi.fn();
    const user = userEvent.setup({ delay: null });
    renderInApp(<TenantsRoute onStartBackup={onStartBackup} />);
    await user.click(await screen.findByRole('button', { name: 'Back up now: mysql_tenant' }));
    expect(onStartBackup).toHaveBeenCalledWith('full', ['mysql_tenant']);
  });

  it('a backup older than a week is called out in the row', async () => {
    const old = { ...goodFull, endTime: ago(9 * 24 * HOUR), startTime: ago(9 * 24 * HOUR + HOUR) };
    stubFetch({
      'GET /api/clusters/obcluster-hz/tenants': {
        body: { tenants: [tenant({ lastSuccessfulFull: old, latestFull: old })] },
      },
      'GET /api/clusters/obcluster-hz/backups/active': {
        body: { jobs: [], recent: [], updatedAt: new Date().toISOString() },
      },
    });
    renderInApp(<TenantsRoute onStartBackup={vi.fn()} />);
    expect(await screen.findByText(/Not backed up for 9 days\./)).toBeInTheDocument();
    expect(screen.queryByText('Last attempt Failed')).not.toBeInTheDocument();
  });
});
