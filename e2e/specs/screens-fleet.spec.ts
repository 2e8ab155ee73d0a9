import { expect, test, signInByApi } from '../fixtures';
import { LANGUAGES, messages, screenChecks, usePreferences } from '../lib/screens';

/* The fleet pages, signed in to both clusters, checked as every other screen is (screens.spec.ts). */
for (const language of LANGUAGES) {
  test(`the fleet screens in ${language}, light and dark: no serious or critical axe finding, and a screenshot`, async ({
    page,
    sim,
  }) => {
    void sim; // both clusters reset
    test.setTimeout(180_000);
    const m = messages(language);
    const { check, expectNone } = screenChecks(page, language);
    await usePreferences(page, language, 'light');
    await signInByApi(page, 'root', 'sys');
    await signInByApi(page, 'root', 'sys', 'sh');
    await page.goto('/');
    await expect(page.getByRole('heading', { name: m.fleet.heading, exact: true })).toBeVisible();
    await expect(page.getByRole('region', { name: 'obcluster-sh (Shanghai)' })).toContainText(
      'trade_tenant',
    );
    await check('fleet-overview');
    await page.goto('/fleet/history');
    await expect(
      page.getByRole('heading', { name: m.fleet.historyHeading, exact: true }),
    ).toBeVisible();
    await expect(
      page
        .getByRole('row')
        .filter({ has: page.getByRole('cell') })
        .first(),
    ).toBeVisible();
    await check('fleet-history');
    expectNone();
  });
}
