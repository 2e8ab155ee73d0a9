import { expect, test, signInByApi } from '../fixtures';
import { englishWords } from '../language-check';
import {
  LANGUAGES,
  THEMES,
  checkScreen,
  messages,
  switchTheme,
  usePreferences,
  type AxeFinding,
} from '../lib/screens';

/** Names the audit screens show in Latin letters on a Chinese screen (tenants, accounts). */
const AUDIT_NAMES = ['mysql_tenant', 'oracle_tenant', 'root', 'sys', 'support'];

const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? '');

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

/* The alerts screens of a cluster: as its operator (every tab, a channel's form) and read-only. */
for (const language of LANGUAGES) {
  test(`the alerts screens in ${language}, light and dark: no serious or critical axe finding, no English outside names and codes, and a screenshot`, async ({
    page,
    sim,
  }) => {
    void sim; // both clusters reset
    // Five screens, each axe-checked twice: as long as the main journey on a busy machine.
    test.setTimeout(180_000);
    const m = messages(language);
    const findings: AxeFinding[] = [];
    const check = async (name: string) => {
      for (const theme of THEMES) {
        await switchTheme(page, language, theme);
        findings.push(...(await checkScreen(page, name, { language, theme })));
      }
      if (language === 'zh-CN')
        expect(await englishWords(page, AUDIT_NAMES), `English words on ${name}`).toEqual([]);
    };
    await usePreferences(page, language, 'light');
    await signInByApi(page, 'root', 'sys');
    await page.goto('/clusters/obcluster-hz/alerts');
    await expect(page.getByRole('heading', { name: m.alerts.heading, exact: true })).toBeVisible();
    await expect(page.getByRole('tab', { name: m.alerts.tabs.incidents })).toBeVisible();
    await check('alerts-incidents');
    await page.getByRole('tab', { name: m.alerts.tabs.rules }).click();
    await page.getByRole('button', { name: m.alerts.rules.add }).click();
    await expect(page.getByRole('dialog', { name: m.alerts.ruleForm.createTitle })).toBeVisible();
    await check('alerts-rule-form');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
    await page.getByRole('tab', { name: m.alerts.tabs.channels }).click();
    await page.getByRole('button', { name: m.alerts.channels.add }).click();
    await expect(
      page.getByRole('dialog', { name: m.alerts.channelForm.createTitle }),
    ).toBeVisible();
    await check('alerts-channel-form');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
    await page.getByRole('tab', { name: m.alerts.tabs.deliveries }).click();
    await expect(page.getByText(m.alerts.deliveries.note)).toBeVisible();
    await check('alerts-deliveries');

    await signInByApi(page, 'support', 'sys');
    await page.goto('/clusters/obcluster-hz/alerts');
    await expect(page.getByText(m.alerts.readOnlyNote)).toBeVisible();
    await check('alerts-read-only');

    const report = findings
      .map((f) => `${f.screen}: ${f.impact} ${f.id} (${f.help})\n    ${f.nodes.join('\n    ')}`)
      .join('\n');
    expect(findings, report).toEqual([]);
  });
}

/* The policy screens (list with its timeline, the form, a policy's detail), checked the same way. */
for (const language of LANGUAGES) {
  test(`the policy screens in ${language}, light and dark: no serious or critical axe finding, and a screenshot`, async ({
    page,
    sim,
  }) => {
    void sim;
    const m = messages(language);
    const findings: AxeFinding[] = [];
    const names = [
      'screens',
      'zh',
      'CN',
      'en',
      'Asia',
      'Shanghai',
      'obcluster',
      'hz',
      'Hangzhou',
      // the zone database's name, the OceanBase client, and the DESCRIPTION prefix policy:<name>
      'IANA',
      'obclient',
      'policy',
      ...AUDIT_NAMES,
    ];
    const check = async (name: string) => {
      for (const theme of THEMES) {
        await switchTheme(page, language, theme);
        findings.push(...(await checkScreen(page, name, { language, theme })));
      }
      if (language === 'zh-CN')
        expect(await englishWords(page, names), `English words on ${name}`).toEqual([]);
    };
    await usePreferences(page, language, 'light');
    await signInByApi(page, 'root', 'sys');
    // Sundays and Monday to Saturday at 02:00 Shanghai time: nothing runs during the journey.
    const created = await page.request.post('/api/clusters/obcluster-hz/policies', {
      data: {
        name: `screens-${language}`,
        tenants: 'all',
        full: { cron: '0 2 * * 0' },
        incremental: { cron: '0 2 * * 1-6' },
        timeZone: 'Asia/Shanghai',
        encryptionPassword: 'Screens#Pass-2026',
      },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    try {
      await page.goto('/clusters/obcluster-hz/policies');
      await expect(
        page.getByRole('heading', { name: m.policies.heading, exact: true, level: 1 }),
      ).toBeVisible();
      await expect(page.getByRole('link', { name: `screens-${language}` })).toBeVisible();
      await check('policies');
      const timeline = page.getByRole('region', {
        name: fill(m.policies.timeline.title, { days: '7' }),
      });
      await timeline.getByText(m.policies.timeline.table, { exact: true }).click();
      await expect(timeline.getByRole('table')).toBeVisible();
      await check('policies-timeline-table');

      await page.getByRole('button', { name: m.policies.new, exact: true }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await check('policy-form');
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toBeHidden();

      await page.goto(`/clusters/obcluster-hz/policies/${id}`);
      await expect(page.getByText(m.policies.passwordSet)).toBeVisible();
      await check('policy-detail');
    } finally {
      await page.request.delete(`/api/clusters/obcluster-hz/policies/${id}`);
    }

    const report = findings
      .map((f) => `${f.screen}: ${f.impact} ${f.id} (${f.help})\n    ${f.nodes.join('\n    ')}`)
      .join('\n');
    expect(findings, report).toEqual([]);
  });
}
