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
 * The alerts and policy screens, in both languages and both themes, checked as every other
 * screen is (screens.spec.ts): each its own journey, so they spread over the e2e workers.
 */

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
    const { check, expectNone } = screenChecks(page, language, AUDIT_NAMES);
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

    expectNone();
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
    const { check, expectNone } = screenChecks(page, language, names);
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

    expectNone();
  });
}
