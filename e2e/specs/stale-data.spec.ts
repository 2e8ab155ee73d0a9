import { expect, test, reviewBackupOf } from '../fixtures';

test('with the database stopped, every screen says so, keeps the last data marked stale with its time, stops counting and switches start and stop off; then it comes back', async ({
  page,
  sim,
  loginAs,
}) => {
  await sim.setSpeed(1);
  await loginAs('root', 'sys');
  const dialog = await reviewBackupOf(page, 'mysql_tenant', 'Full');
  await dialog.getByRole('button', { name: 'Start backup' }).click();
  const bar = page.getByRole('progressbar', { name: 'Progress of mysql_tenant' });
  await expect(bar).toBeVisible();
  const stop = page.getByRole('button', { name: 'Cancel backup of mysql_tenant' });
  await expect(stop).toBeEnabled();

  // The observer goes away: every connection is cut and new ones are refused, for longer than
  // the checks below take on a busy machine: the journey ends the outage itself.
  await sim.dropConnections(60);
  const banner = page.getByRole('alert').filter({ hasText: 'The database cannot be reached' });
  await expect(banner).toBeVisible({ timeout: 20_000 });
  await expect(banner).toContainText(
    /Shown: the last data received, at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/,
  );
  await expect(page.getByText('Stale', { exact: true })).toBeVisible();
  await expect(bar).toBeVisible();
  await expect(stop).toBeDisabled();
  const card = page.getByRole('region', { name: 'mysql_tenant' });
  const elapsed = card.locator('.ant-descriptions-item').filter({ hasText: 'Elapsed' });
  const frozen = await elapsed.textContent();

  // Another screen: the same message where the user looks, and no way to start a backup.
  await page.getByRole('link', { name: 'Tenants' }).click();
  await expect(page.getByRole('heading', { name: 'Tenants' })).toBeVisible();
  await expect(banner).toBeVisible();
  await expect(page.getByRole('button', { name: 'Full backup' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Incremental backup' })).toBeDisabled();

  // Back on progress, time has passed but the stale elapsed time has not moved.
  await page.getByRole('link', { name: 'Progress' }).click();
  await expect(bar).toBeVisible();
  await expect(elapsed).toHaveText(frozen ?? '');

  // The database answers again (a drop without refusal ends the window): live, stop works,
  // counting resumes.
  await sim.dropConnections(0);
  await expect(banner).toBeHidden({ timeout: 60_000 });
  await expect(stop).toBeEnabled();
  await expect(page.getByText('Stale', { exact: true })).toBeHidden();
});
