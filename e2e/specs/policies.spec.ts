import { expect, test } from '../fixtures';
import { openNav } from '../lib/nav';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The first whole minute at least `marginS` seconds away, in UTC (the browser's zone here):
 * the policy is saved before it comes, and the scheduler (real clock) runs it then.
 */
function nextSlot(marginS: number): { hhmm: string; at: Date } {
  const at = new Date(Date.now() + marginS * 1000);
  at.setUTCSeconds(0, 0);
  at.setUTCMinutes(at.getUTCMinutes() + 1);
  return { hhmm: `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`, at };
}

test('a policy due within a minute: on the timeline, its backup on the progress page, in history as started by it, and the run in its detail', async ({
  page,
  sim,
  loginAs,
  shot,
}) => {
  // Waits for a real minute boundary (the scheduler runs on the wall clock), then the backup.
  test.setTimeout(240_000);
  // A retry's policy has a name of its own: the first attempt's may still be in the store.
  const NAME = `e2e-soon-${test.info().retry}`;
  // A real minute (a full backup at speed 1) between the start and the end, so that the progress
  // page sees it running however busy the machine; sped up once it has been seen.
  await sim.setSpeed(1);
  await loginAs('root', 'sys');
  await openNav(page, 'Policies');
  await expect(page.getByRole('heading', { name: 'Backup policies', level: 1 })).toBeVisible();

  await page.getByRole('button', { name: 'New policy' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Policy name').fill(NAME);
  await dialog.getByRole('checkbox', { name: 'Also run incremental backups' }).uncheck();
  const full = dialog.getByRole('group', { name: 'Full backup schedule' });
  await full.getByText('Daily', { exact: true }).click();
  // Chosen at the last moment, so that a slow machine still saves the policy before its slot.
  const slot = nextSlot(35);
  await full.getByLabel('At').fill(slot.hhmm);
  await expect(
    full.getByText(`${Number(slot.hhmm.slice(3))} ${Number(slot.hhmm.slice(0, 2))} * * *`),
  ).toBeVisible();
  // The preview says the slot in the policy's zone, first.
  const preview = dialog.getByRole('region', { name: 'The next 10 runs' });
  await expect(preview.getByRole('listitem')).toHaveCount(10);
  await expect(preview.getByRole('listitem').first()).toContainText(
    `${slot.at.toISOString().slice(0, 10)} ${slot.hhmm}`,
  );
  await shot('policy-form');
  await dialog.getByRole('button', { name: 'Create policy' }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: NAME }) });
  await expect(row).toContainText(`Full daily at ${slot.hhmm}`);
  await expect(row).toContainText('Enabled');
  await expect(row).toContainText('Not run yet');

  // The timeline's table lists the run at its time.
  await page
    .getByRole('region', { name: 'The next 7 days' })
    .getByText('Table', { exact: true })
    .click();
  const planned = page
    .getByRole('region', { name: 'The next 7 days' })
    .getByRole('row')
    .filter({ hasText: NAME });
  await expect(planned.first()).toContainText(slot.hhmm);
  await shot('policies');

  // At the slot the backup starts by itself, under the service account.
  await page.getByRole('link', { name: 'Progress', exact: true }).click();
  await expect(page.getByRole('progressbar', { name: 'Progress of mysql_tenant' })).toBeVisible({
    timeout: 120_000,
  });
  await shot('policy-progress');
  await sim.setSpeed(50);
  await expect(page.getByRole('progressbar', { name: 'Progress of mysql_tenant' })).toBeHidden({
    timeout: 90_000,
  });

  await page.getByRole('link', { name: 'History', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Backup history' })).toBeVisible();
  const job = page
    .getByRole('row')
    .filter({ hasText: 'mysql_tenant' })
    .filter({ has: page.getByRole('link', { name: `Policy ${NAME}` }) })
    .first();
  await expect(job).toBeVisible();
  await job.getByRole('link', { name: `Policy ${NAME}` }).click();

  // The history's link opens the policy, whose detail lists the run with each tenant's outcome.
  await expect(page.getByRole('heading', { name: `Policy ${NAME}`, level: 1 })).toBeVisible();
  const runs = page.getByRole('region', { name: 'Runs' });
  const run = runs.getByRole('row').filter({ hasText: 'Schedule' }).first();
  await expect(run).toContainText('mysql_tenant');
  await expect(run).toContainText('Started');
  await expect(run.getByRole('link', { name: /^Job \d+$/ }).first()).toBeVisible();
  await shot('policy-detail');

  // Leaves no policy behind to run during other journeys.
  await page.getByRole('button', { name: `Delete policy ${NAME}` }).click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Backup policies', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: NAME })).toHaveCount(0);
});
