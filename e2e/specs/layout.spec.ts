import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';

/** How far the page is wider than the window, in px (0 when it fits). */
function overflowOf(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

test('the login button is above the fold at 1280x800', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/login');
  const box = await page.getByRole('button', { name: 'Log in' }).boundingBox();
  expect(box).not.toBeNull();
  expect(box!.y + box!.height).toBeLessThanOrEqual(800);
});

test('at 1024 px nothing is off-screen without a scrollbar, and destination paths are readable in full', async ({
  page,
  loginAs,
}) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await loginAs('root', 'sys');
  const pageOverflow = () => overflowOf(page);
  // The header lays itself out again after the first frame when it does not fit.
  await expect.poll(pageOverflow).toBeLessThanOrEqual(0);
  // The table scrolls inside its own box, with a scrollbar, rather than pushing the page wider.
  const path = page.getByText(/^file:\/\//).first();
  await expect(path).toBeVisible();
  const text = await path.innerText();
  expect(text).not.toMatch(/…$/);
  await page.getByRole('link', { name: 'History', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Backup history', level: 1 })).toBeVisible();
  await expect.poll(pageOverflow).toBeLessThanOrEqual(0);
  await page
    .getByRole('row')
    .filter({ has: page.getByRole('cell') })
    .first()
    .getByRole('link')
    .first()
    .click();
  const drawer = page.getByRole('dialog');
  await expect(drawer).toBeVisible();
  // The task table fits the drawer: no clipped columns.
  const clipped = await drawer
    .locator('.ant-table-content')
    .evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(clipped).toBeLessThanOrEqual(0);
});

test('at 1280 px the whole tenants table, "back up now" included, fits without scrolling sideways', async ({
  page,
  loginAs,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await loginAs('root', 'sys');
  const backUpNow = page.getByRole('button', { name: 'Back up now: mysql_tenant' });
  await expect(backUpNow).toBeVisible();
  const box = await backUpNow.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(1280);
  const sideways = await page
    .locator('.ant-table-wrapper')
    .first()
    .evaluate((el) => el.parentElement!.scrollWidth - el.parentElement!.clientWidth);
  expect(sideways).toBeLessThanOrEqual(0);
});

test('at 1280, 1440 and 1920 px no page of a cluster is wider than the window, in English and in Chinese', async ({
  page,
  loginAs,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await loginAs('root', 'sys');
  const tenants = page.url();
  const pageOverflow = () => overflowOf(page);
  for (const language of ['English', '简体中文']) {
    if (language !== 'English') {
      await page.getByRole('combobox', { name: 'Language' }).click();
      await page.getByRole('option', { name: language }).click();
    }
    for (const width of [1280, 1440, 1920]) {
      await page.setViewportSize({ width, height: 800 });
      for (const path of ['', '/backups', '/history']) {
        await page.goto(`${tenants}${path}`);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        // The header lays itself out again after the first frame when it does not fit.
        await expect.poll(pageOverflow, { message: `${language} ${width} px ${path}` }).toBe(0);
      }
    }
  }
});
