import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  BackupType,
  PreviewRequest,
  PreviewResponse,
  StartBackupResponse,
} from '@obconsole/contracts';
import { StartBackupDialog } from './start-backup-dialog';
import { errorBody, stubFetch, type RecordedRequest } from '../../../test/fetch';
import { renderInApp, sysSession } from '../../../test/render';

const SECRET = 'S3cret-Pa55!';

function preview(req: PreviewRequest): PreviewResponse {
  const incremental = req.type === 'incremental';
  return {
    type: req.type,
    canStart: !incremental,
    tenants: [
      {
        tenantId: 1002,
        tenantName: 'mysql_tenant',
        action: incremental ? 'refuse' : 'backup',
        destination: 'file:///data/backup/mysql_tenant/data',
        checks: [
          { code: 'LOG_ARCHIVE_NOT_DOING', ok: true, message: 'log archiving is DOING' },
          incremental
            ? {
                code: 'NO_FULL_BACKUP',
                ok: false,
                message: 'mysql_tenant has no completed full backup',
              }
            : { code: 'NO_FULL_BACKUP', ok: true, message: 'not needed for a full backup' },
        ],
        ...(incremental
          ? {
              reason: {
                code: 'NO_FULL_BACKUP',
                ok: false,
                message: 'mysql_tenant has no completed full backup',
              },
            }
          : {}),
      },
      {
        tenantId: 1004,
        tenantName: 'ora_tenant',
        action: 'skip',
        destination: null,
        checks: [
          { code: 'BACKUP_DEST_NOT_SET', ok: false, message: 'no data backup destination is set' },
        ],
        reason: {
          code: 'BACKUP_DEST_NOT_SET',
          ok: false,
          message: 'no data backup destination is set',
        },
      },
    ],
    statements: [
      ...(req.encrypted ? ["SET ENCRYPTION ON IDENTIFIED BY '******' ONLY"] : []),
      `ALTER SYSTEM BACKUP ${incremental ? 'INCREMENTAL ' : ''}DATABASE`,
    ],
    blocking: incremental
      ? [
          {
            code: 'NO_FULL_BACKUP',
            message: 'mysql_tenant has no completed full backup',
            tenantName: 'mysql_tenant',
          },
        ]
      : [],
  };
}

const started: StartBackupResponse = {
  jobs: [{ tenantId: 1002, tenantName: 'mysql_tenant', jobId: 7, level: 'USER_TENANT' }],
  statements: ['ALTER SYSTEM BACKUP TENANT = `mysql_tenant`'],
  skipped: [
    {
      tenantName: 'ora_tenant',
      code: 'BACKUP_DEST_NOT_SET',
      message: 'no data backup destination is set',
    },
  ],
};

function stubBff(startReply?: (req: RecordedRequest) => { status?: number; body?: unknown }) {
  return stubFetch({
    'POST /api/clusters/obcluster-hz/backups/preview': (req) => ({
      body: preview(req.body as PreviewRequest),
    }),
    'POST /api/clusters/obcluster-hz/backups':
      startReply ?? (() => ({ status: 202, body: started })),
  });
}

/** Opens and closes the dialog the way the tenants page does: mounted only while open. */
function Harness({
  initialType = 'full',
  onStarted = vi.fn(),
}: {
  initialType?: BackupType;
  onStarted?: (r: StartBackupResponse) => void;
}) {
  const [open, setOpen] = useState(true);
  return (
    <>
      <button onClick={() => setOpen(true)}>reopen</button>
      {open && (
        <StartBackupDialog
          session={sysSession}
          initialType={initialType}
          selectedTenants={[]}
          onClose={() => setOpen(false)}
          onStarted={(r) => {
            onStarted(r);
            setOpen(false);
          }}
        />
      )}
    </>
  );
}

function dialog() {
  return screen.getByRole('dialog');
}

async function toEncryptionStep(user: ReturnType<typeof userEvent.setup>) {
  await user.click(within(dialog()).getByRole('button', { name: 'Next' }));
  expect(
    await screen.findByRole('checkbox', { name: 'Set a backup password' }),
  ).toBeInTheDocument();
}

describe('start backup dialog', () => {
  it('offers the options by their accessible names, and refuses a description that is too long', async () => {
    stubBff();
    const user = userEvent.setup({ delay: null });
    renderInApp(<Harness />);
    expect(screen.getByRole('radio', { name: /^Full/ })).toBeChecked();
    expect(screen.getByRole('radio', { name: /^Incremental/ })).not.toBeChecked();
    expect(screen.getByRole('radio', { name: 'All tenants' })).toBeChecked();
    expect(screen.getByRole('radio', { name: /^Selected tenants/ })).toBeDisabled();
    expect(screen.getByRole('checkbox', { name: 'Plus archive log' })).not.toBeChecked();

    const description = screen.getByLabelText('Description');
    await user.click(description);
    await user.paste('x'.repeat(257));
    await user.click(within(dialog()).getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('A description is at most 256 characters.')).toBeInTheDocument();
    expect(description).toHaveAttribute('aria-invalid', 'true');
    // Still on the first step.
    expect(
      screen.queryByRole('checkbox', { name: 'Set a backup password' }),
    ).not.toBeInTheDocument();

    await user.clear(description);
    await user.type(description, 'before upgrade');
    await toEncryptionStep(user);
  });

  it('refuses an empty password when encryption is on, and two passwords that differ', async () => {
    stubBff();
    const user = userEvent.setup({ delay: null });
    renderInApp(<Harness />);
    await toEncryptionStep(user);
    await user.click(screen.getByRole('checkbox', { name: 'Set a backup password' }));
    expect(screen.getByText(/Restoring this backup will need this password/)).toBeInTheDocument();

    await user.click(within(dialog()).getByRole('button', { name: 'Next' }));
    expect(
      await screen.findByText('Enter a backup password, or turn the backup password off.'),
    ).toBeInTheDocument();

    await user.type(screen.getByLabelText('Backup password'), SECRET);
    await user.type(screen.getByLabelText('Confirm password'), `${SECRET}x`);
    await user.click(within(dialog()).getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('The two passwords do not match.')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'SQL that will run' })).not.toBeInTheDocument();

    // Show password reveals both fields; it is a toggle with a stable name.
    const show = screen.getByRole('button', { name: 'Show password' });
    expect(screen.getByLabelText('Backup password')).toHaveAttribute('type', 'password');
    await user.click(show);
    expect(show).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByLabelText('Backup password')).toHaveAttribute('type', 'text');
    expect(screen.getByLabelText('Confirm password')).toHaveAttribute('type', 'text');
  });

  it('reviews the per-tenant checks and the SQL, password masked, then starts once with an Idempotency-Key even when double-clicked', async () => {
    const { calls } = stubBff();
    const onStarted = vi.fn();
    const user = userEvent.setup({ delay: null });
    renderInApp(<Harness onStarted={onStarted} />);
    await user.click(screen.getByRole('checkbox', { name: 'Plus archive log' }));
    await toEncryptionStep(user);
    await user.click(screen.getByRole('checkbox', { name: 'Set a backup password' }));
    await user.type(screen.getByLabelText('Backup password'), SECRET);
    await user.type(screen.getByLabelText('Confirm password'), SECRET);
    await user.click(within(dialog()).getByRole('button', { name: 'Next' }));

    expect(await screen.findByRole('heading', { name: 'SQL that will run' })).toBeInTheDocument();
    const sql = screen.getByLabelText('SQL that will run');
    expect(sql).toHaveTextContent("SET ENCRYPTION ON IDENTIFIED BY '******' ONLY;");
    expect(sql).toHaveTextContent('ALTER SYSTEM BACKUP DATABASE;');
    expect(sql).not.toHaveTextContent(SECRET);
    expect(screen.getByText('Will be skipped')).toBeInTheDocument();
    expect(screen.getAllByText(/no data backup destination is set/).length).toBeGreaterThan(0);
    expect(screen.getByText('Will back up')).toBeInTheDocument();

    const previewCall = calls.find((c) => c.path === '/api/clusters/obcluster-hz/backups/preview');
    expect(previewCall?.body).toEqual({
      type: 'full',
      tenants: 'all',
      plusArchivelog: true,
      encrypted: true,
    });
    expect(JSON.stringify(previewCall?.body)).not.toContain(SECRET);

    await user.dblClick(screen.getByRole('button', { name: 'Start backup' }));
    await waitFor(() => expect(onStarted).toHaveBeenCalledTimes(1));
    const starts = calls.filter(
      (c) => c.method === 'POST' && c.path === '/api/clusters/obcluster-hz/backups',
    );
    expect(starts).toHaveLength(1);
    expect(starts[0]!.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(starts[0]!.body).toEqual({
      type: 'full',
      tenants: 'all',
      plusArchivelog: true,
      encryptionPassword: SECRET,
    });
  });

  it('an incremental refused for want of a full backup offers "Switch to full backup", which previews again as full', async () => {
    const { calls } = stubBff();
    const user = userEvent.setup({ delay: null });
    renderInApp(<Harness initialType="incremental" />);
    expect(screen.getByRole('radio', { name: /^Incremental/ })).toBeChecked();
    await toEncryptionStep(user);
    await user.click(within(dialog()).getByRole('button', { name: 'Next' }));

    expect(await screen.findByText('This backup cannot start')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start backup' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Switch to full backup' }));

    await waitFor(() => expect(screen.getByRole('button', { name: 'Start backup' })).toBeEnabled());
    const previews = calls
      .filter((c) => c.path === '/api/clusters/obcluster-hz/backups/preview')
      .map((c) => (c.body as PreviewRequest).type);
    expect(previews).toEqual(['incremental', 'full']);
    expect(screen.getByLabelText('SQL that will run')).toHaveTextContent(
      'ALTER SYSTEM BACKUP DATABASE;',
    );
    expect(screen.queryByRole('button', { name: 'Switch to full backup' })).not.toBeInTheDocument();
  });

  it('shows the BFF error of a refused start where the user looks, and keeps the same key on retry', async () => {
    let n = 0;
    const { calls } = stubBff(() =>
      ++n === 1
        ? {
            status: 502,
            body: errorBody('OCEANBASE_ERROR', 'OceanBase refused the backup', {
              errno: 9040,
              sqlMessage: 'backup can not start',
            }),
          }
        : { status: 202, body: started },
    );
    const user = userEvent.setup({ delay: null });
    renderInApp(<Harness />);
    await toEncryptionStep(user);
    await user.click(within(dialog()).getByRole('button', { name: 'Next' }));
    await user.click(await screen.findByRole('button', { name: 'Start backup' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('OceanBase refused the statement.');
    expect(alert).toHaveTextContent('OceanBase error 9040: backup can not start');
    await user.click(screen.getByRole('button', { name: 'Start backup' }));
    await waitFor(() =>
      expect(calls.filter((c) => c.path === '/api/clusters/obcluster-hz/backups')).toHaveLength(2),
    );
    const keys = calls
      .filter((c) => c.path === '/api/clusters/obcluster-hz/backups')
      .map((c) => c.headers['idempotency-key']);
    expect(keys[0]).toBe(keys[1]);
  });

  it('forgets the password when the dialog closes', async () => {
    stubBff();
    const user = userEvent.setup({ delay: null });
    renderInApp(<Harness />);
    await toEncryptionStep(user);
    await user.click(screen.getByRole('checkbox', { name: 'Set a backup password' }));
    await user.type(screen.getByLabelText('Backup password'), SECRET);
    await user.type(screen.getByLabelText('Confirm password'), SECRET);
    await user.click(screen.getByRole('button', { name: 'Show password' }));
    expect(screen.getByLabelText('Backup password')).toHaveValue(SECRET);

    await user.click(within(dialog()).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(document.body.innerHTML).not.toContain(SECRET);
    for (const input of Array.from(document.querySelectorAll('input')))
      expect(input.value).not.toBe(SECRET);

    // Opening again starts from scratch.
    await user.click(screen.getByRole('button', { name: 'reopen' }));
    await toEncryptionStep(user);
    expect(screen.getByRole('checkbox', { name: 'Set a backup password' })).not.toBeChecked();
  });
});
