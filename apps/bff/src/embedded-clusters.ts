import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { DemoAccount } from '@obconsole/contracts';
import type { AccountOption, TenantOption } from '@obconsole/oceanbase-sim';
import type { ClusterSetting } from './config-clusters.js';
import { Secret } from './lib/secret.js';

/** The demo password of every embedded account except the service accounts. */
export const DEMO_PASSWORD = 'oceanbase';

/** The account the console itself uses on an embedded cluster (its password is never shown). */
export const SERVICE_USER = 'console_svc';

export interface EmbeddedClusterSpec {
  id: string;
  name: string;
  tenants: TenantOption[];
  /** Logins for people, all with DEMO_PASSWORD. */
  accounts: AccountOption[];
  demoAccounts: DemoAccount[];
  /** Different seeds give each cluster its own sizes, durations and demo history. */
  seed: number;
  /** Added to SIM_PORT / SIM_CONTROL_PORT (the e2e short-idle server takes +1 and +3). */
  portOffset: number;
}

const operator = (): DemoAccount => ({
  tenant: 'sys',
  user: 'root',
  role: 'cluster operator (ALTER SYSTEM)',
  roleKey: 'operator',
});
const support = (): DemoAccount => ({
  tenant: 'sys',
  user: 'support',
  role: 'read-only support (SELECT on oceanbase.*)',
  roleKey: 'support',
});

export const EMBEDDED_CLUSTERS: EmbeddedClusterSpec[] = [
  {
    id: 'obcluster-hz',
    name: 'obcluster-hz (Hangzhou)',
    tenants: [
      { id: 1002, name: 'mysql_tenant', mode: 'MYSQL' },
      { id: 1004, name: 'oracle_tenant', mode: 'ORACLE' },
    ],
    accounts: [
      { user: 'root', tenant: 'sys', password: DEMO_PASSWORD, role: 'admin' },
      { user: 'root', tenant: 'mysql_tenant', password: DEMO_PASSWORD, role: 'admin' },
      { user: 'SYS', tenant: 'oracle_tenant', password: DEMO_PASSWORD, role: 'admin' },
      { user: 'support', tenant: 'sys', password: DEMO_PASSWORD, role: 'readonly' },
    ],
    // roleKey: the web says the role in the user's language; role stays for API clients and the log.
    demoAccounts: [
      operator(),
      {
        tenant: 'mysql_tenant',
        user: 'root',
        role: 'tenant admin, MySQL mode',
        roleKey: 'tenantAdminMysql',
      },
      {
        tenant: 'oracle_tenant',
        user: 'SYS',
        role: 'tenant admin, Oracle mode',
        roleKey: 'tenantAdminOracle',
      },
      support(),
    ],
    seed: 1,
    portOffset: 0,
  },
  {
    id: 'obcluster-sh',
    name: 'obcluster-sh (Shanghai)',
    // 1002 on purpose: the same tenant id as mysql_tenant in obcluster-hz, which must never mix.
    tenants: [{ id: 1002, name: 'trade_tenant', mode: 'MYSQL' }],
    accounts: [
      { user: 'root', tenant: 'sys', password: DEMO_PASSWORD, role: 'admin' },
      { user: 'root', tenant: 'trade_tenant', password: DEMO_PASSWORD, role: 'admin' },
      { user: 'support', tenant: 'sys', password: DEMO_PASSWORD, role: 'readonly' },
    ],
    demoAccounts: [
      operator(),
      {
        tenant: 'trade_tenant',
        user: 'root',
        role: 'tenant admin, MySQL mode',
        roleKey: 'tenantAdminMysql',
      },
      support(),
    ],
    seed: 7,
    portOffset: 2,
  },
];

/** A fresh password for a service account, held in memory only. */
export function generatedServicePassword(): Secret {
  return new Secret(randomBytes(24).toString('base64url'));
}

/** data.sqlite → data.obcluster-hz.sqlite: each embedded cluster persists to its own file. */
export function dataFileFor(dataFile: string | undefined, id: string): string | undefined {
  if (!dataFile) return undefined;
  const ext = path.extname(dataFile);
  return `${dataFile.slice(0, dataFile.length - ext.length)}.${id}${ext}`;
}

export interface EmbeddedStart {
  sqlPort: number;
  controlPort: number | null;
  close(): Promise<void>;
}

/**
 * Starts every embedded cluster with `start` (the simulator, or a test's variant of it) and
 * returns them as configured clusters, each with its service account.
 */
export async function startEmbeddedClusters(
  start: (spec: EmbeddedClusterSpec, serviceAccount: AccountOption) => Promise<EmbeddedStart>,
): Promise<{ clusters: ClusterSetting[]; started: EmbeddedStart[]; close(): Promise<void> }> {
  const clusters: ClusterSetting[] = [];
  const started: EmbeddedStart[] = [];
  try {
    for (const spec of EMBEDDED_CLUSTERS) {
      const password = generatedServicePassword();
      const sim = await start(spec, {
        user: SERVICE_USER,
        tenant: 'sys',
        password: password.reveal(),
        role: 'admin',
      });
      started.push(sim);
      clusters.push({
        id: spec.id,
        name: spec.name,
        target: { host: '127.0.0.1', port: sim.sqlPort },
        simulated: true,
        demoAccounts: spec.demoAccounts,
        serviceAccount: { user: SERVICE_USER, tenant: 'sys', password },
      });
    }
  } catch (e) {
    await Promise.all(started.map((s) => s.close()));
    throw e;
  }
  return {
    clusters,
    started,
    close: async () => {
      await Promise.all(started.map((s) => s.close()));
    },
  };
}
