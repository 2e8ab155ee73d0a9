import { test as base, expect, type Page } from '@playwright/test';
import mysql from 'mysql2/promise';

/** The simulator's control channel: how journeys set the scene. Never used by the console. */
export class SimControl {
  constructor(private readonly base: string) {}

  private async post(path: string, body: unknown = {}): Promise<unknown> {
    const res = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`simulator control ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  }

  reset = () => this.post('/reset');
  setSpeed = (speed: number) => this.post('/clock/speed', { speed });
  setArchive = (tenant: string, action: 'stop' | 'resume' | 'interrupt') =>
    this.post('/archive', { tenant, action });
  dropConnections = (refuseSeconds = 0) => this.post('/connections/drop', { refuseSeconds });
  failNextTask = (tenant: string, result: number, comment?: string) =>
    this.post('/faults/fail-next-task', { tenant, result, comment });
}

export const PASSWORD = 'oceanbase';

/** A statement typed at obclient as root@sys, for scene-setting that is ordinary SQL. */
export async function sqlAsRoot(statement: string): Promise<void> {
  const c = await mysql.createConnection({
    host: '127.0.0.1',
    port: Number(process.env.E2E_SIM_PORT ?? 28810),
    user: 'root@sys',
    password: PASSWORD,
  });
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

interface Fixtures {
  sim: SimControl;
  loginAs: (user: string, tenant: string) => Promise<void>;
  shot: (name: string) => Promise<void>;
}

export const test = base.extend<Fixtures>({
  // Every journey starts from the simulator's demo state and leaves it that way.
  // Playwright reads a fixture's dependencies from this destructuring; this one has none.
  // eslint-disable-next-line no-empty-pattern
  sim: async ({}, use) => {
    const sim = new SimControl(`http://127.0.0.1:${process.env.E2E_SIM_CONTROL_PORT ?? 28860}`);
    await sim.reset();
    await use(sim);
    await sim.reset();
  },
  loginAs: async ({ page }, use) => {
    await use(async (user, tenant) => {
      await page.goto('/login');
      await page.getByLabel('Tenant').fill(tenant);
      await page.getByLabel('User').fill(user);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      await expect(page.getByRole('heading', { name: 'Tenants' })).toBeVisible();
    });
  },
  // Screenshots of each main screen, kept as test artifacts (test-results/, not committed).
  shot: async ({ page }, use, testInfo) => {
    await use(async (name) => {
      await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
    });
  },
});

export { expect };

/** The tenants table row of one tenant. */
export function tenantRow(page: Page, name: string) {
  return page.getByRole('row').filter({ hasText: name });
}

/**
 * Selects one tenant, opens the backup dialog of that type and goes past the options and
 * encryption steps with their defaults: the dialog, on its review step.
 */
export async function reviewBackupOf(page: Page, tenant: string, type: 'Full' | 'Incremental') {
  await tenantRow(page, tenant)
    .getByRole('checkbox', { name: `Select ${tenant}` })
    .check();
  await page.getByRole('button', { name: `${type} backup` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByRole('button', { name: 'Next' }).click();
  return dialog;
}
