import type { Locator, Page } from '@playwright/test';
import { expect, test, PASSWORD } from '../fixtures';

/** Presses Tab (only Tab) until the target has focus: how a keyboard user gets there. */
async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('keyboard only: log in, start a backup through every dialog step, cancel it, skip to content, open and close a history job', async ({
  page,
  sim,
}) => {
  await sim.setSpeed(1);
  await page.goto('/login');
  // The user field has focus on arrival; the tenant is filled in with sys.
  await expect(page.getByLabel('User')).toBeFocused();
  await page.keyboard.type('root');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');

  // After login focus is on the new screen's heading.
  await expect(page.getByRole('heading', { name: 'Tenants', level: 1 })).toBeFocused();

  await tabTo(page, page.getByRole('checkbox', { name: 'Select mysql_tenant' }));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('button', { name: 'Full backup', exact: true }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  // The page behind the dialog is out of reach of assistive technology and of Tab.
  await expect(page.getByRole('main')).toHaveCount(0);
  await expect(page.getByRole('banner')).toHaveCount(0);

  await tabTo(page, dialog.getByRole('button', { name: 'Next' }));
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('group', { name: 'Step 2 of 3: Backup password' })).toBeFocused();
  await tabTo(page, dialog.getByRole('button', { name: 'Next' }));
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('group', { name: 'Step 3 of 3: Review' })).toBeFocused();
  const start = dialog.getByRole('button', { name: 'Start backup' });
  await expect(start).toBeEnabled();
  await tabTo(page, start);
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: 'Backups in progress', level: 1 })).toBeFocused();
  // Still running while the keyboard gets to its cancel button, however slow the machine.
  await sim.freezeClock();
  await expect(page.getByRole('main')).toHaveCount(1);
  const cancel = page.getByRole('button', { name: 'Cancel backup of mysql_tenant' });
  await tabTo(page, cancel);
  await page.keyboard.press('Enter');
  // The confirmation starts on the safe choice; Escape leaves the job running, focus returns.
  await expect(page.getByRole('button', { name: 'Keep running' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('button', { name: 'Cancel backup', exact: true }));
  await page.keyboard.press('Enter');
  // The cancel button is gone with the request; focus is on the screen's heading, not lost.
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Backups in progress', level: 1 })).toBeFocused();
  await sim.runClock(20);
  await expect(page.getByText(/^Cancell?ed$/).first()).toBeVisible();

  // A fresh page load: the first Tab is the skip link, which lands on the screen's heading.
  await page.goto('/clusters/obcluster-hz/history');
  await expect(page.getByRole('heading', { name: 'Backup history', level: 1 })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Backup history', level: 1 })).toBeFocused();

  const firstJob = page
    .getByRole('row')
    .filter({ has: page.getByRole('cell') })
    .first()
    .getByRole('link')
    .first();
  await tabTo(page, firstJob);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/history\/\d+\/\d+/);
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page).toHaveURL(/\/history(\?|$)/);
  // Focus is somewhere meaningful again, not lost on the page body.
  expect(await page.evaluate(() => document.activeElement !== document.body)).toBe(true);
});
