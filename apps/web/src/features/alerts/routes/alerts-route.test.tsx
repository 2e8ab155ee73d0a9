import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AlertRule, Channel, Delivery, Incident, SessionInfo } from '@obconsole/contracts';
import { AlertsRoute } from './alerts-route';
import { errorBody, stubFetch } from '../../../test/fetch';
import { renderInApp, sysSession, TEST_CLUSTER } from '../../../test/render';

const base = `/api/clusters/${TEST_CLUSTER}/alerts`;

const failed: Incident = {
  id: 'inc-1',
  clusterId: TEST_CLUSTER,
  ruleId: 'rule-1',
  ruleName: 'failures to ops',
  kind: 'backup_failed',
  severity: 'critical',
  tenant: { id: 1002, name: 'mysql_tenant' },
  condition: {
    kind: 'backup_failed',
    job: {
      tenantId: 1002,
      jobId: 17,
      type: 'full',
      status: 'FAILED',
      result: -4009,
      comment: '',
      startTime: '2026-11-01T02:00:00.000Z',
      endTime: '2026-11-01T02:05:00.000Z',
    },
  },
  openedAt: '2026-11-01T02:05:02.000Z',
  resolvedAt: null,
};

const webhook: Channel = {
  id: 'ch-1',
  clusterId: TEST_CLUSTER,
  kind: 'webhook',
  name: 'ops hook',
  url: 'https://hooks.example.com/••••',
  hasSecret: true,
  to: null,
  language: 'en',
  createdAt: '2026-11-01T00:00:00.000Z',
};

const rule: AlertRule = {
  id: 'rule-1',
  clusterId: TEST_CLUSTER,
  kind: 'backup_slow',
  name: 'slow backups',
  tenants: 'all',
  params: { minutes: 90 },
  channels: ['ch-1'],
  severity: 'warning',
  enabled: true,
  mutedUntil: null,
  remindEveryMinutes: null,
};

/** Pastes a value into a field: typing it key by key costs seconds per field in jsdom. */
async function fill(user: ReturnType<typeof userEvent.setup>, el: HTMLElement, text: string) {
  await user.click(el);
  await user.paste(text);
}

const support: SessionInfo = { ...sysSession, user: 'support', canBackup: false };

function render(session: SessionInfo = sysSession, route = `/clusters/${TEST_CLUSTER}/alerts`) {
  return renderInApp(<AlertsRoute tenantNames={['mysql_tenant', 'oracle_tenant']} />, {
    session,
    route,
  });
}

const lists = (extra: Record<string, Parameters<typeof stubFetch>[0][string]> = {}) => ({
  [`GET ${base}/incidents`]: { body: { incidents: [failed] } },
  [`GET ${base}/rules`]: { body: { rules: [rule] } },
  [`GET ${base}/channels`]: { body: { channels: [webhook] } },
  [`GET ${base}/deliveries`]: { body: { deliveries: [] } },
  ...extra,
});

describe('alerts page', () => {
  it('shows a read-only account the incidents only: the failure in words and a link to its job, no rules, channels or changes', async () => {
    const { calls } = stubFetch(lists());
    render(support);
    const row = (await screen.findByText('failures to ops')).closest('tr')!;
    expect(
      within(row).getByText(
        'Full backup job 17 failed: Failed with OB_IO_ERROR (-4009): IO error. Reading or writing the backup destination failed; check that the destination is mounted and writable, then retry.',
      ),
    ).toBeInTheDocument();
    expect(
      within(row).getByRole('link', { name: 'Open job 17 of mysql_tenant in the history' }),
    ).toHaveAttribute('href', `/clusters/${TEST_CLUSTER}/history/1002/17`);
    expect(within(row).getByText('Still open')).toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: 'Rules' })).toBeNull();
    expect(screen.queryByRole('tab', { name: 'Channels' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Add a/ })).toBeNull();
    expect(calls.map((c) => c.path)).not.toContain(`${base}/rules`);
    expect(new URLSearchParams(calls[0]!.search).get('state')).toBe('open');
  });

  it('adds a DingTalk robot with its URL and signing secret, checking the access_token first and explaining the allow-list refusal at the URL', async () => {
    const posted: unknown[] = [];
    stubFetch(
      lists({
        [`POST ${base}/channels`]: (req) => {
          posted.push(req.body);
          return {
            status: 400,
            body: errorBody(
              'VALIDATION_FAILED',
              'The channel URL is refused: oapi.dingtalk.com is an internal address (10.0.0.8): alerts go there only when ALERTS_ALLOWED_HOSTS lists it.',
              undefined,
              { fields: 'url' },
            ),
          };
        },
      }),
    );
    const user = userEvent.setup({ delay: null });
    render(sysSession, `/clusters/${TEST_CLUSTER}/alerts?tab=channels`);
    await user.click(await screen.findByRole('button', { name: 'Add a channel' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a channel' });
    await user.click(within(dialog).getByLabelText('Kind'));
    await user.click(await screen.findByTitle('DingTalk robot'));
    await fill(user, within(dialog).getByLabelText('Name'), 'ops group');
    const url = within(dialog).getByLabelText('URL');
    await fill(user, url, 'https://oapi.dingtalk.com/robot/send');
    await fill(user, within(dialog).getByLabelText('Signing secret (加签)'), 'SECabc123');
    await user.click(within(dialog).getByRole('button', { name: 'Add channel' }));
    expect(
      await within(dialog).findByText(
        'A DingTalk robot’s URL contains access_token=…; copy it whole.',
      ),
    ).toBeInTheDocument();
    expect(posted).toEqual([]);

    await fill(user, url, '?access_token=tok123');
    await user.click(within(dialog).getByRole('button', { name: 'Add channel' }));
    expect(await within(dialog).findByText(/ask the console’s administrator/)).toHaveTextContent(
      'ALERTS_ALLOWED_HOSTS',
    );
    expect(posted).toEqual([
      {
        kind: 'dingtalk',
        name: 'ops group',
        language: 'en',
        url: 'https://oapi.dingtalk.com/robot/send?access_token=tok123',
        secret: 'SECabc123',
      },
    ]);
  });

  it('edits a channel without showing its secret: "set", an empty URL keeps the old one, and removing the secret sends null', async () => {
    const patched: unknown[] = [];
    stubFetch(
      lists({
        [`PATCH ${base}/channels/ch-1`]: (req) => {
          patched.push(req.body);
          return { body: { ...webhook, hasSecret: false } };
        },
      }),
    );
    const user = userEvent.setup({ delay: null });
    render(sysSession, `/clusters/${TEST_CLUSTER}/alerts?tab=channels`);
    const row = (await screen.findByText('ops hook')).closest('tr')!;
    expect(within(row).getByText('Set')).toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: 'Edit channel ops hook' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit channel ops hook' });
    expect(within(dialog).getByLabelText('URL')).toHaveValue('');
    expect(
      within(dialog).getByText(
        'Leave empty to keep the current URL (https://hooks.example.com/••••).',
      ),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('A secret is set. It is never shown.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Remove the secret' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(patched).toEqual([{ name: 'ops hook', language: 'en', secret: null }]),
    );
  });

  it('sends a test message and shows what the receiver answered: its status and body', async () => {
    const { calls } = stubFetch(
      lists({
        [`POST ${base}/channels/ch-1/test`]: {
          body: {
            at: '2026-11-01T03:00:00.000Z',
            ok: false,
            status: 403,
            error: 'the receiver answered 403',
            response: '{"errcode":310000,"errmsg":"sign not match"}',
          },
        },
      }),
    );
    const user = userEvent.setup({ delay: null });
    render(sysSession, `/clusters/${TEST_CLUSTER}/alerts?tab=channels`);
    await user.click(
      await screen.findByRole('button', { name: 'Send a test message to ops hook' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Test message to ops hook' });
    expect(
      await within(dialog).findByText('The receiver did not accept the test message.'),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('403')).toBeInTheDocument();
    expect(
      within(dialog).getByText('{"errcode":310000,"errmsg":"sign not match"}'),
    ).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual([
      `${base}/channels/ch-1/test`,
    ]);
  });

  it('adds a rule with its parameter, scope and channels, and shows the server’s 400 at the parameter’s field', async () => {
    const posted: unknown[] = [];
    stubFetch(
      lists({
        [`POST ${base}/rules`]: (req) => {
          posted.push(req.body);
          return {
            status: 400,
            body: errorBody(
              'VALIDATION_FAILED',
              'Invalid request: params.minutes: at most 10080 minutes',
              { issues: [{ path: 'params.minutes', message: 'at most 10080 minutes' }] },
              { fields: 'params.minutes' },
            ),
          };
        },
      }),
    );
    const user = userEvent.setup({ delay: null });
    render(sysSession, `/clusters/${TEST_CLUSTER}/alerts?tab=rules`);
    const slow = (await screen.findByText('slow backups')).closest('tr')!;
    expect(within(slow).getByText('A backup job runs longer than 90 minutes.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add a rule' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add an alert rule' });
    await fill(user, within(dialog).getByLabelText('Name'), 'very slow');
    await user.click(within(dialog).getByLabelText('Condition'));
    await user.click(await screen.findByTitle('Backup runs too long'));
    await user.click(within(dialog).getByRole('button', { name: 'Add rule' }));
    expect(await within(dialog).findByText('Fill in Longer than (minutes).')).toBeInTheDocument();
    await fill(user, within(dialog).getByLabelText('Longer than (minutes)'), '20000');
    await user.click(within(dialog).getByLabelText('Chosen tenants'));
    await user.click(within(dialog).getByLabelText('Choose tenants'));
    await user.click(await screen.findByTitle('oracle_tenant'));
    await user.click(within(dialog).getByLabelText('Send to channels'));
    await user.click(await screen.findByTitle('ops hook (Webhook)'));
    await user.click(within(dialog).getByRole('button', { name: 'Add rule' }));
    expect(await within(dialog).findByText('at most 10080 minutes')).toBeInTheDocument();
    expect(posted).toEqual([
      {
        kind: 'backup_slow',
        name: 'very slow',
        tenants: ['oracle_tenant'],
        params: { minutes: 20000 },
        channels: ['ch-1'],
        severity: 'critical',
        enabled: true,
        mutedUntil: null,
        remindEveryMinutes: null,
      },
    ]);
  });

  it('mutes a rule for an hour and opens a channel’s deliveries with their attempts and last error', async () => {
    const patched: { mutedUntil: string }[] = [];
    const delivery: Delivery = {
      at: '2026-11-01T02:05:03.000Z',
      channelId: 'ch-1',
      messageId: 'inc-1:opened',
      attempt: 2,
      ok: false,
      status: 503,
      error: 'the receiver answered 503',
      response: '',
    };
    const { calls } = stubFetch(
      lists({
        [`PATCH ${base}/rules/rule-1`]: (req) => {
          patched.push(req.body as { mutedUntil: string });
          return { body: { ...rule, mutedUntil: (req.body as { mutedUntil: string }).mutedUntil } };
        },
        [`GET ${base}/deliveries`]: { body: { deliveries: [delivery] } },
      }),
    );
    const user = userEvent.setup({ delay: null });
    render(sysSession, `/clusters/${TEST_CLUSTER}/alerts?tab=rules`);
    await user.click(await screen.findByRole('button', { name: 'Mute rule slow backups' }));
    await user.click(await screen.findByText('For 1 hour'));
    await waitFor(() => expect(patched).toHaveLength(1));
    const until = Date.parse(patched[0]!.mutedUntil) - Date.now();
    expect(until).toBeGreaterThan(50 * 60_000);
    expect(until).toBeLessThanOrEqual(60 * 60_000);

    await user.click(screen.getByRole('tab', { name: 'Channels' }));
    await user.click(await screen.findByRole('button', { name: 'Deliveries of ops hook' }));
    expect(await screen.findByText('the receiver answered 503')).toBeInTheDocument();
    const row = screen.getByText('inc-1:opened').closest('tr')!;
    expect(within(row).getByText('Failed')).toBeInTheDocument();
    expect(within(row).getByText('503')).toBeInTheDocument();
    const asked = calls.filter((c) => c.path === `${base}/deliveries`).at(-1)!;
    expect(new URLSearchParams(asked.search).get('channelId')).toBe('ch-1');
  });
});
