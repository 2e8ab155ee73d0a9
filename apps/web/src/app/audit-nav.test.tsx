import { beforeAll, describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import type { AuditPage } from '@obconsole/contracts';
import { errorBody, stubFetch } from '../test/fetch';
import { stubEventSource } from '../test/event-source';
import { LOAD, preloadRoutes, renderApp, signIns, support } from '../test/app';

const root = { ...support, user: 'root', canBackup: true };
const empty: AuditPage = { events: [], nextCursor: null };

describe('the audit page in the app', () => {
  beforeAll(async () => {
    await preloadRoutes();
    await import('./routes/audit-page');
  });

  it('an operator (sys with ALTER SYSTEM) finds Audit in the main navigation and the page at /audit', async () => {
    stubEventSource();
    stubFetch({
      ...signIns({ 'obcluster-hz': root, 'obcluster-sh': support }).routes,
      'GET /api/fleet/overview': { body: { serverTime: '2026-11-01T10:00:00.000Z', clusters: [] } },
      'GET /api/audit': { body: empty },
    });
    renderApp('/audit');
    expect(await screen.findByRole('heading', { name: 'Audit trail' }, LOAD)).toBeVisible();
    // Below 1200 px (the test window is 1024) the audit trail is under the navigation's "More",
    // which names the page it is on.
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const more = within(nav).getByRole('button', { name: /Audit/ });
    expect(more).toHaveAttribute('aria-current', 'page');
    fireEvent.click(more);
    expect(await screen.findByRole('link', { name: 'Audit' }, LOAD)).toHaveAttribute(
      'href',
      '/audit',
    );
    // Only the cluster whose sign-in may read the trail is offered as a filter.
    expect(screen.queryByLabelText('Cluster')).toBeNull();
  });

  it('the read-only support account has no Audit link, and a direct visit says it is not allowed', async () => {
    stubEventSource();
    stubFetch({
      ...signIns({ 'obcluster-hz': support, 'obcluster-sh': null }).routes,
      'GET /api/fleet/overview': { body: { serverTime: '2026-11-01T10:00:00.000Z', clusters: [] } },
      'GET /api/audit': {
        status: 403,
        body: errorBody('FORBIDDEN', 'Your account may not read the audit trail.'),
      },
    });
    renderApp('/audit');
    expect(await screen.findByRole('heading', { name: 'Not allowed' }, LOAD)).toBeVisible();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Audit' })).toBeNull();
    expect(within(nav).queryByRole('button', { name: /Audit/ })).toBeNull();
  });
});
