import { expect, reviewBackupOf, test } from '../fixtures';

test('an incremental backup with no full backup on the destination is blocked in review, with a switch to full', async ({
  page,
  sim,
  loginAs,
  sqlAsRoot,
}) => {
  // A new destination holds no backup set yet: OceanBase would silently make this a full backup.
  await sqlAsRoot(
    "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/backup/mysql_tenant/new-nfs' TENANT = mysql_tenant",
  );
  await sim.setSpeed(20);
  await loginAs('root', 'sys');
  const dialog = await reviewBackupOf(page, 'mysql_tenant', 'Incremental');
  await expect(dialog.getByText(/full backup first/i).first()).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Start backup' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Switch to full backup' }).click();
  await expect(dialog.getByText(/ALTER SYSTEM BACKUP TENANT = `mysql_tenant`/)).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Start backup' })).toBeEnabled();
});

test('a tenant whose log archiving is stopped is blocked with that reason', async ({
  page,
  sim,
  loginAs,
}) => {
  await sim.setArchive('oracle_tenant', 'stop');
  await loginAs('root', 'sys');
  const dialog = await reviewBackupOf(page, 'oracle_tenant', 'Full');
  await expect(dialog.getByText(/Log archiving is/).first()).toBeVisible();
  await expect(dialog.getByText(/it must be running/).first()).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Start backup' })).toBeDisabled();
});
