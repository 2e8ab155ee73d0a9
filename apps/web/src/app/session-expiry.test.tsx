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

/** GET /api/session/status of a signed-in session that idles out `idleInSeconds` from now. */
function signedIn(session: SessionInfo, idleInSeconds = 1800, idleTimeoutSeconds = 1800) {
  const now = Date.now();
  return {
    signedIn: true,
    session,
    serverTime: new Date(now).toISOString(),
    idleExpiresAt: new Date(now + idleInSeconds * 1000).toISOString(),
    absoluteExpiresAt: new Date(now + 12 * 3_600_000).toISOString(),
    idleTimeoutSeconds,
  };
}

const activeNone = { body: { jobs: [], recent: [], updatedAt: '2026-11-01T00:00:00Z' } };

// Routes are lazy chunks: the first render of each can take longer than the default wait on a busy machine.
const LOAD = { timeout: 10_000 };

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

  it('a first visit asks whether it is signed in without an error, and goes to the login page', async () => {
    stubEventSource();
    const { calls } = stubFetch({
      'GET /api/health': { body: health },
      'GET /api/session/status': { body: { signedIn: false, reason: 'none' } },
    });
    renderApp('/');
    expect(await screen.findByRole('heading', { name: 'Log in' }, LOAD)).toBeInTheDocument();
    expect(screen.getByLabelText('location')).toHaveTextContent(/^\/login$/);
    expect(calls.some((c) => c.path === '/api/session')).toBe(false);
  });

  it('an expired session returns to the login page, which says so, and after login back to where the user was', async () => {
    let loggedIn = false;
    stubEventSource();
    stubFetch({
      'GET /api/health': { body: health },
      'GET /api/session/status': () => ({
        body: loggedIn ? signedIn(support) : { signedIn: false, reason: 'expired' },
      }),
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
    expect(await screen.findByRole('heading', { name: 'Log in' }, LOAD)).toBeInTheDocument();
    expect(screen.getByLabelText('location')).toHaveTextContent('/login?next=%2Fbackups&ended=1');
    expect(screen.getByText('Your session ended')).toBeInTheDocument();

    const user = userEvent.setup({ delay: null });
    await user.type(screen.getByLabelText('User'), 'support');
    await user.type(screen.getByLabelText('Password'), 'pw');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    expect(
      await screen.findByRole('heading', { name: 'Backups in progress' }, LOAD),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('location')).toHaveTextContent(/^\/backups$/);
    for (const name of ['Tenants', 'Progress', 'History'])
      expect(screen.getByRole('link', { name })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Log out' })).toBeInTheDocument();
  });

  it('a read-only account sees the tenants without backup actions, and a note why', async () => {
    stubEventSource();
    stubFetch({
      'GET /api/health': { body: health },
      'GET /api/session/status': { body: signedIn(support) },
      'GET /api/tenants': { body: { tenants: [] } },
      'GET /api/backups/active': {
        body: { jobs: [], recent: [], updatedAt: '2026-11-01T00:00:00Z' },
      },
    });
    renderApp('/');
    expect(await screen.findByRole('heading', { name: 'Tenants' }, LOAD)).toBeInTheDocument();
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
      'GET /api/session/status': { body: signedIn({ ...support, user: 'root', canBackup: true }) },
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
      await screen.findByText(
        'Applies to all tenants. Select rows to back up only some.',
        {},
        LOAD,
      ),
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

  it('a session that times out mid-page lands on the login page with its tenant and user filled in', async () => {
    stubEventSource();
    stubFetch({
      'GET /api/health': { body: health },
      'GET /api/session/status': { body: signedIn(support) },
      'GET /api/tenants': {
        status: 401,
        body: errorBody('UNAUTHENTICATED', 'Your session has expired.', undefined, {
          variant: 'expired',
        }),
      },
      'GET /api/backups/active': activeNone,
    });
    renderApp('/');
    expect(await screen.findByText('Your session ended', {}, LOAD)).toBeInTheDocument();
    expect(screen.getByLabelText('User')).toHaveValue('support');
    expect(screen.getByLabelText('Tenant')).toHaveValue('sys');
    expect(screen.getByLabelText('Password')).toHaveValue('');
  });

  it('warns before the idle timeout, and "stay signed in" extends the session', async () => {
    stubEventSource();
    let extended = false;
    const { calls } = stubFetch({
      'GET /api/health': { body: health },
      'GET /api/session/status': () => ({
        body: extended ? signedIn(support) : signedIn(support, 50, 180),
      }),
      'GET /api/session': () => {
        extended = true;
        return { body: support };
      },
      'GET /api/tenants': { body: { tenants: [] } },
      'GET /api/backups/active': activeNone,
    });
    renderApp('/');
    const warning = await screen.findByText(
      /Your session ends in \d+s unless you continue/,
      {},
      LOAD,
    );
    expect(warning).toBeInTheDocument();
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'Stay signed in' }));
    await waitFor(() => expect(screen.queryByText(/Your session ends in/)).not.toBeInTheDocument());
    expect(calls.filter((c) => c.path === '/api/session')).toHaveLength(1);
  });
});
