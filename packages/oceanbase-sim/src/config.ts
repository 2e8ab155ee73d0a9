export type CompatibilityMode = 'MYSQL' | 'ORACLE';

export interface TenantOption {
  /** User tenants have even ids (1002, 1004, …); the meta tenant id - 1 is added automatically. */
  id: number;
  name: string;
  mode?: CompatibilityMode;
  /** DBA_OB_TENANTS.STATUS, default NORMAL. */
  status?: string;
  /** Log archiving DOING at start (default true). */
  archive?: boolean;
  /** Default `file:///data/backup/<name>/data`; null = not set. */
  dataBackupDest?: string | null;
  /** Default `file:///data/backup/<name>/archive`; null = not set. */
  archiveDest?: string | null;
}

export interface AccountOption {
  user: string;
  /** Tenant name, `sys` for the sys tenant. */
  tenant: string;
  password: string;
  /** admin: ALTER SYSTEM and everything; readonly: SELECT on oceanbase.* only. */
  role?: 'admin' | 'readonly';
}

export const DEFAULT_TENANTS: TenantOption[] = [
  { id: 1002, name: 'mysql_tenant', mode: 'MYSQL' },
  { id: 1004, name: 'oracle_tenant', mode: 'ORACLE' },
];

export const DEFAULT_ACCOUNTS: AccountOption[] = [
  { user: 'root', tenant: 'sys', password: 'oceanbase', role: 'admin' },
  { user: 'root', tenant: 'mysql_tenant', password: 'oceanbase', role: 'admin' },
  { user: 'SYS', tenant: 'oracle_tenant', password: 'oceanbase', role: 'admin' },
  { user: 'support', tenant: 'sys', password: 'oceanbase', role: 'readonly' },
];

export const OB_VERSION = '4.3.5.1';
export const DEFAULT_SERVER_VERSION = `5.7.25-OceanBase_CE-v${OB_VERSION}`;
export const VERSION_COMMENT = `OceanBase_CE ${OB_VERSION} (r101000012025022117-0e4f9e4b8b3cf5f0a6e7e2c1b0f4f3b6a2d9d8c1) (Built Feb 21 2025 17:12:32)`;
export const TENANT_COMPATIBLE = '4.3.5.1';
/** The address the simulated observer reports in COMMENT texts. */
export const OBSERVER_ADDR = '127.0.0.1:2882';
