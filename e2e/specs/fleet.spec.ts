import { expect, test, tenantRow, CLUSTERS, PASSWORD } from '../fixtures';

test('signed in to both clusters: the fleet overview shows each one’s tenants and links into a cluster; the fleet history has rows of both and filters by one; signing out of one keeps the other', async ({
  page,
  sim,
  loginAs,
}) => {
  void sim; // both clusters start from their demo state
  await loginAs('root', 'sys', 'hz');
  await expect(tenantRow(page, 'mysql_tenant')).toBeVisible();

  // A second sign-in from the header: the login page offers the cluster not signed in yet,
  // with that cluster's own demo logins.
  await page.getByRole('button', { name: 'Sign-ins' }).click();
  await page.getByRole('menuitem', { name: 'Sign in to another cluster' }).click();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await expect(page).toHaveURL(/cluster=obcluster-sh/);
  await expect(page.getByRole('button', { name: /root@trade_tenant/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /root@mysql_tenant/ })).toHaveCount(0);
  await page.getByLabel('User').fill('root');
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'Tenants', level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/clusters\/obcluster-sh$/);
  await expect(tenantRow(page, 'trade_tenant')).toBeVisible();
  await expect(tenantRow(page, 'mysql_tenant')).toHaveCount(0);

  // The fleet: both clusters, each with its own tenants (trade_tenant has the same id as mysql_tenant).
  await page.getByRole('link', { name: 'Fleet', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Fleet overview' })).toBeVisible();
  const hz = page.getByRole('region', { name: CLUSTERS.hz.name });
  const sh = page.getByRole('region', { name: CLUSTERS.sh.name });
  await expect(hz.getByRole('row', { name: /mysql_tenant/ })).toBeVisible();
  await expect(hz.getByRole('row', { name: /oracle_tenant/ })).toBeVisible();
  await expect(hz.getByRole('row', { name: /trade_tenant/ })).toHaveCount(0);
  await expect(sh.getByRole('row', { name: /trade_tenant/ })).toBeVisible();
  await expect(sh.getByRole('row', { name: /mysql_tenant/ })).toHaveCount(0);
  await hz.getByRole('link', { name: `Tenants of ${CLUSTERS.hz.name}` }).click();
  await expect(page).toHaveURL(/\/clusters\/obcluster-hz$/);
  await expect(tenantRow(page, 'mysql_tenant')).toBeVisible();

  // History across the fleet: rows of both clusters, each naming its own.
  await page.getByRole('link', { name: 'Fleet history', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Fleet history', level: 1 })).toBeVisible();
  const rows = page.getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(rows.filter({ hasText: CLUSTERS.hz.name }).first()).toBeVisible();
  await expect(rows.filter({ hasText: CLUSTERS.sh.name }).first()).toBeVisible();

  // One cluster only: in the URL, in every row, and in the CSV export.
  await page.getByLabel('Clusters').click();
  await page.locator('.ant-select-item-option').filter({ hasText: CLUSTERS.sh.name }).click();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/clusters=obcluster-sh/);
  await expect(rows.filter({ hasText: CLUSTERS.hz.name })).toHaveCount(0);
  await expect(rows.first()).toContainText(CLUSTERS.sh.name);
  await expect(page.getByRole('button', { name: 'Export CSV' })).toHaveAttribute(
    'href',
    /^\/api\/fleet\/history\.csv\?.*clusters=obcluster-sh/,
  );
  // A row opens in its own cluster's history.
  await rows.first().getByRole('link').first().click();
  await expect(page).toHaveURL(/\/clusters\/obcluster-sh\/history\/1002\/\d+/);
  await expect(page.getByRole('dialog')).toContainText('trade_tenant');
  await page.keyboard.press('Escape');

  // Signing out of obcluster-sh leaves its pages and keeps obcluster-hz signed in.
  await page.getByRole('button', { name: 'Sign-ins' }).click();
  await page.getByRole('menuitem', { name: `Sign out of ${CLUSTERS.sh.name}` }).click();
  await expect(page.getByRole('heading', { name: 'Fleet overview' })).toBeVisible();
  await expect(page.getByRole('region', { name: CLUSTERS.hz.name })).toBeVisible();
  await expect(page.getByRole('region', { name: CLUSTERS.sh.name })).toHaveCount(0);
  const res = await page.request.get(`/api/clusters/${CLUSTERS.hz.id}/session/status`);
  expect((await res.json()).signedIn).toBe(true);
});
