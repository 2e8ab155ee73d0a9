import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  POLICY_RUN_CODES,
  type Policy,
  type PolicyRun,
  type PolicyTimeline,
} from '@obconsole/contracts';
import { i18n } from '../../../i18n';
import { PoliciesRoute } from './policies-route';
import { PolicyDetailRoute } from './policy-detail-route';
import { errorBody, stubFetch } from '../../../test/fetch';
import { renderInApp, sysSession } from '../../../test/render';
import { support } from '../../../test/app';

const base = '/api/clusters/obcluster-hz/policies';

const run = (extra: Partial<PolicyRun> = {}): PolicyRun => ({
  id: 'r1',
  policyId: 'p1',
  slot: '2026-12-01T18:00:00.000Z',
  type: 'full',
  trigger: 'schedule',
  createdAt: '2026-12-01T18:00:01.000Z',
  tenants: [
    { tenant: 'mysql_tenant', outcome: 'started', jobId: 41 },
    {
      tenant: 'oracle_tenant',
      outcome: 'refused',
      code: 'LOG_ARCHIVE_NOT_DOING',
      reason: 'log archive is STOP',
    },
  ],
  ...extra,
});

const policy = (extra: Partial<Policy> = {}): Policy => ({
  id: 'p1',
  clusterId: 'obcluster-hz',
  name: 'nightly',
  tenants: 'all',
  full: { cron: '0 2 * * 0' },
  incremental: { cron: '0 2 * * *' },
  timeZone: 'Asia/Shanghai',
  plusArchivelog: false,
  description: '',
  encrypted: true,
  enabled: true,
  catchUpMinutes: 60,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  nextRuns: [{ at: '2026-12-05T18:00:00.000Z', type: 'full', local: '2026-12-06 02:00' }],
  lastRun: run(),
  ...extra,
});

const timeline: PolicyTimeline = {
  from: '2026-12-02T00:00:00.000Z',
  to: '2026-12-09T00:00:00.000Z',
  runs: [
    {
      at: '2026-12-05T18:00:00.000Z',
      type: 'full',
      local: '2026-12-06 02:00',
      policyId: 'p1',
      policyName: 'nightly',
      timeZone: 'Asia/Shanghai',
    },
  ],
};

const props = {
  tenantNames: ['mysql_tenant', 'oracle_tenant'],
  detailHref: (id: string) => `/clusters/obcluster-hz/policies/${id}`,
  jobHref: (tenant: string, jobId: number) =>
    `/clusters/obcluster-hz/history/1002/${jobId}?t=${tenant}`,
};

describe('policies page', () => {
  it('shows each policy with its schedule in words, next run, last run outcomes and actions', async () => {
    stubFetch({
      [`GET ${base}`]: { body: { policies: [policy()] } },
      [`GET ${base}/timeline`]: { body: timeline },
    });
    renderInApp(<PoliciesRoute unattended {...props} />);
    const row = (await screen.findByRole('link', { name: 'nightly' })).closest('tr')!;
    const r = within(row);
    expect(
      r.getByText('Full on Sundays at 02:00, incremental daily at 02:00, Asia/Shanghai'),
    ).toBeInTheDocument();
    expect(r.getByText('All tenants')).toBeInTheDocument();
    expect(r.getByText('Started')).toBeInTheDocument();
    expect(r.getByText('Refused')).toBeInTheDocument();
    expect(r.getByText('Enabled')).toBeInTheDocument();
    // One job started: "last run" links straight to it.
    expect(r.getByRole('link', { name: 'Jobs of the last run of nightly' })).toHaveAttribute(
      'href',
      '/clusters/obcluster-hz/history/1002/41?t=mysql_tenant',
    );
    for (const name of [
      'Edit policy nightly',
      'Pause policy nightly',
      'Run now: policy nightly',
      'Delete policy nightly',
    ])
      expect(r.getByRole('button', { name })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'New policy' })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'The next 7 days' })).toBeInTheDocument();
    expect(screen.queryByText(/no service account/)).not.toBeInTheDocument();
  });

  it('gives a read-only account the policies without any action', async () => {
    stubFetch({
      [`GET ${base}`]: { body: { policies: [policy()] } },
      [`GET ${base}/timeline`]: { body: timeline },
    });
    renderInApp(<PoliciesRoute unattended {...props} />, { session: support });
    await screen.findByRole('link', { name: 'nightly' });
    expect(screen.queryByRole('button', { name: /policy nightly/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New policy' })).not.toBeInTheDocument();
    expect(screen.getByText(/does not hold ALTER SYSTEM/)).toBeInTheDocument();
  });

  it('without a service account says how to configure one and cannot resume a paused policy', async () => {
    stubFetch({
      [`GET ${base}`]: { body: { policies: [policy({ enabled: false })] } },
      [`GET ${base}/timeline`]: { body: { ...timeline, runs: [] } },
    });
    renderInApp(<PoliciesRoute unattended={false} {...props} />);
    expect(
      await screen.findByText('This cluster has no service account, so policies cannot run'),
    ).toBeInTheDocument();
    expect(screen.getByText(/OB_SERVICE_USER=console@sys/)).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Resume policy nightly' })).toBeDisabled();
  });

  it('creates a policy from the pickers, previews its next 10 runs, and shows a refused field where it belongs', async () => {
    const { calls } = stubFetch({
      [`GET ${base}`]: { body: { policies: [] } },
      [`GET ${base}/timeline`]: { body: { ...timeline, runs: [] } },
      [`POST ${base}`]: {
        status: 400,
        body: errorBody(
          'VALIDATION_FAILED',
          'Invalid request: name: a policy named "nightly" exists',
          {
            issues: [
              { path: 'name', message: 'a policy named "nightly" already exists in this cluster' },
            ],
          },
        ),
      },
    });
    const user = userEvent.setup({ delay: null });
    renderInApp(<PoliciesRoute unattended {...props} />);
    await user.click(await screen.findByRole('button', { name: 'New policy' }));
    const dialog = await screen.findByRole('dialog');
    const d = within(dialog);
    await user.type(d.getByLabelText('Policy name'), 'nightly');
    // Weekly on Sunday at 02:00 by default; make the incremental daily at 03:15.
    const inc = d.getByRole('group', { name: 'Incremental backup schedule' });
    await user.click(within(inc).getByRole('radio', { name: 'Daily' }));
    const time = within(inc).getByLabelText('At');
    await user.clear(time);
    await user.type(time, '03:15');
    const preview = d.getByRole('region', { name: 'The next 10 runs' });
    await waitFor(() => expect(within(preview).getAllByRole('listitem')).toHaveLength(10));
    expect(within(preview).getAllByText(/ 03:15 /).length).toBeGreaterThan(0);

    await user.click(d.getByRole('button', { name: 'Create policy' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const sent = calls.find((c) => c.method === 'POST')!.body as Record<string, unknown>;
    expect(sent).toMatchObject({
      name: 'nightly',
      tenants: 'all',
      full: { cron: '0 2 * * 0' },
      incremental: { cron: '15 3 * * *' },
      enabled: true,
    });
    expect(sent).not.toHaveProperty('encryptionPassword');
    expect(
      await d.findByText('a policy named "nightly" already exists in this cluster'),
    ).toBeInTheDocument();
    expect(d.getByLabelText('Policy name')).toHaveAttribute('aria-invalid', 'true');
  });

  it('refuses to save without a full schedule, naming the field, and sends nothing', async () => {
    const { calls } = stubFetch({
      [`GET ${base}`]: { body: { policies: [] } },
      [`GET ${base}/timeline`]: { body: { ...timeline, runs: [] } },
    });
    const user = userEvent.setup({ delay: null });
    renderInApp(<PoliciesRoute unattended {...props} />);
    await user.click(await screen.findByRole('button', { name: 'New policy' }));
    const d = within(await screen.findByRole('dialog'));
    await user.type(d.getByLabelText('Policy name'), 'x');
    const full = d.getByRole('group', { name: 'Full backup schedule' });
    await user.click(within(full).getByRole('radio', { name: 'Cron' }));
    const line = within(full).getByLabelText('Full backup schedule: cron line');
    await user.clear(line);
    await user.type(line, '0 2 * *');
    expect(
      await d.findByText(/The whole line field of this schedule is not valid/),
    ).toBeInTheDocument();
    expect(d.getByText('Complete the schedules to see the next runs.')).toBeInTheDocument();
    await user.clear(line);
    await user.click(d.getByRole('button', { name: 'Create policy' }));
    expect(
      await d.findByText('A policy needs a full backup schedule: write a cron line.'),
    ).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('changes an encrypted policy without ever sending its password unless asked, and removes it with null', async () => {
    const { calls } = stubFetch({
      [`GET ${base}`]: { body: { policies: [policy()] } },
      [`GET ${base}/timeline`]: { body: timeline },
      [`PATCH ${base}/p1`]: { body: policy({ encrypted: false }) },
    });
    const user = userEvent.setup({ delay: null });
    renderInApp(<PoliciesRoute unattended {...props} />);
    await user.click(await screen.findByRole('button', { name: 'Edit policy nightly' }));
    const d = within(await screen.findByRole('dialog'));
    expect(d.getByText('A backup password is set. It is never shown.')).toBeInTheDocument();
    await user.click(d.getByRole('radio', { name: 'Remove it' }));
    await user.click(d.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(calls.find((c) => c.method === 'PATCH')!.body).toMatchObject({
      name: 'nightly',
      full: { cron: '0 2 * * 0' },
      encryptionPassword: null,
    });
  });
});

describe('policy detail', () => {
  const renderDetail = () =>
    renderInApp(
      <PolicyDetailRoute
        policyId="p1"
        unattended
        listHref="/clusters/obcluster-hz/policies"
        {...props}
      />,
      { session: sysSession },
    );

  it('shows each run with every tenant outcome, and pages back by cursor', async () => {
    const { calls } = stubFetch({
      [`GET ${base}/p1`]: { body: policy() },
      [`GET ${base}/p1/runs`]: (req) =>
        new URLSearchParams(req.search).get('cursor') === 'c2'
          ? {
              body: {
                runs: [run({ id: 'r0', tenants: [{ tenant: 'mysql_tenant', outcome: 'missed' }] })],
                nextCursor: null,
              },
            }
          : {
              body: {
                runs: [
                  run({
                    id: 'r2',
                    type: 'incremental',
                    tenants: [
                      {
                        tenant: 'mysql_tenant',
                        outcome: 'skipped',
                        jobId: 40,
                        code: 'BACKUP_IN_PROGRESS',
                      },
                      {
                        tenant: 'oracle_tenant',
                        outcome: 'promoted',
                        jobId: 42,
                        code: 'NO_FULL_BACKUP',
                      },
                    ],
                  }),
                  run(),
                ],
                nextCursor: 'c2',
              },
            },
    });
    const user = userEvent.setup({ delay: null });
    renderDetail();
    expect(await screen.findByRole('heading', { level: 1, name: /nightly/ })).toBeInTheDocument();
    expect(screen.getByText('Set (never shown)')).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'running job 40' })).toBeInTheDocument();
    expect(screen.getByText('a backup of this tenant was already running')).toBeInTheDocument();
    expect(screen.getAllByText('Run as full').length).toBeGreaterThan(0);
    expect(screen.getByRole('link', { name: 'Job 41' })).toHaveAttribute(
      'href',
      '/clusters/obcluster-hz/history/1002/41?t=mysql_tenant',
    );
    expect(screen.getByText('log archiving is not running (DOING)')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect((await screen.findAllByText('Missed')).length).toBeGreaterThan(0);
    expect(
      calls
        .filter((c) => c.path.endsWith('/runs'))
        .map((c) => new URLSearchParams(c.search).get('cursor')),
    ).toEqual([null, 'c2']);
    expect(screen.getByText('All runs are shown.')).toBeInTheDocument();
  });

  it('explains the outcomes the console records itself, a missed slot and an interrupted run, in its own words in both languages', async () => {
    stubFetch({
      [`GET ${base}/p1`]: { body: policy() },
      [`GET ${base}/p1/runs`]: {
        body: {
          runs: [
            run({
              tenants: [
                {
                  tenant: 'mysql_tenant',
                  outcome: 'missed',
                  code: POLICY_RUN_CODES.interrupted,
                  reason: 'server text',
                },
                {
                  tenant: 'oracle_tenant',
                  outcome: 'missed',
                  code: POLICY_RUN_CODES.missed,
                  reason: 'server text',
                },
              ],
            }),
          ],
          nextCursor: null,
        },
      },
    });
    renderDetail();
    expect(
      await screen.findByText(/stopped before it recorded the outcome: a backup may have started/),
    ).toBeInTheDocument();
    expect(screen.getByText(/not running at the slot/)).toBeInTheDocument();
    expect(screen.queryByText('server text')).not.toBeInTheDocument();
    for (const code of Object.values(POLICY_RUN_CODES))
      for (const lng of ['en', 'zh-CN'])
        expect(i18n.exists(`policies.reason.${code}`, { lng }), `${code} in ${lng}`).toBe(true);
  });
});
