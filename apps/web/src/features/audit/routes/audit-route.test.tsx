import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router';
import type { AuditEvent, AuditPage, AuditVerifyResult } from '@obconsole/contracts';
import { AuditRoute } from './audit-route';
import { errorBody, stubFetch } from '../../../test/fetch';
import { renderInApp } from '../../../test/render';

const event = (id: number, extra: Partial<AuditEvent> = {}): AuditEvent => ({
  id,
  seq: id,
  time: '2026-11-01T02:00:00.000Z',
  clusterId: 'obcluster-hz',
  actor: 'root@sys',
  action: 'backup_start',
  outcome: 'success',
  tenants: ['mysql_tenant'],
  clientAddress: '127.0.0.1',
  userAgent: 'vitest',
  requestId: `req-${id}`,
  errorCode: null,
  details: {
    sql: "ALTER SYSTEM SET BACKUP_ENCRYPTION_PASSWORD = '******';\nALTER SYSTEM BACKUP TENANT = mysql_tenant;",
    jobIds: [id * 10],
  },
  prevHash: `prev-${id}`.padEnd(64, '0'),
  hash: `hash-${id}`.padEnd(64, 'f'),
  ...extra,
});

const clusters = [
  { id: 'obcluster-hz', name: 'Hangzhou' },
  { id: 'obcluster-sh', name: 'Shanghai' },
];

function Where() {
  const l = useLocation();
  return <output aria-label="location">{l.pathname + l.search}</output>;
}

function renderAudit(route: string) {
  return renderInApp(
    <>
      <Where />
      <AuditRoute clusters={clusters} tenantNames={['mysql_tenant', 'oracle_tenant']} />
    </>,
    { route },
  );
}

describe('audit page', () => {
  it('sends the filters of its URL to the API and the CSV link, and writes a changed filter back to the URL', async () => {
    const { calls } = stubFetch({
      'GET /api/audit': { body: { events: [event(2)], nextCursor: null } satisfies AuditPage },
    });
    const user = userEvent.setup({ delay: null });
    renderAudit(
      '/audit?cluster=obcluster-hz&actor=root@sys&outcome=success&from=2026-11-01&bogus=1',
    );
    await screen.findByRole('button', { name: /Details of event 2$/ });
    const sent = new URLSearchParams(calls[0]!.search);
    expect(sent.get('cluster')).toBe('obcluster-hz');
    expect(sent.get('actor')).toBe('root@sys');
    expect(sent.get('outcome')).toBe('success');
    expect(sent.get('from')).toMatch(/^2026-1[01]-\d\dT\d\d:\d\d:00\.000Z$/);
    expect(sent.get('bogus')).toBeNull();
    expect(sent.get('action')).toBeNull();
    expect(screen.getByRole('button', { name: 'Export CSV' }).getAttribute('href')).toMatch(
      /^\/api\/audit\.csv\?cluster=obcluster-hz&actor=root%40sys&outcome=success&from=/,
    );
    expect(screen.getByRole('cell', { name: 'Backup started' })).toBeInTheDocument();

    await user.click(screen.getByLabelText('Action'));
    await user.click(await screen.findByTitle('Backup stopped'));
    await waitFor(() =>
      expect(screen.getByLabelText('location')).toHaveTextContent('action=backup_cancel'),
    );
    expect(screen.getByLabelText('location')).toHaveTextContent('actor=root%40sys');
    await waitFor(() =>
      expect(new URLSearchParams(calls.at(-1)!.search).get('action')).toBe('backup_cancel'),
    );
    expect(screen.getByRole('button', { name: 'Export CSV' }).getAttribute('href')).toContain(
      'action=backup_cancel',
    );

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(screen.getByLabelText('location')).toHaveTextContent(/^\/audit$/));
  });

  it('refuses an actor the API would reject, saying the format, and applies a good one on Enter', async () => {
    const { calls } = stubFetch({
      'GET /api/audit': { body: { events: [], nextCursor: null } satisfies AuditPage },
    });
    const user = userEvent.setup({ delay: null });
    renderAudit('/audit');
    await screen.findByText('No event matches these filters.');
    const actor = screen.getByLabelText('Actor');
    await user.type(actor, 'root sys{Enter}');
    expect(
      screen.getByText('Enter an actor as user@tenant, policy:<name> or system.'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('location')).toHaveTextContent(/^\/audit$/);
    await user.clear(actor);
    await user.type(actor, 'support@sys{Enter}');
    await waitFor(() =>
      expect(screen.getByLabelText('location')).toHaveTextContent('actor=support%40sys'),
    );
    await waitFor(() =>
      expect(new URLSearchParams(calls.at(-1)!.search).get('actor')).toBe('support@sys'),
    );
  });

  it('loads older events with the cursor of the last page, newest first, until none are left', async () => {
    const { calls } = stubFetch({
      'GET /api/audit': (req) => {
        const cursor = new URLSearchParams(req.search).get('cursor');
        const page: AuditPage = cursor
          ? { events: [event(1)], nextCursor: null }
          : { events: [event(3), event(2)], nextCursor: '2' };
        return { body: page };
      },
    });
    const user = userEvent.setup({ delay: null });
    renderAudit('/audit');
    await screen.findByRole('button', { name: /Details of event 3$/ });
    expect(screen.getByText('2 events shown')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByRole('button', { name: /Details of event 1$/ });
    expect(new URLSearchParams(calls.at(-1)!.search).get('cursor')).toBe('2');
    const rows = screen.getAllByRole('button', { name: /Details of event \d+$/ });
    expect(rows.map((r) => /event (\d+)$/.exec(r.textContent ?? '')?.[1])).toEqual(['3', '2', '1']);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(screen.getByText('All matching events are shown.')).toBeInTheDocument();
  });

  it('opens an event with every field, its SQL as recorded (password masked), its details as JSON and both hashes', async () => {
    stubFetch({
      'GET /api/audit': { body: { events: [event(5)], nextCursor: null } satisfies AuditPage },
    });
    const user = userEvent.setup({ delay: null });
    renderAudit('/audit');
    await user.click(await screen.findByRole('button', { name: /Details of event 5$/ }));
    const drawer = await screen.findByRole('dialog', { name: 'Audit event 5' });
    const d = within(drawer);
    expect(d.getByText('req-5')).toBeInTheDocument();
    expect(d.getByText('127.0.0.1')).toBeInTheDocument();
    expect(d.getByText('vitest')).toBeInTheDocument();
    expect(d.getByText('Hangzhou')).toBeInTheDocument();
    expect(d.getByLabelText('SQL as shown (password masked)')).toHaveTextContent(
      "BACKUP_ENCRYPTION_PASSWORD = '******'",
    );
    expect(d.getByLabelText('Details')).toHaveTextContent('"jobIds": [ 50 ]');
    expect(d.getByText(event(5).hash)).toBeInTheDocument();
    expect(d.getByText(event(5).prevHash)).toBeInTheDocument();
  });

  it('shows "not allowed" when the BFF answers 403 FORBIDDEN, with no table or export', async () => {
    stubFetch({
      'GET /api/audit': {
        status: 403,
        body: errorBody('FORBIDDEN', 'Your account may not read the audit trail.'),
      },
    });
    renderAudit('/audit');
    expect(await screen.findByRole('heading', { name: 'Not allowed', level: 1 })).toBeVisible();
    expect(screen.getByText(/Your account may not read the audit trail\. Sign in/)).toBeVisible();
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Export CSV' })).toBeNull();
  });

  it('verifies the chosen cluster’s chain and says how many events it checked', async () => {
    const ok: AuditVerifyResult = {
      ok: true,
      chains: [
        {
          clusterId: 'obcluster-hz',
          ok: true,
          checked: 42,
          anchorSeq: 0,
          headSeq: 42,
          firstBad: null,
        },
      ],
    };
    const { calls } = stubFetch({
      'GET /api/audit': { body: { events: [event(1)], nextCursor: null } satisfies AuditPage },
      'GET /api/audit/verify': { body: ok },
    });
    const user = userEvent.setup({ delay: null });
    renderAudit('/audit?cluster=obcluster-hz');
    await screen.findByRole('button', { name: /Details of event 1$/ });
    await user.click(screen.getByRole('button', { name: 'Verify the chain' }));
    const status = await screen.findByText('The chain is intact');
    expect(status.closest('[role="status"]')).toHaveTextContent(
      '42 events checked, none changed or missing.',
    );
    const call = calls.find((c) => c.path === '/api/audit/verify')!;
    expect(new URLSearchParams(call.search).get('cluster')).toBe('obcluster-hz');
  });

  it('names the first bad event of a broken chain, and the others as intact', async () => {
    const bad: AuditVerifyResult = {
      ok: false,
      chains: [
        {
          clusterId: 'obcluster-hz',
          ok: false,
          checked: 7,
          anchorSeq: 0,
          headSeq: 9,
          firstBad: { id: 17, seq: 7, reason: 'hash_mismatch', message: 'event 17 changed' },
        },
        {
          clusterId: 'obcluster-sh',
          ok: true,
          checked: 3,
          anchorSeq: 0,
          headSeq: 3,
          firstBad: null,
        },
      ],
    };
    const { calls } = stubFetch({
      'GET /api/audit': { body: { events: [event(1)], nextCursor: null } satisfies AuditPage },
      'GET /api/audit/verify': { body: bad },
    });
    const user = userEvent.setup({ delay: null });
    renderAudit('/audit');
    await screen.findByRole('button', { name: /Details of event 1$/ });
    await user.click(screen.getByRole('button', { name: 'Verify the chain' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The chain is broken');
    expect(alert).toHaveTextContent(
      'Hangzhou: the first event that does not match is event 17 (position 7): its content does not match its hash.',
    );
    expect(alert).toHaveTextContent('Shanghai: intact, 3 events checked.');
    const call = calls.find((c) => c.path === '/api/audit/verify')!;
    expect(call.search).toBe('');
  });
});
