import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import type { PreviewResponse } from '@obconsole/contracts';
import { ReviewStep } from './review-step';
import { renderInApp } from '../../../test/render';

const archiveOk = {
  code: 'LOG_ARCHIVE_NOT_DOING' as const,
  ok: true,
  message: 'log archiving is DOING',
};
const destOk = {
  code: 'BACKUP_DEST_NOT_SET' as const,
  ok: true,
  message: 'a data backup destination is set',
};

const runnable: PreviewResponse = {
  type: 'full',
  canStart: true,
  tenants: [
    {
      tenantId: 1002,
      tenantName: 'mysql_tenant',
      action: 'backup',
      checks: [archiveOk, destOk],
      destination: 'oss://backups/mysql_tenant?host=oss-cn-hangzhou.aliyuncs.com',
    },
  ],
  statements: [
    "SET ENCRYPTION ON IDENTIFIED BY '******' ONLY",
    'ALTER SYSTEM BACKUP TENANT = mysql_tenant',
  ],
  blocking: [],
};

const refusal = {
  code: 'LOG_ARCHIVE_NOT_DOING' as const,
  ok: false,
  message: 'log archiving of mysql_tenant is STOP, not DOING',
};
const refused: PreviewResponse = {
  type: 'full',
  canStart: false,
  tenants: [
    {
      tenantId: 1002,
      tenantName: 'mysql_tenant',
      action: 'refuse',
      destination: 'file:///data/backup/mysql_tenant/data',
      checks: [refusal, destOk],
      reason: refusal,
    },
  ],
  statements: ['ALTER SYSTEM BACKUP TENANT = mysql_tenant'],
  blocking: [
    { code: 'LOG_ARCHIVE_NOT_DOING', message: refusal.message, tenantName: 'mysql_tenant' },
  ],
};

describe('review step', () => {
  it('says in plain words what will happen above the SQL, and lists every passed check', () => {
    renderInApp(
      <ReviewStep
        preview={runnable}
        options={{ plusArchivelog: true, encrypted: true, description: 'before upgrade' }}
        isSys
      />,
    );
    expect(screen.getByRole('heading', { name: 'What will happen' })).toBeInTheDocument();
    expect(screen.getByText('Full')).toBeInTheDocument();
    expect(screen.getByText('mysql_tenant', { selector: 'td *, td' })).toBeInTheDocument();
    expect(screen.getByText(/password protection, not encryption/)).toBeInTheDocument();
    expect(screen.getByText('before upgrade')).toBeInTheDocument();
    // Where the set goes, as the preview gives it (access keys already removed by the BFF).
    expect(
      screen.getByText('oss://backups/mysql_tenant?host=oss-cn-hangzhou.aliyuncs.com'),
    ).toBeInTheDocument();
    expect(screen.getByText(/log archiving is DOING/)).toHaveTextContent(
      'Passed: log archiving is DOING',
    );
    expect(screen.getByText(/a data backup destination is set/)).toHaveTextContent('Passed:');
    expect(screen.getByLabelText('SQL that will run')).toHaveTextContent(
      'ALTER SYSTEM BACKUP TENANT = mysql_tenant;',
    );
  });

  it('says a refusal once, with the statement that fixes it, and shows no SQL when nothing will run', () => {
    renderInApp(
      <ReviewStep preview={refused} options={{ plusArchivelog: false, encrypted: false }} isSys />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('This backup cannot start');
    expect(screen.getByText('ALTER SYSTEM ARCHIVELOG TENANT = mysql_tenant;')).toBeInTheDocument();
    // The reason is said once, as the failed check; the alert adds the fix.
    expect(screen.getAllByText(new RegExp(refusal.message))).toHaveLength(1);
    expect(screen.getByText(new RegExp(refusal.message))).toHaveTextContent('Failed:');
    expect(screen.queryByRole('heading', { name: 'SQL that will run' })).not.toBeInTheDocument();
    expect(screen.getByText('Nothing will run until the checks above pass.')).toBeInTheDocument();
  });
});
