import { expect, test, signInByApi } from '../fixtures';
import { englishWords } from '../language-check';
import {
  AUDIT_NAMES,
  fill,
  LANGUAGES,
  THEMES,
  checkScreen,
  messages,
  switchTheme,
  usePreferences,
  type AxeFinding,
} from '../lib/screens';

/*
 * Every screen, in both languages and both themes: axe-core (WCAG 2.1 A/AA) may find nothing
 * serious or critical, and a screenshot of each lands in e2e/screenshots/<language>-<theme>/.
 * One journey per language: each screen is checked in light, then switched to dark in place.
 */
for (const language of LANGUAGES) {
  test(`every screen in ${language}, light and dark: no serious or critical axe finding, and a screenshot`, async ({
    page,
    sim,
  }) => {
    // Every screen twice: minutes on a busy machine. A limit, not a speed target.
    test.setTimeout(360_000);
    const m = messages(language);
    const findings: AxeFinding[] = [];
    const check = async (name: string) => {
      for (const theme of THEMES) {
        await switchTheme(page, language, theme);
        findings.push(...(await checkScreen(page, name, { language, theme })));
      }
    };
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

    // The audit trail: the backup started above is among its events.
    const auditChecked = async (name: string) => {
      await check(name);
      if (language === 'zh-CN')
        expect(await englishWords(page, AUDIT_NAMES), `English words on ${name}`).toEqual([]);
    };
    await page.goto('/audit');
    await expect(page.getByRole('heading', { name: m.audit.heading, exact: true })).toBeVisible();
    const events = page.getByRole('row').filter({ has: page.getByRole('cell') });
    await expect(events.first()).toBeVisible();
    await auditChecked('audit');
    await events.first().getByRole('button').first().click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await auditChecked('audit-detail');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
    await page.getByRole('button', { name: m.audit.verify.button }).click();
    await expect(page.getByText(m.audit.verify.okTitle)).toBeVisible();
    await auditChecked('audit-verified');

    await page.goto('/no-such-page');
    await expect(page.getByText(m.common.notFound)).toBeVisible();
    await check('not-found');

    await signInByApi(page, 'support', 'sys');
    await page.goto('/clusters/obcluster-hz');
    await expect(page.getByText(m.tenants.readOnlyTitle)).toBeVisible();
    await check('tenants-read-only');
    await page.goto('/audit');
    await expect(
      page.getByRole('heading', { name: m.audit.notAllowedTitle, exact: true }),
    ).toBeVisible();
    await auditChecked('audit-not-allowed');

    const report = findings
      .map((f) => `${f.screen}: ${f.impact} ${f.id} (${f.help})\n    ${f.nodes.join('\n    ')}`)
      .join('\n');
    expect(findings, report).toEqual([]);
  });
}

/* The fleet pages, signed in to both clusters, checked the same way. */
for (const language of LANGUAGES) {
  test(`the fleet screens in ${language}, light and dark: no serious or critical axe finding, and a screenshot`, async ({
    page,
    sim,
  }) => {
    void sim; // both clusters reset
    test.setTimeout(180_000);
    const m = messages(language);
    const findings: AxeFinding[] = [];
    const check = async (name: string) => {
      for (const theme of THEMES) {
        await switchTheme(page, language, theme);
        findings.push(...(await checkScreen(page, name, { language, theme })));
      }
    };
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

    const report = findings
      .map((f) => `${f.screen}: ${f.impact} ${f.id} (${f.help})\n    ${f.nodes.join('\n    ')}`)
      .join('\n');
    expect(findings, report).toEqual([]);
  });
}
