import { expect, test, reviewBackupOf } from '../fixtures';

test('an operator cancels a running backup and history shows it CANCELED, not failed', async ({
  page,
  sim,
  loginAs,
}) => {
  await sim.setSpeed(1);
  await loginAs('root', 'sys');
  const dialog = await reviewBackupOf(page, 'mysql_tenant', 'Full');
  await dialog.getByRole('button', { name: 'Start backup' }).click();
  await expect(page.getByRole('progressbar', { name: 'Progress of mysql_tenant' })).toBeVisible();
  // Still running when the cancel arrives, however slow the machine.
  await sim.freezeClock();

  await page.getByRole('button', { name: 'Cancel backup of mysql_tenant' }).click();
  await page.getByRole('button', { name: 'Cancel backup', exact: true }).click();
  await sim.runClock(20);
  await expect(page.getByRole('progressbar', { name: 'Progress of mysql_tenant' })).toBeHidden({
    timeout: 30_000,
  });
  await expect(page.getByText(/^Cancell?ed$/).first()).toBeVisible();

  await page.getByRole('link', { name: 'History', exact: true }).click();
  const newest = page
    .getByRole('row')
    .filter({ has: page.getByRole('cell') })
    .first();
  await expect(newest).toContainText('mysql_tenant');
  await expect(newest).toContainText(/Cancell?ed/);
  await expect(newest).not.toContainText('Failed');
});
