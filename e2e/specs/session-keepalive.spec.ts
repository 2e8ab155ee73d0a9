import { expect, test, reviewBackupOf, CLUSTERS } from '../fixtures';

// Runs against the short-idle console of e2e/consoles.ts: its sessions idle out after 12 s.
const IDLE_SECONDS = 12;
const HZ = `/api/clusters/${CLUSTERS.hz.id}`;
test.use({ consoleName: 'short-idle' });

test('watching a long backup keeps the session alive past the idle timeout; once nothing runs it warns, ends, and the login page keeps the account', async ({
  page,
  sim,
  loginAs,
}) => {
  test.setTimeout(180_000);
  await sim.setSpeed(0.2);
  await loginAs('root', 'sys');
  const dialog = await reviewBackupOf(page, 'mysql_tenant', 'Full');
  await dialog.getByRole('button', { name: 'Start backup' }).click();
  await expect(page.getByRole('progressbar', { name: 'Progress of mysql_tenant' })).toBeVisible();

  // From here on the page only watches: no request but the event stream and the status probe.
  const requests: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/') && path !== `${HZ}/events` && path !== `${HZ}/session/status`)
      requests.push(`${r.method()} ${path}`);
  });
  const status = async () => (await page.request.get(`${HZ}/session/status`)).json();
  const startedAt = Date.parse((await status()).serverTime);
  // Wait on the server's own clock until twice the idle timeout has passed, signed in throughout.
  await expect
    .poll(
      async () => {
        const s = await status();
        expect(s.signedIn, 'still signed in while watching').toBe(true);
        return (Date.parse(s.serverTime) - startedAt) / 1000;
      },
      { timeout: 90_000, intervals: [2_000] },
    )
    .toBeGreaterThan(IDLE_SECONDS * 2);
  expect(requests).toEqual([]);
  await expect(page.getByRole('progressbar', { name: 'Progress of mysql_tenant' })).toBeVisible();

  // Stop the backup: with nothing running, watching is no longer activity.
  await page.getByRole('button', { name: 'Cancel backup of mysql_tenant' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: 'Cancel backup', exact: true })
    .click();
  await expect(page.getByRole('region', { name: 'mysql_tenant' })).toBeHidden({ timeout: 60_000 });

  await expect(page.getByRole('button', { name: 'Stay signed in' })).toBeVisible({
    timeout: 40_000,
  });
  // It says which cluster's sign-in is ending, and then which one ended.
  await expect(
    page.getByText(/obcluster-hz \(Hangzhou\): your session ends in \d+s unless you continue/),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible({ timeout: 40_000 });
  await expect(page.getByText(`Your session on ${CLUSTERS.hz.name} ended`)).toBeVisible();
  await expect(page.getByLabel('Tenant')).toHaveValue('sys');
  await expect(page.getByLabel('User')).toHaveValue('root');
});
