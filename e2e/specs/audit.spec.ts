import { expect, test, tenantRow, PASSWORD } from '../fixtures';
import { navCaptions, openNav } from '../lib/nav';

const BACKUP_PASSWORD = 'Audit#Pass-2026';

test('an operator starts an encrypted backup; support cannot see the audit trail; the operator finds the event, exports it and verifies the chain', async ({
  page,
  browser,
  sim,
  loginAs,
  shot,
  baseURL,
}) => {
  // The console's store outlives a journey: this one reads only the events since it began.
  const began = new Date(Date.now() - 1000).toISOString();
  await sim.setSpeed(20);
  await loginAs('root', 'sys');
  await tenantRow(page, 'mysql_tenant')
    .getByRole('checkbox', { name: 'Select mysql_tenant' })
    .check();
  await page.getByRole('button', { name: 'Full backup' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByRole('checkbox', { name: 'Set a backup password' }).check();
  await dialog.getByLabel('Backup password', { exact: true }).fill(BACKUP_PASSWORD);
  await dialog.getByLabel('Confirm password').fill(BACKUP_PASSWORD);
  await dialog.getByRole('button', { name: 'Next' }).click();
  await expect(dialog.getByRole('button', { name: 'Start backup' })).toBeEnabled();
  await dialog.getByRole('button', { name: 'Start backup' }).click();
  await expect(page.getByRole('heading', { name: 'Backups in progress' })).toBeVisible();

  // The support engineer, in a browser of their own: no link, and the page itself refuses.
  const supportContext = await browser.newContext({ baseURL });
  try {
    const support = await supportContext.newPage();
    await support.goto('/login?cluster=obcluster-hz');
    await support.getByLabel('Tenant').fill('sys');
    await support.getByLabel('User').fill('support');
    await support.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await support.getByRole('button', { name: 'Log in' }).click();
    await expect(support.getByRole('heading', { name: 'Tenants' })).toBeVisible();
    const nav = support.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'History', exact: true })).toBeVisible();
    expect(await navCaptions(support)).not.toContain('Audit');
    await support.goto('/audit');
    await expect(support.getByRole('heading', { name: 'Not allowed', level: 1 })).toBeVisible();
    await expect(support.getByRole('table')).toHaveCount(0);
  } finally {
    await supportContext.close();
  }

  // The operator finds the start among the audit events.
  expect(await navCaptions(page)).toContain('Audit');
  await openNav(page, 'Audit');
  await expect(page.getByRole('heading', { name: 'Audit trail' })).toBeVisible();
  await page.goto(`/audit?from=${began}`);
  await expect(page.getByRole('heading', { name: 'Audit trail' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Action' }).click();
  // antd keeps its role=option nodes for screen readers only; the visible item carries the title.
  await page.getByTitle('Backup started', { exact: true }).click();
  await expect(page).toHaveURL(/[?&]action=backup_start/);
  const rows = page.getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('root@sys');
  await expect(rows.first()).toContainText('mysql_tenant');
  await expect(rows.first()).toContainText('Success');
  await shot('audit');

  const open = rows.first().getByRole('button', { name: /Details of event \d+$/ });
  const eventId = /event (\d+)$/.exec((await open.textContent()) ?? '')?.[1];
  expect(eventId).toBeDefined();
  await open.click();
  const detail = page.getByRole('dialog', { name: `Audit event ${eventId}` });
  const sql = detail.getByLabel('SQL as shown (password masked)');
  await expect(sql).toContainText("IDENTIFIED BY '******'");
  await expect(sql).toContainText('ALTER SYSTEM BACKUP TENANT = `mysql_tenant`');
  await expect(detail.getByText('Hash', { exact: true })).toBeVisible();
  await expect(detail.getByText('Previous hash', { exact: true })).toBeVisible();
  await expect(page.getByText(BACKUP_PASSWORD)).toHaveCount(0);
  await shot('audit-detail');
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();

  // The CSV has the same filter: the event, and never the password.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^audit-.*\.csv$/);
  const csv = Buffer.concat(await (await file.createReadStream()).toArray()).toString('utf8');
  const lines = csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
  expect(lines[0]).toMatch(/^id,seq,time,cluster,actor,action,outcome/);
  const line = lines.find((l) => l.startsWith(`${eventId},`));
  expect(line, csv).toBeDefined();
  expect(line).toContain(',root@sys,backup_start,success,');
  // A record starts with its id, sequence and time (a quoted SQL cell may span lines).
  const records = lines.slice(1).filter((l) => /^\d+,\d+,\d{4}-/.test(l));
  expect(records.every((l) => l.includes(',backup_start,'))).toBe(true);
  expect(csv).not.toContain(BACKUP_PASSWORD);

  await page.getByRole('button', { name: 'Verify the chain' }).click();
  await expect(page.getByText('The chain is intact')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /\d+ events? checked/ })).toBeVisible();
  await shot('audit-verified');
});
