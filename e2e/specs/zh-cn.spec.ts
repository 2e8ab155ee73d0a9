import { expect, test, tenantRow } from '../fixtures';

test('the operator journey renders in Simplified Chinese, and the choice is remembered', async ({
  page,
  sim,
  loginAs,
  shot,
}) => {
  await sim.setSpeed(20);
  await loginAs('root', 'sys');
  await page.getByRole('combobox', { name: 'Language' }).click();
  await page.getByRole('option', { name: '简体中文' }).click();
  await expect(page.getByRole('heading', { name: '租户' })).toBeVisible();
  await shot('zh-tenants');

  await tenantRow(page, 'mysql_tenant').getByRole('checkbox').check();
  await page.getByRole('button', { name: '全量备份' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: '下一步' }).click();
  await dialog.getByRole('button', { name: '下一步' }).click();
  await expect(dialog.getByText(/ALTER SYSTEM BACKUP TENANT = `mysql_tenant`/)).toBeVisible();
  await shot('zh-review');
  // Slow until the progress has been seen, then frozen: the job must have left INIT (a frozen
  // clock keeps it there), and a busy machine must not let it finish under the checks.
  await sim.setSpeed(1);
  await dialog.getByRole('button', { name: '发起备份' }).click();
  await expect(page.getByRole('heading', { name: '正在进行的备份' })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'mysql_tenant 的进度' })).toBeVisible();
  await sim.freezeClock();
  await shot('zh-progress');

  await page.getByRole('link', { name: '备份历史' }).click();
  await expect(page.getByRole('heading', { name: '备份历史' })).toBeVisible();
  await shot('zh-history');

  await page.reload();
  await expect(page.getByRole('heading', { name: '备份历史' })).toBeVisible();
  // Two clusters configured: sign out through the sign-ins menu (of this cluster only).
  await page.getByRole('button', { name: '登录状态' }).click();
  await page.getByRole('menuitem', { name: '退出 obcluster-hz (Hangzhou)' }).click();
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  await expect(page.getByLabel('用户名')).toBeVisible();
  await shot('zh-login');
});
