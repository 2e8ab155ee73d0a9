import { expect, test, reviewBackupOf } from '../fixtures';

test('when the database drops every connection mid-backup, the page says it is reconnecting, then shows live progress again', async ({
  page,
  sim,
  loginAs,
}) => {
  await sim.setSpeed(2);
  await loginAs('root', 'sys');
  const dialog = await reviewBackupOf(page, 'mysql_tenant', 'Full');
  await dialog.getByRole('button', { name: 'Start backup' }).click();
  const bar = page.getByRole('progressbar', { name: 'Progress of mysql_tenant' });
  await expect(bar).toBeVisible();

  // Like an observer restart: every connection is cut and new ones are refused for a while.
  await sim.dropConnections(6);
  await expect(page.getByText('Reconnecting…')).toBeVisible({ timeout: 15_000 });
  // What was shown stays on screen while the stream is down.
  await expect(bar).toBeVisible();

  await expect(page.getByText('Reconnecting…')).toBeHidden({ timeout: 30_000 });
  const before = Number(await bar.getAttribute('aria-valuenow'));
  await expect
    .poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 30_000 })
    .toBeGreaterThan(before);
});
