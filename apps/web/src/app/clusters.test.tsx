import { beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { FleetHistoryItem, FleetOverview, FleetTenant } from '@obconsole/contracts';
import { errorBody, stubFetch } from '../test/fetch';
import { stubEventSource } from '../test/event-source';
import { LOAD, activeNone, preloadRoutes, renderApp, signIns, support } from '../test/app';

const root = { ...support, user: 'root', canBackup: true };
const trader = { ...support, user: 'trade_admin', tenant: 'trade_tenant', tenantId: 1002 };

const fleetTenant = (tenantId: number, name: string, extra: Partial<FleetTenant> = {}) =>
  ({
    tenantId,
    name,
    mode: 'MYSQL',
    lastSuccessfulFull: {
      jobId: 7,
      backupSetId: 7,
      status: 'COMPLETED',
      startTime: '2026-11-01T06:00:00.000000Z',
      endTime: '2026-11-01T07:00:00.000000Z',
      outputBytes: 1024,
    },
    lastSuccessfulIncremental: null,
    running: 0,
    archiveStatus: 'DOING',
    failuresLast7Days: 0,
    ...extra,
  }) satisfies FleetTenant;

const overview: FleetOverview = {
  serverTime: '2026-11-01T10:00:00.000Z',
  clusters: [
    {
      state: 'ok',
      clusterId: 'obcluster-hz',
      name: 'obcluster-hz (name)',
      tenants: [
        fleetTenant(1002, 'mysql_tenant', { running: 1, failuresLast7Days: 2 }),
        fleetTenant(1004, 'oracle_tenant', { mode: 'ORACLE', lastSuccessfulFull: null }),
      ],
    },
    {
      state: 'unavailable',
      clusterId: 'obcluster-sh',
      name: 'obcluster-sh (name)',
      code: 'DATABASE_UNAVAILABLE',
      message: 'The database cannot be reached right now. Try again in a moment.',
    },
  ],
};

const row = (clusterId: string, tenantName: string, jobId: number): FleetHistoryItem => ({
  clusterId,
  tenantId: 1002,
  tenantName,
  jobId,
  backupSetId: jobId,
  level: 'USER_TENANT',
  type: 'full',
  status: 'COMPLETED',
  initiator: 'TENANT',
  plusArchivelog: false,
  encryptionMode: 'NONE',
  description: '',
  startTime: '2026-11-01T02:00:00.000000Z',
  endTime: '2026-11-01T02:01:00.000000Z',
  elapsedSeconds: 60,
  outputBytes: 1024,
  minRestoreScnDisplay: null,
  result: 0,
  comment: '',
  path: 'file:///backup',
  startedBy: { kind: 'outside' },
});

describe('several clusters', () => {
  beforeAll(preloadRoutes);

  it("the fleet overview shows each signed-in cluster's tenants, and a cluster that could not be read with its error, the others still shown", async () => {
    stubEventSource();
    stubFetch({
      ...signIns({ 'obcluster-hz': root, 'obcluster-sh': trader }).routes,
      'GET /api/fleet/overview': { body: overview },
    });
    renderApp('/');
    expect(await screen.findByRole('heading', { name: 'Fleet overview' }, LOAD)).toBeVisible();
    const hz = await screen.findByRole('region', { name: 'obcluster-hz (name)' });
    expect(within(hz).getByText('Signed in as root@sys')).toBeVisible();
    const mysql = within(hz).getByRole('row', { name: /mysql_tenant/ });
    // Age counts from the server's clock: 10:00 on the server, the backup ended at 07:00.
    expect(mysql).toHaveTextContent('3 h ago');
    expect(mysql).toHaveTextContent('Archiving');
    expect(within(mysql).getByRole('link', { name: /2 failed/ })).toHaveAttribute(
      'href',
      '/clusters/obcluster-hz/history?tenant=mysql_tenant&status=FAILED',
    );
    expect(within(mysql).getByRole('link', { name: /Progress of obcluster-hz/ })).toHaveAttribute(
      'href',
      '/clusters/obcluster-hz/backups',
    );
    expect(within(hz).getByRole('row', { name: /oracle_tenant/ })).toHaveTextContent(
      'Never backed up',
    );
    expect(
      within(hz).getByRole('link', { name: 'Tenants of obcluster-hz (name)' }),
    ).toHaveAttribute('href', '/clusters/obcluster-hz');

    const sh = screen.getByRole('region', { name: 'obcluster-sh (name)' });
    const alert = within(sh).getByRole('alert');
    expect(alert).toHaveTextContent('obcluster-sh (name) could not be read');
    expect(alert).toHaveTextContent('The database cannot be reached right now.');
  });

  it('the switcher lists the signed-in clusters with their accounts and opens the same page of the chosen one', async () => {
    stubEventSource();
    stubFetch({
      ...signIns({ 'obcluster-hz': root, 'obcluster-sh': trader, 'obcluster-bj': null }).routes,
      'GET /api/clusters/obcluster-hz/backups/active': activeNone,
      'GET /api/clusters/obcluster-sh/backups/active': activeNone,
    });
    const user = userEvent.setup({ delay: null });
    renderApp('/clusters/obcluster-hz/backups');
    expect(await screen.findByRole('heading', { name: 'Backups in progress' }, LOAD)).toBeVisible();
    await user.click(screen.getByRole('combobox', { name: 'Current cluster' }));
    const options = [...document.querySelectorAll('.ant-select-item-option')].map(
      (o) => o.textContent,
    );
    // Not signed in to obcluster-bj: not offered here (the sign-in menu is for that).
    expect(options).toEqual([
      'obcluster-hz (name) · root@sys',
      'obcluster-sh (name) · trade_admin@trade_tenant',
    ]);
    const sh = [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')][1]!;
    await user.click(sh);
    await waitFor(() =>
      expect(screen.getByLabelText('location')).toHaveTextContent(
        /^\/clusters\/obcluster-sh\/backups$/,
      ),
    );
    expect(screen.getByText('trade_admin@trade_tenant')).toBeVisible();
  });

  it('signing out of one cluster keeps the other, and leaves the pages of the one signed out of', async () => {
    stubEventSource();
    const bff = signIns({ 'obcluster-hz': root, 'obcluster-sh': trader });
    const { calls } = stubFetch({
      ...bff.routes,
      'GET /api/clusters/obcluster-sh/tenants': { body: { tenants: [] } },
      'GET /api/clusters/obcluster-sh/backups/active': activeNone,
      'DELETE /api/clusters/obcluster-sh/session': () => {
        bff.state['obcluster-sh'] = null;
        return { status: 204 };
      },
      'GET /api/fleet/overview': { body: { ...overview, clusters: [overview.clusters[0]!] } },
    });
    const user = userEvent.setup({ delay: null });
    renderApp('/clusters/obcluster-sh');
    expect(await screen.findByRole('heading', { name: 'Tenants' }, LOAD)).toBeVisible();
    await user.click(screen.getByRole('button', { name: /Sign-ins/ }));
    expect(await screen.findByRole('menuitem', { name: 'Sign out of all clusters' })).toBeVisible();
    await user.click(screen.getByRole('menuitem', { name: 'Sign out of obcluster-sh (name)' }));
    expect(await screen.findByRole('heading', { name: 'Fleet overview' }, LOAD)).toBeVisible();
    expect(screen.getByLabelText('location')).toHaveTextContent(/^\/$/);
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual([
      '/api/clusters/obcluster-sh/session',
    ]);
    // Still signed in to the other one; the menu now offers to sign in to the one left.
    await user.click(screen.getByRole('button', { name: /Sign-ins/ }));
    expect(
      await screen.findByRole('menuitem', { name: 'Sign out of obcluster-hz (name)' }),
    ).toBeVisible();
    expect(screen.getByRole('menuitem', { name: 'Sign in to another cluster' })).toBeVisible();
  });

  it('an old one-cluster link opens the same page of the first signed-in cluster; an unknown cluster says so', async () => {
    stubEventSource();
    stubFetch({
      ...signIns({ 'obcluster-hz': null, 'obcluster-sh': trader }).routes,
      'GET /api/clusters/obcluster-sh/backups/history': {
        body: { items: [], nextCursor: null, total: 0 },
      },
      'GET /api/clusters/obcluster-sh/tenants': { body: { tenants: [] } },
      'GET /api/clusters/obcluster-sh/backups/active': activeNone,
    });
    renderApp('/history?status=FAILED');
    expect(await screen.findByRole('heading', { name: 'Backup history' }, LOAD)).toBeVisible();
    expect(screen.getByLabelText('location')).toHaveTextContent(
      /^\/clusters\/obcluster-sh\/history\?status=FAILED$/,
    );
  });

  it('a cluster the console does not have is a clear not-found page', async () => {
    stubEventSource();
    stubFetch(signIns({ 'obcluster-hz': root, 'obcluster-sh': null }).routes);
    renderApp('/clusters/nope');
    expect(await screen.findByRole('heading', { name: 'No such cluster' }, LOAD)).toBeVisible();
    expect(screen.getByText(/This console has no cluster "nope"/)).toBeVisible();
  });

  it('the fleet history lists rows of both clusters with their cluster, links each to its own cluster, and filters by cluster in the URL and the query', async () => {
    stubEventSource();
    const { calls } = stubFetch({
      ...signIns({ 'obcluster-hz': root, 'obcluster-sh': trader }).routes,
      'GET /api/fleet/overview': { body: overview },
      'GET /api/fleet/history': (req) => {
        const only = new URLSearchParams(req.search).get('clusters');
        const items = [
          row('obcluster-hz', 'mysql_tenant', 5),
          row('obcluster-sh', 'trade_tenant', 5),
        ];
        const shown = only ? items.filter((i) => i.clusterId === only) : items;
        return {
          body: {
            items: shown,
            nextCursor: null,
            total: shown.length,
            unavailable: only
              ? []
              : [{ clusterId: 'obcluster-sh', code: 'INTERNAL', message: 'partial' }],
          },
        };
      },
    });
    const user = userEvent.setup({ delay: null });
    renderApp('/fleet/history?status=COMPLETED');
    expect(await screen.findByRole('heading', { name: 'Fleet history' }, LOAD)).toBeVisible();
    const table = await screen.findByRole('table');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
    // Same tenant id and job id in both clusters: two rows, each with its cluster and its link.
    const hzRow = within(table).getByRole('row', { name: /mysql_tenant/ });
    expect(hzRow).toHaveTextContent('obcluster-hz (name)');
    expect(within(hzRow).getByRole('link')).toHaveAttribute(
      'href',
      '/clusters/obcluster-hz/history/1002/5',
    );
    const shRow = within(table).getByRole('row', { name: /trade_tenant/ });
    expect(shRow).toHaveTextContent('obcluster-sh (name)');
    expect(within(shRow).getByRole('link')).toHaveAttribute(
      'href',
      '/clusters/obcluster-sh/history/1002/5',
    );
    expect(screen.getByRole('alert')).toHaveTextContent('obcluster-sh (name) was not searched');
    expect(screen.getByRole('button', { name: 'Export CSV' }).getAttribute('href')).toBe(
      '/api/fleet/history.csv?status=COMPLETED',
    );

    await user.click(screen.getByLabelText('Clusters'));
    const hzOption = [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')].find(
      (o) => o.textContent === 'obcluster-hz (name)',
    )!;
    await user.click(hzOption);
    await waitFor(() =>
      expect(screen.getByLabelText('location')).toHaveTextContent(
        '/fleet/history?status=COMPLETED&clusters=obcluster-hz',
      ),
    );
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(calls.at(-1)?.search).toContain('clusters=obcluster-hz');
    expect(screen.getByRole('button', { name: 'Export CSV' }).getAttribute('href')).toBe(
      '/api/fleet/history.csv?status=COMPLETED&clusters=obcluster-hz',
    );
  });

  it('a failing fleet search says why, in the page, with a retry', async () => {
    stubEventSource();
    stubFetch({
      ...signIns({ 'obcluster-hz': root, 'obcluster-sh': trader }).routes,
      'GET /api/fleet/overview': { body: overview },
      'GET /api/fleet/history': {
        status: 400,
        body: errorBody('VALIDATION_FAILED', '"from" must not be after "to"'),
      },
    });
    renderApp('/fleet/history');
    const alert = await screen.findByRole('alert', {}, LOAD);
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeVisible();
  });
});
