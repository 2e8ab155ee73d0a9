import { expect, test, tenantRow } from '../fixtures';

test('operator on sys: encrypted full backup of mysql_tenant, then an incremental, both in history', async ({
  page,
  sim,
  loginAs,
  shot,
}) => {
  await sim.setSpeed(20);
  await loginAs('root', 'sys');
  await expect(page.getByText('Simulated cluster')).toBeVisible();
  await shot('tenants');

  await tenantRow(page, 'mysql_tenant')
    .getByRole('checkbox', { name: 'Select mysql_tenant' })
    .check();
  await page.getByRole('button', { name: 'Full backup' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('radio', { name: /^Full/ })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: /^Selected tenants/ })).toBeChecked();
  await dialog.getByLabel('Description').fill('before the upgrade');
  await dialog.getByRole('button', { name: 'Next' }).click();

  await dialog.getByRole('checkbox', { name: 'Set a backup password' }).check();
  await expect(dialog.getByText(/restor/i).first()).toBeVisible();
  await dialog.getByLabel('Backup password', { exact: true }).fill('Backup#Pass-2026');
  await dialog.getByLabel('Confirm password').fill('Backup#Pass-2026');
  await dialog.getByRole('button', { name: 'Next' }).click();

  await expect(
    dialog.getByText("SET ENCRYPTION ON IDENTIFIED BY '******' ONLY", { exact: false }),
  ).toBeVisible();
  await expect(
    dialog.getByText(
      /ALTER SYSTEM BACKUP TENANT = `mysql_tenant` DESCRIPTION = 'before the upgrade'/,
    ),
  ).toBeVisible();
  await expect(page.getByText('Backup#Pass-2026')).toHaveCount(0);
  await shot('backup-review');
  // Slow until the progress has been seen, then frozen: the job must have left INIT (a frozen
  // clock keeps it there), and a busy machine must not let it finish under the checks.
  await sim.setSpeed(1);
  await dialog.getByRole('button', { name: 'Start backup' }).click();

  await expect(page.getByRole('heading', { name: 'Backups in progress' })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Progress of mysql_tenant' })).toBeVisible();
  await sim.freezeClock();
  await shot('progress');
  await sim.runClock(20);
  // The finished job shows its outcome and links to its history entry.
  await expect(page.getByText('Completed').first()).toBeVisible({ timeout: 60_000 });

  await page.getByRole('link', { name: 'Tenants' }).click();
  await tenantRow(page, 'mysql_tenant')
    .getByRole('checkbox', { name: 'Select mysql_tenant' })
    .check();
  await page.getByRole('button', { name: 'Incremental backup' }).click();
  await expect(dialog.getByRole('radio', { name: /^Incremental/ })).toBeChecked();
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByRole('button', { name: 'Next' }).click();
  await expect(
    dialog.getByText(/ALTER SYSTEM BACKUP INCREMENTAL TENANT = `mysql_tenant`/),
  ).toBeVisible();
  await dialog.getByRole('button', { name: 'Start backup' }).click();
  await expect(page.getByRole('heading', { name: 'Backups in progress' })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Progress of mysql_tenant' })).toBeHidden({
    timeout: 60_000,
  });

  await page.getByRole('link', { name: 'History', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Backup history' })).toBeVisible();
  // Newest first: the incremental just run, then the encrypted full one.
  const rows = page.getByRole('row');
  await expect(rows.nth(1)).toContainText('mysql_tenant');
  await expect(rows.nth(1)).toContainText('Incremental');
  await expect(rows.nth(2)).toContainText('mysql_tenant');
  await expect(rows.nth(2)).toContainText('Full');
  await shot('history');
  await rows.nth(2).getByRole('link').first().click();
  await expect(page.getByText('before the upgrade')).toBeVisible();
  await expect(
    page.getByText('Backup password (password protection, not encryption)').first(),
  ).toBeVisible();
  await shot('history-detail');
});
