import { expect, test } from '../fixtures';

test('support reads tenants, progress and history, finds why a backup failed and exports CSV, but cannot act', async ({
  page,
  loginAs,
  shot,
}) => {
  await loginAs('support', 'sys');
  await expect(page.getByRole('button', { name: 'Full backup' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Incremental backup' })).toHaveCount(0);
  await expect(page.getByText(/ALTER SYSTEM/).first()).toBeVisible();

  await page.getByRole('link', { name: 'Progress' }).click();
  await expect(page.getByRole('heading', { name: 'Backups in progress' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Cancel/ })).toHaveCount(0);

  await page.getByRole('link', { name: 'History', exact: true }).click();
  await page.getByRole('combobox', { name: 'Status' }).click();
  // antd keeps its role=option nodes for screen readers only; the visible item carries the title.
  await page.getByTitle('Failed', { exact: true }).click();
  await expect(page).toHaveURL(/status=FAILED/);
  const rows = page.getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(rows.first()).toContainText('Failed');
  const statuses = await rows.allInnerTexts();
  expect(statuses.every((r) => r.includes('Failed'))).toBe(true);
  await shot('history-failed');

  await rows.first().getByRole('link').first().click();
  await expect(page).toHaveURL(/\/history\/\d+\/\d+/);
  const detail = page.getByRole('dialog');
  await expect(detail.getByText(/-\d{4}/).first()).toBeVisible();
  await expect(detail.getByText(/COMMENT|result/i).first()).toBeVisible();
  await shot('history-failed-detail');
  await page.keyboard.press('Escape');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^backup-history-.*\.csv$/);
  const text = await (await file.createReadStream()).toArray();
  const csv = Buffer.concat(text).toString('utf8');
  const lines = csv.trim().split('\n');
  expect(lines[0]).toMatch(/^tenant_id,tenant_name,job_id/);
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.slice(1).every((l) => l.includes(',FAILED,'))).toBe(true);
});
