import { randomUUID } from 'node:crypto';
import { expect, test, signInByApi } from '../fixtures';
import {
  AUDIT_NAMES,
  fill,
  LANGUAGES,
  messages,
  screenChecks,
  usePreferences,
} from '../lib/screens';

/*
 * Every screen, in both languages and both themes: axe-core (WCAG 2.1 A/AA) may find nothing
 * serious or critical, and a screenshot of each lands in e2e/screenshots/<language>-<theme>/.
 * Each screen is checked in light, then switched to dark in place. The screens are spread over
 * several journeys per language, so that they run side by side on the e2e workers.
 */
for (const language of LANGUAGES) {
  test(`the sign-in, tenants, start and progress screens in ${language}, light and dark: no serious or critical axe finding, and a screenshot`, async ({
    page,
    sim,
  }) => {
    // Seven screens, each twice: minutes on a busy machine. A limit, not a speed target.
    test.setTimeout(300_000);
    const m = messages(language);
    const { check, expectNone } = screenChecks(page, language);
    await usePreferences(page, language, 'light');
    await sim.setSpeed(1);

    await page.goto('/login');
    await expect(page.getByRole('heading', { name: m.login.heading, exact: true })).toBeVisible();
    await check('login');

    await signInByApi(page, 'root', 'sys');
    await page.goto('/clusters/obcluster-hz');
    await expect(page.getByRole('heading', { name: m.tenants.heading, exact: true })).toBeVisible();
    await expect(page.getByText('mysql_tenant').first()).toBeVisible();
    await check('tenants');

    await page
      .getByRole('checkbox', { name: fill(m.tenants.selectRow, { name: 'mysql_tenant' }) })
      .check();
    await page.getByRole('button', { name: m.tenants.fullBackup, exact: true }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('button', { name: m.backup.next })).toBeVisible();
    // PLUS ARCHIVELOG and a backup password: the progress card then shows every tag it has.
    await dialog.getByRole('checkbox', { name: m.backup.plusArchivelog }).check();
    await check('start-options');
    await dialog.getByRole('button', { name: m.backup.next }).click();
    await dialog.getByRole('checkbox', { name: m.backup.encrypt }).check();
    await dialog.getByLabel(m.backup.password, { exact: true }).fill('Screens#Pass-2026');
    await dialog.getByLabel(m.backup.confirm).fill('Screens#Pass-2026');
    await check('start-encryption');
    await dialog.getByRole('button', { name: m.backup.next }).click();
    await expect(dialog.getByRole('button', { name: m.backup.start })).toBeEnabled();
    await check('start-review');

    await dialog.getByRole('button', { name: m.backup.start }).click();
    const bar = page.getByRole('progressbar', {
      name: fill(m.progress.progressOf, { tenant: 'mysql_tenant' }),
    });
    await expect(bar).toBeVisible();
    // The backup stays running while the progress and cancel screens are checked.
    await sim.freezeClock();
    await check('progress');

    await page
      .getByRole('button', { name: fill(m.progress.cancelAria, { tenant: 'mysql_tenant' }) })
      .click();
    await expect(page.getByRole('button', { name: m.progress.keepRunning })).toBeVisible();
    await check('cancel-confirm');
    await page.getByRole('button', { name: m.progress.keepRunning }).click();
    expectNone();
  });

  test(`the history screens in ${language}, light and dark: no serious or critical axe finding, and a screenshot`, async ({
    page,
    sim,
  }) => {
    void sim; // both clusters reset: the seeded history
    test.setTimeout(240_000);
    const m = messages(language);
    const { check, expectNone } = screenChecks(page, language);
    await usePreferences(page, language, 'light');
    await signInByApi(page, 'root', 'sys');

    await page.goto('/history');
    await expect(page.getByRole('heading', { name: m.history.heading, exact: true })).toBeVisible();
    const rows = page.getByRole('row').filter({ has: page.getByRole('cell') });
    await expect(rows.first()).toBeVisible();
    await check('history');

    await rows.first().getByRole('link').first().click();
    await expect(page).toHaveURL(/\/history\/\d+\/\d+/);
    await expect(page.getByRole('dialog')).toBeVisible();
    await check('history-detail');
    await page.keyboard.press('Escape');

    await page.goto('/history?from=2001-01-01&to=2001-01-02');
    await expect(page.getByText(m.history.empty)).toBeVisible();
    await check('history-empty');

    await page.goto('/no-such-page');
    await expect(page.getByText(m.common.notFound)).toBeVisible();
    await check('not-found');
    expectNone();
  });

  test(`the audit screens in ${language}, light and dark: no serious or critical axe finding, no English outside names, and a screenshot`, async ({
    page,
    sim,
  }) => {
    void sim;
    test.setTimeout(240_000);
    const m = messages(language);
    const { check, expectNone } = screenChecks(page, language, AUDIT_NAMES);
    await usePreferences(page, language, 'light');
    await signInByApi(page, 'root', 'sys');
    // An encrypted backup: the newest event, with every detail a start records.
    const started = await page.request.post('/api/clusters/obcluster-hz/backups', {
      data: {
        type: 'full',
        tenants: ['mysql_tenant'],
        plusArchivelog: true,
        encryptionPassword: 'Screens#Pass-2026',
      },
      headers: { 'Idempotency-Key': randomUUID() },
    });
    expect(started.status(), await started.text()).toBe(202);

    await page.goto('/audit');
    await expect(page.getByRole('heading', { name: m.audit.heading, exact: true })).toBeVisible();
    const events = page.getByRole('row').filter({ has: page.getByRole('cell') });
    await expect(events.first()).toBeVisible();
    await check('audit');
    await events.first().getByRole('button').first().click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await check('audit-detail');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
    await page.getByRole('button', { name: m.audit.verify.button }).click();
    await expect(page.getByText(m.audit.verify.okTitle)).toBeVisible();
    await check('audit-verified');
    expectNone();
  });

  test(`the read-only screens of support in ${language}, light and dark: no serious or critical axe finding, and a screenshot`, async ({
    page,
    sim,
  }) => {
    void sim;
    const m = messages(language);
    const { check, expectNone } = screenChecks(page, language);
    await usePreferences(page, language, 'light');
    await signInByApi(page, 'support', 'sys');
    await page.goto('/clusters/obcluster-hz');
    await expect(page.getByText(m.tenants.readOnlyTitle)).toBeVisible();
    await check('tenants-read-only');
    await page.goto('/audit');
    await expect(
      page.getByRole('heading', { name: m.audit.notAllowedTitle, exact: true }),
    ).toBeVisible();
    await check('audit-not-allowed', AUDIT_NAMES);
    expectNone();
  });
}
