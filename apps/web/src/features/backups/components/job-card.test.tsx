import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import type { ActiveJob } from '@obconsole/contracts';
import { JobCard } from './job-card';
import { renderInApp } from '../../../test/render';

function job(percent: number, etaSeconds: number | null): ActiveJob {
  return {
    tenantId: 1002,
    tenantName: 'mysql_tenant',
    jobId: 7,
    backupSetId: 3,
    level: 'USER_TENANT',
    type: 'full',
    status: 'DOING',
    phase: 'BACKUP_DATA_MAJOR',
    plusArchivelog: true,
    encryptionMode: 'PASSWORD',
    description: '',
    initiator: 'SYS',
    startTime: '2026-11-01T08:00:00.000000Z',
    path: 'file:///backup/data',
    progress: {
      percent,
      macroBlocks: { done: Math.round(percent * 10), total: 1000 },
      tablets: { done: 120, total: 600 },
      inputBytes: 3 * 1024 ** 3,
      outputBytes: 1.5 * 1024 ** 3,
      rateBytesPerSec: 25 * 1024 ** 2,
      elapsedSeconds: 65,
      etaSeconds,
    },
  };
}

describe('job card', () => {
  it('hides the ETA below 5 % of the work, even when the BFF sends one', () => {
    renderInApp(<JobCard job={job(3, 900)} secondsSinceUpdate={0} canCancel />);
    expect(screen.getByText('Estimating…')).toBeInTheDocument();
    expect(screen.queryByText('15m 00s')).not.toBeInTheDocument();
  });

  it('shows the ETA past 5 %, counted down since the last update, with the job figures in human units', () => {
    renderInApp(<JobCard job={job(42.5, 900)} secondsSinceUpdate={10} canCancel />);
    expect(screen.getByText('14m 50s')).toBeInTheDocument();
    expect(screen.getByText('1m 15s')).toBeInTheDocument(); // elapsed 65 s + 10 s
    expect(screen.getByText('3.00 GB / 1.50 GB')).toBeInTheDocument();
    expect(screen.getByText('25.0 MB/s')).toBeInTheDocument();
    expect(screen.getByText('425 / 1,000')).toBeInTheDocument();
    expect(screen.getByText('Backup password')).toBeInTheDocument();
    expect(screen.getByText('Plus archive log')).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Progress of mysql_tenant' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Cancel backup of mysql_tenant' }),
    ).toBeInTheDocument();
  });

  it('offers no Cancel to an account without the privilege', () => {
    renderInApp(<JobCard job={job(42.5, 900)} secondsSinceUpdate={0} canCancel={false} />);
    expect(screen.queryByRole('button', { name: /Cancel/ })).not.toBeInTheDocument();
  });
});
