import { expect, type Page } from '@playwright/test';

/**
 * Opens a page of the header's navigation by its caption. Where the full header does not fit
 * (below 1200 px, or two clusters' navigation at 1280), the less used pages (policies, alerts,
 * the audit trail) are under "More": opened there, as a person would.
 */
export async function openNav(page: Page, caption: string, more = 'More'): Promise<void> {
  const nav = page.getByRole('navigation', { name: /^(Main|主导航)$/ });
  const link = nav.getByRole('link', { name: caption, exact: true });
  const moreButton = nav.getByRole('button', { name: new RegExp(`^${more}`) });
  await expect(link.or(moreButton).first()).toBeVisible();
  if (await link.isVisible()) return link.click();
  await moreButton.click();
  await page.getByRole('menuitem', { name: caption, exact: true }).click();
}

/** The captions the header offers, the ones under "More" included. */
export async function navCaptions(page: Page, more = 'More'): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: /^(Main|主导航)$/ });
  const captions = await nav.getByRole('link').allInnerTexts();
  const moreButton = nav.getByRole('button', { name: new RegExp(`^${more}`) });
  if ((await moreButton.count()) === 0) return captions;
  await moreButton.click();
  const menu = page.getByRole('menu');
  await expect(menu).toBeVisible();
  const inMore = await menu.getByRole('menuitem').allInnerTexts();
  await page.keyboard.press('Escape');
  return [...captions, ...inMore];
}
