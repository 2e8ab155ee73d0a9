import { expect, test } from '../fixtures';

for (const [user, tenant, mode] of [
  ['root', 'mysql_tenant', 'MySQL'],
  ['SYS', 'oracle_tenant', 'Oracle'],
] as const) {
  test(`tenant admin ${user}@${tenant} sees only its tenant and backs it up`, async ({
    page,
    sim,
    loginAs,
    shot,
  }) => {
    await sim.setSpeed(20);
    await loginAs(user, tenant);
    const dataRows = page.getByRole('row').filter({ has: page.getByRole('cell') });
    await expect(dataRows).toHaveCount(1);
    await expect(dataRows.first()).toContainText(tenant);
    await expect(dataRows.first()).toContainText(mode);
    await shot(`tenant-admin-${tenant}`);

    await page.getByRole('button', { name: 'Full backup' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('checkbox', { name: 'Plus archive log' }).check();
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByRole('button', { name: 'Next' }).click();
    await expect(dialog.getByText('ALTER SYSTEM BACKUP DATABASE PLUS ARCHIVELOG')).toBeVisible();
    // Slow until the progress has been seen, then frozen: the job must have left INIT (a frozen
    // clock keeps it there), and a busy machine must not let it finish under the checks.
    await sim.setSpeed(1);
    await dialog.getByRole('button', { name: 'Start backup' }).click();
    await expect(page.getByRole('heading', { name: 'Backups in progress' })).toBeVisible();
    await expect(page.getByRole('progressbar', { name: `Progress of ${tenant}` })).toBeVisible();
    await sim.runClock(20);
    await expect(page.getByText('Completed').first()).toBeVisible({ timeout: 60_000 });
  });
}
