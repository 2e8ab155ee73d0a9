import { expect, test, tenantRow, PASSWORD } from '../fixtures';
import { collectConsoleErrors, englishWords } from '../language-check';

// A Chinese browser on its first visit: the console follows it, with nothing remembered.
test.use({ locale: 'zh-CN' });

const NAMES = ['mysql_tenant', 'oracle_tenant', 'trade_tenant', 'sys', 'root', 'support'];

test('a Chinese browser gets the whole operator journey in Chinese: no English outside names, SQL and codes, and no console error', async ({
  page,
  sim,
  shot,
}) => {
  const consoleErrors = collectConsoleErrors(page);
  const noEnglish = async (screen: string) => {
    expect(await englishWords(page, NAMES), `English words on the ${screen} screen`).toEqual([]);
  };
  await sim.setSpeed(1);

  // A first visit to a deep link: asks who is signed in (200, not a 401), then the login page.
  await page.goto('/backups');
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await noEnglish('login');
  await page.getByLabel('租户').fill('sys');
  await page.getByLabel('用户名').fill('root');
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  // antd spaces out a two-character Chinese button label (登 录).
  await page.getByRole('button', { name: /^登\s?录$/ }).click();
  await expect(page.getByRole('heading', { name: '正在进行的备份' })).toBeVisible();
  await page.getByRole('link', { name: '租户' }).click();
  await expect(page.getByRole('heading', { name: '租户' })).toBeVisible();
  await expect(tenantRow(page, 'mysql_tenant')).toBeVisible();
  await noEnglish('tenants');
  await shot('zh-journey-tenants');

  await tenantRow(page, 'mysql_tenant')
    .getByRole('checkbox', { name: '选择 mysql_tenant' })
    .check();
  await page.getByRole('button', { name: '全量备份' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText('备份内容').first()).toBeVisible();
  await noEnglish('backup options');
  await dialog.getByRole('button', { name: '下一步' }).click();
  await expect(dialog.getByRole('checkbox', { name: '设置备份密码' })).toBeVisible();
  await expect(dialog.getByText(/这是密码保护，不是加密/)).toBeVisible();
  await noEnglish('backup password');
  await dialog.getByRole('button', { name: '下一步' }).click();
  await expect(dialog.getByText(/ALTER SYSTEM BACKUP TENANT = `mysql_tenant`/)).toBeVisible();
  await noEnglish('review');
  await shot('zh-journey-review');
  // Slow until the progress has been seen, then frozen: the job must have left INIT (a frozen
  // clock keeps it there), and a busy machine must not let it finish under the checks.
  await sim.setSpeed(1);
  await dialog.getByRole('button', { name: '发起备份' }).click();

  // The confirmation is a notice that closes after 4 s: read before waiting for the progress,
  // which a busy machine may take longer than that to show.
  await expect(page.getByText('已为 1 个租户发起备份。')).toBeVisible();
  await expect(page.getByRole('heading', { name: '正在进行的备份' })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'mysql_tenant 的进度' })).toBeVisible();
  await sim.freezeClock();
  await noEnglish('progress');
  await shot('zh-journey-progress');

  await page.getByRole('button', { name: '停止备份：mysql_tenant' }).click();
  const confirm = page.getByRole('dialog');
  await expect(confirm.getByText(/^停止 mysql_tenant 的备份任务 \d+？$/)).toBeVisible();
  await noEnglish('stop confirmation');
  await confirm.getByRole('button', { name: '停止备份' }).click();
  await expect(page.getByText('正在停止…').first()).toBeVisible();
  await noEnglish('stopping');
  // Seen stopping: the clock runs again, so the job ends as a real one would.
  await sim.runClock(20);

  await page.getByRole('link', { name: '备份历史' }).click();
  await expect(page.getByRole('heading', { name: '备份历史' })).toBeVisible();
  await expect(page.getByRole('link', { name: /^打开 .+ 的任务 \d+$/ }).first()).toBeVisible();
  await noEnglish('history');
  await shot('zh-journey-history');
  await page
    .getByRole('link', { name: /^打开 .+ 的任务 \d+$/ })
    .first()
    .click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect(page.getByRole('dialog').getByText('错误信息')).toBeVisible();
  await noEnglish('task detail');
  await shot('zh-journey-detail');
  await page.keyboard.press('Escape');

  // Two clusters configured: the sign-ins menu, and signing out of all of them.
  await page.getByRole('button', { name: '登录状态' }).click();
  await page.getByRole('menuitem', { name: '退出所有集群' }).click();
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  await noEnglish('login after logout');

  expect(consoleErrors, 'browser console errors on a normal journey').toEqual([]);
});
