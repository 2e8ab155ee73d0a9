import { beforeAll, describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation } from 'react-router';
import type { HealthResponse, SessionInfo, Tenant } from '@obconsole/contracts';
import { createQueryClient } from './query-client';
import { AppRoutes, redirectToLogin } from './router';
import { errorBody, stubFetch } from '../test/fetch';
import { stubEventSource } from '../test/event-source';
import { TestProviders } from '../test/render';

const health: HealthResponse = { status: 'ok', database: 'up', simulated: false };
const support: SessionInfo = {
  user: 'support',
  tenant: 'sys',
  tenantId: 1,
  mode: 'MYSQL',
  isSys: true,
  canBackup: false,
  serverVersion: '5.7.25-OceanBase_CE-v4.3.5.0',
};

function Where() {
  const l = useLocation();
  return <output aria-label="location">{l.pathname + l.search}</output>;
}

function renderApp(route: string) {
  const qc = createQueryClient({ onUnauthenticated: redirectToLogin, onMutationError: () => {} });
  render(
    <TestProviders queryClient={qc}>
      <MemoryRouter initialEntries={[route]}>
        <Where />
        <AppRoutes />
      </MemoryRouter>
    </TestProviders>,
  );
}

describe('session', () => {
  // The routes are lazy chunks: load (and transform) them once up front, so that no assertion
  // below waits on the module transformer of a busy machine.
  beforeAll(async () => {
    await Promise.all([
      import('./layout'),
      import('./routes/tenants-page'),
      import('./routes/history-page'),
      import('../features/backups/routes/progress-route'),
      import('../features/backups/components/start-backup-dialog'),
      import('../features/session/routes/login-route'),
    ]);
  });

  it('an expired session returns to the login page and, after login, back to where the user was', async () => {
    let loggedIn = false;
    stubEventSource();
    stubFetch({
      'GET /api/health': { body: health },
      'GET /api/session': () =>
        loggedIn
          ? { body: support }
          : { status: 401, body: errorBody('UNAUTHENTICATED', 'log in first') },
      'POST /api/session': () => {
        loggedIn = true;
        return { body: support };
      },
      'GET /api/tenants': { body: { tenants: [] } },
      'GET /api/backups/active': {
        body: { jobs: [], recent: [], updatedAt: '2026-11-01T00:00:00Z' },
      },
    });
    renderApp('/backups');
    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(screen.getByLabelText('location')).toHaveTextContent('/login?next=%2Fbackups');

    const user = userEvent.setup({ delay: null });
    await user.type(screen.getByLabelText('User'), 'support');
    await user.type(screen.getByLabelText('Password'), 'pw');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    expect(await screen.findByRole('heading', { name: 'Backups in progress' })).toBeInTheDocument();
    expect(screen.getByLabelText('location')).toHaveTextContent(/^\/backups$/);
    for (const name of ['Tenants', 'Progress', 'History'])
      expect(screen.getByRole('link', { name })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Log out' })).toBeInTheDocument();
  });

  it('a read-only account sees the tenants without backup actions, and a note why', async () => {
    stubEventSource();
    stubFetch({
      'GET /api/health': { body: health },
      'GET /api/session': { body: support },
      'GET /api/tenants': { body: { tenants: [] } },
      'GET /api/backups/active': {
        body: { jobs: [], recent: [], updatedAt: '2026-11-01T00:00:00Z' },
      },
    });
    renderApp('/');
    expect(await screen.findByRole('heading', { name: 'Tenants' })).toBeInTheDocument();
    expect(await screen.findByText(/does not hold the ALTER SYSTEM privilege/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Full backup' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Incremental backup' })).not.toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByText('No tenant is visible to this account.')).toBeInTheDocument(),
    );
  });

  it('an administrator selects tenants and opens the start-backup dialog for them', async () => {
    stubEventSource();
    const tenant = (tenantId: number, name: string): Tenant => ({
      tenantId,
      name,
      mode: 'MYSQL' as const,
      status: 'NORMAL',
      logMode: 'ARCHIVELOG',
      archiveStatus: 'DOING',
      dataBackupDest: { set: true, path: 'file:///backup/data' },
      latestFull: null,
      latestIncremental: null,
      lastSuccessfulFull: null,
      lastSuccessfulIncremental: null,
      running: null,
      eligible: {
        full: { ok: true },
        incremental: { ok: false, reason: 'NO_FULL_BACKUP' as const },
      },
    });
    stubFetch({
      'GET /api/health': { body: health },
      'GET /api/session': { body: { ...support, user: 'root', canBackup: true } },
      'GET /api/tenants': {
        body: { tenants: [tenant(1002, 'mysql_tenant'), tenant(1004, 'ora_tenant')] },
      },
      'GET /api/backups/active': {
        body: { jobs: [], recent: [], updatedAt: '2026-11-01T00:00:00Z' },
      },
    });
    const user = userEvent.setup({ delay: null });
    renderApp('/');
    expect(
      await screen.findByText('Applies to all tenants. Select rows to back up only some.'),
    ).toBeInTheDocument();
    await user.click(await screen.findByRole('checkbox', { name: 'Select ora_tenant' }));
    expect(screen.getByText('Applies to the 1 selected tenant.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Incremental backup' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Start a backup');
    expect(screen.getByRole('radio', { name: /^Incremental/ })).toBeChecked();
    expect(screen.getByRole('radio', { name: /^Selected tenants/ })).toBeChecked();
    expect(dialog).toHaveTextContent('ora_tenant');
  });
});
