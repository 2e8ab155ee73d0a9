import { test as base, expect, type Page } from '@playwright/test';
import mysql from 'mysql2/promise';
import { consoleNamed, type ConsolePorts } from './consoles';

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
  /**
   * Stops the simulated clock: what runs stays exactly where it is, however long the journey
   * takes to look at it (a busy machine must not let a backup finish under a check).
   */
  freezeClock = () => this.post('/clock/manual', { manual: true });
  /** Lets the clock run again, at this speed. */
  runClock = async (speed: number) => {
    await this.post('/clock/manual', { manual: false });
    await this.setSpeed(speed);
  };
  setArchive = (tenant: string, action: 'stop' | 'resume' | 'interrupt') =>
    this.post('/archive', { tenant, action });
  dropConnections = (refuseSeconds = 0) => this.post('/connections/drop', { refuseSeconds });
  failNextTask = (tenant: string, result: number, comment?: string) =>
    this.post('/faults/fail-next-task', { tenant, result, comment });
}

export const PASSWORD = 'oceanbase';

/** The embedded default's two simulated clusters, and where each one's control channel listens. */
export const CLUSTERS = {
  hz: { id: 'obcluster-hz', name: 'obcluster-hz (Hangzhou)' },
  sh: { id: 'obcluster-sh', name: 'obcluster-sh (Shanghai)' },
} as const;
export type ClusterKey = keyof typeof CLUSTERS;

/** The second cluster's simulator sits two ports up (SIM_PORT+2, SIM_CONTROL_PORT+2). */
const controlBase = (c: ConsolePorts, cluster: ClusterKey) =>
  `http://127.0.0.1:${c.controlPort + (cluster === 'sh' ? 2 : 0)}`;

/** Signs this page's browser in to a cluster through the API (for journeys about other things). */
export async function signInByApi(
  page: Page,
  user: string,
  tenant: string,
  cluster: ClusterKey = 'hz',
): Promise<void> {
  const res = await page.request.post(`/api/clusters/${CLUSTERS[cluster].id}/session`, {
    data: { tenant, user, password: PASSWORD },
  });
  expect(res.status()).toBe(200);
}

interface Fixtures {
  /**
   * Which console of e2e/consoles.ts this journey uses: by default the worker's own; a journey
   * that needs special settings names its console with test.use({ consoleName }).
   */
  consoleName: string | undefined;
  /** The console's ports (its BFF, its simulators and their control channels). */
  consolePorts: ConsolePorts;
  /** A statement typed at obclient as root@sys on obcluster-hz, for scene-setting that is ordinary SQL. */
  sqlAsRoot: (statement: string) => Promise<void>;
  /** obcluster-hz's simulator (the one the single-cluster journeys use). */
  sim: SimControl;
  /** obcluster-sh's simulator. */
  simSh: SimControl;
  /** Through the login form, on the cluster given (obcluster-hz by default). */
  loginAs: (user: string, tenant: string, cluster?: ClusterKey) => Promise<void>;
  shot: (name: string) => Promise<void>;
}

export const test = base.extend<Fixtures>({
  consoleName: [undefined, { option: true }],
  consolePorts: async ({ consoleName }, use, testInfo) => {
    await use(consoleNamed(consoleName ?? `worker-${testInfo.parallelIndex}`));
  },
  baseURL: async ({ consolePorts }, use) => {
    await use(`http://127.0.0.1:${consolePorts.port}`);
  },
  sqlAsRoot: async ({ consolePorts }, use) => {
    await use(async (statement) => {
      const c = await mysql.createConnection({
        host: '127.0.0.1',
        port: consolePorts.simPort,
        user: 'root@sys',
        password: PASSWORD,
      });
      try {
        await c.query(statement);
      } finally {
        await c.end();
      }
    });
  },
  // Every journey starts from the simulators' demo state and leaves it that way: both clusters
  // are reset, whichever a journey uses, so none leaves the other one changed.
  sim: async ({ consolePorts }, use) => {
    const sim = new SimControl(controlBase(consolePorts, 'hz'));
    const other = new SimControl(controlBase(consolePorts, 'sh'));
    await Promise.all([sim.reset(), other.reset()]);
    await use(sim);
    await Promise.all([sim.reset(), other.reset()]);
  },
  simSh: async ({ sim, consolePorts }, use) => {
    // Reset with obcluster-hz's by the sim fixture, which this one depends on.
    void sim;
    await use(new SimControl(controlBase(consolePorts, 'sh')));
  },
  loginAs: async ({ page }, use) => {
    await use(async (user, tenant, cluster = 'hz') => {
      // ?cluster= picks the cluster in the form, as the header's "sign in to another" does.
      await page.goto(`/login?cluster=${CLUSTERS[cluster].id}`);
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
  // Each step is waited for: on a busy machine a second click could land while the first
  // step still shows, and the journey would wait on a review step that never comes.
  await dialog.getByRole('button', { name: 'Next' }).click();
  await expect(dialog.getByRole('group', { name: /^Step 2 of 3/ })).toBeVisible();
  await dialog.getByRole('button', { name: 'Next' }).click();
  await expect(dialog.getByRole('group', { name: /^Step 3 of 3/ })).toBeVisible();
  return dialog;
}
