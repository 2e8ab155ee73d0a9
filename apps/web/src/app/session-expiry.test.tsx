import { beforeAll, describe, expect, it } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Tenant } from '@obconsole/contracts';
import { errorBody, stubFetch } from '../test/fetch';
import { sessionKeys } from '../features/session/api';
import { nextStatusCheckMs } from './layout';
import { stubEventSource } from '../test/event-source';
import {
  LOAD,
  activeNone,
  preloadRoutes,
  renderApp,
  signIns,
  signedIn,
  support,
} from '../test/app';

const HZ = '/api/clusters/obcluster-hz';

describe('session', () => {
  beforeAll(preloadRoutes);

  it('a first visit asks who is signed in without an error, and goes to the login page', async () => {
    stubEventSource();
    const { calls } = stubFetch(signIns({ 'obcluster-hz': null, 'obcluster-sh': null }).routes);
    renderApp('/');
    expect(await screen.findByRole('heading', { name: 'Log in' }, LOAD)).toBeInTheDocument();
    expect(screen.getByLabelText('location')).toHaveTextContent(/^\/login$/);
    expect(calls.some((c) => c.method !== 'GET')).toBe(false);
  });

  it("an expired sign-in returns to that cluster's login page, which names it, and after login back to where the user was", async () => {
    stubEventSource();
    const bff = signIns({ 'obcluster-hz': 'expired', 'obcluster-sh': null });
    stubFetch({
      ...bff.routes,
      [`POST ${HZ}/session`]: () => {
        bff.state['obcluster-hz'] = support;
        return { body: support };
      },
      [`GET ${HZ}/tenants`]: { body: { tenants: [] } },
      [`GET ${HZ}/backups/active`]: activeNone,
    });
    renderApp('/clusters/obcluster-hz/backups');
    expect(await screen.findByRole('heading', { name: 'Log in' }, LOAD)).toBeInTheDocument();
    expect(screen.getByLabelText('location')).toHaveTextContent(
      '/login?cluster=obcluster-hz&next=%2Fclusters%2Fobcluster-hz%2Fbackups&ended=1',
    );
    expect(screen.getByText('Your session on obcluster-hz (name) ended')).toBeInTheDocument();

    const user = userEvent.setup({ delay: null });
    await user.type(screen.getByLabelText('User'), 'support');
    await user.type(screen.getByLabelText('Password'), 'pw');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    expect(
      await screen.findByRole('heading', { name: 'Backups in progress' }, LOAD),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('location')).toHaveTextContent(
      /^\/clusters\/obcluster-hz\/backups$/,
    );
    for (const name of ['Tenants', 'Progress', 'History', 'Fleet', 'Fleet history'])
      expect(screen.getByRole('link', { name })).toBeInTheDocument();
  });

  it('a read-only account sees the tenants without backup actions, and a note why', async () => {
    stubEventSource();
    stubFetch({
      ...signIns({ 'obcluster-hz': support }).routes,
      [`GET ${HZ}/tenants`]: { body: { tenants: [] } },
      [`GET ${HZ}/backups/active`]: activeNone,
    });
    // One cluster configured: "/" is its tenants page.
    renderApp('/');
    expect(await screen.findByRole('heading', { name: 'Tenants' }, LOAD)).toBeInTheDocument();
    expect(screen.getByLabelText('location')).toHaveTextContent(/^\/clusters\/obcluster-hz$/);
    expect(await screen.findByText(/does not hold the ALTER SYSTEM privilege/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Full backup' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Incremental backup' })).not.toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByText('No tenant is visible to this account.')).toBeInTheDocument(),
    );
    // One cluster: the plain "Log out", no fleet pages, no switcher.
    expect(screen.getByRole('button', { name: 'Log out' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Fleet' })).not.toBeInTheDocument();
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
      ...signIns({ 'obcluster-hz': { ...support, user: 'root', canBackup: true } }).routes,
      [`GET ${HZ}/tenants`]: {
        body: { tenants: [tenant(1002, 'mysql_tenant'), tenant(1004, 'ora_tenant')] },
      },
      [`GET ${HZ}/backups/active`]: activeNone,
    });
    const user = userEvent.setup({ delay: null });
    renderApp('/clusters/obcluster-hz');
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

  it("a sign-in that times out mid-page lands on its cluster's login page with its tenant and user filled in", async () => {
    stubEventSource();
    stubFetch({
      ...signIns({ 'obcluster-hz': support, 'obcluster-sh': null }).routes,
      [`GET ${HZ}/tenants`]: {
        status: 401,
        body: errorBody('UNAUTHENTICATED', 'Your session has expired.', undefined, {
          variant: 'expired',
        }),
      },
      [`GET ${HZ}/backups/active`]: activeNone,
    });
    renderApp('/clusters/obcluster-hz');
    expect(
      await screen.findByText('Your session on obcluster-hz (name) ended', {}, LOAD),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('location')).toHaveTextContent('cluster=obcluster-hz');
    expect(screen.getByLabelText('User')).toHaveValue('support');
    expect(screen.getByLabelText('Tenant')).toHaveValue('sys');
    expect(screen.getByLabelText('Password')).toHaveValue('');
  });

  it("one cluster's sign-in ending while the user is on another cluster's pages keeps them there and says which ended", async () => {
    stubEventSource();
    const bff = signIns({ 'obcluster-hz': support, 'obcluster-sh': support });
    stubFetch({
      ...bff.routes,
      [`GET ${HZ}/tenants`]: { body: { tenants: [] } },
      [`GET ${HZ}/backups/active`]: activeNone,
    });
    const qc = renderApp('/clusters/obcluster-hz');
    expect(await screen.findByRole('heading', { name: 'Tenants' }, LOAD)).toBeInTheDocument();
    await waitFor(() =>
      expect(qc.getQueryData(sessionKeys.status('obcluster-sh'))).toMatchObject({ signedIn: true }),
    );
    bff.state['obcluster-sh'] = 'expired';
    // What the layout's timer does at that sign-in's deadline (nextStatusCheckMs, tested below).
    await act(() => qc.invalidateQueries({ queryKey: sessionKeys.status('obcluster-sh') }));
    expect(
      await screen.findByText('Your session on obcluster-sh (name) ended'),
    ).toBeInTheDocument();
    // Still here, on the other cluster's page.
    expect(screen.getByLabelText('location')).toHaveTextContent(/^\/clusters\/obcluster-hz$/);
    expect(screen.getByRole('heading', { name: 'Tenants' })).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Log in to obcluster-sh (name)' }).getAttribute('href'),
    ).toBe('/login?cluster=obcluster-sh&ended=1');
  });

  it('warns before the idle timeout, naming the cluster, and "stay signed in" extends that sign-in', async () => {
    stubEventSource();
    let extended = false;
    const { calls } = stubFetch({
      ...signIns({ 'obcluster-hz': support }).routes,
      [`GET ${HZ}/session/status`]: () => ({
        body: extended ? signedIn(support) : signedIn(support, 50, 180),
      }),
      [`GET ${HZ}/session`]: () => {
        extended = true;
        return { body: support };
      },
      [`GET ${HZ}/tenants`]: { body: { tenants: [] } },
      [`GET ${HZ}/backups/active`]: activeNone,
    });
    renderApp('/clusters/obcluster-hz');
    const warning = await screen.findByText(
      /^obcluster-hz \(name\): your session ends in \d+s unless you continue/,
      {},
      LOAD,
    );
    expect(warning).toBeInTheDocument();
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'Stay signed in' }));
    await waitFor(() => expect(screen.queryByText(/your session ends in/)).not.toBeInTheDocument());
    expect(calls.filter((c) => c.path === `${HZ}/session`)).toHaveLength(1);
  });

  it("another cluster's status is asked again just after its deadline, at most every 5 s, and not once it ended", () => {
    const now = Date.parse('2026-11-01T08:00:00Z');
    const status = (idleAt: string, absoluteAt: string, serverTime = '2026-11-01T08:00:00Z') =>
      ({
        signedIn: true,
        session: support,
        serverTime,
        idleExpiresAt: idleAt,
        absoluteExpiresAt: absoluteAt,
        idleTimeoutSeconds: 1800,
      }) as const;
    expect(
      nextStatusCheckMs(status('2026-11-01T08:10:00Z', '2026-11-01T20:00:00Z'), now, now),
    ).toBe(601_000);
    // The absolute end first, two minutes away on the server's clock (60 s behind ours).
    expect(
      nextStatusCheckMs(
        status('2026-11-01T09:00:00Z', '2026-11-01T08:01:00Z', '2026-11-01T07:59:00Z'),
        now,
        now,
      ),
    ).toBe(121_000);
    expect(
      nextStatusCheckMs(status('2026-11-01T07:00:00Z', '2026-11-01T20:00:00Z'), now, now),
    ).toBe(5_000);
    expect(nextStatusCheckMs({ signedIn: false, reason: 'expired' }, now, now)).toBe(false);
  });
});
