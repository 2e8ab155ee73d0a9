import type { Row } from '../../lib/db.js';
import { num, str } from '../../lib/rows.js';

type Run = (name: string, sql: string) => Promise<Row[]>;

/** MYSQL or ORACLE; SHOW VARIABLES reads the same in both modes. */
export async function selectCompatibilityMode(run: Run): Promise<string> {
  const rows = await run('probe-mode', "SHOW VARIABLES LIKE 'ob_compatibility_mode'");
  return rows[0] ? str(rows[0], 'Value').toUpperCase() : 'MYSQL';
}

/** e.g. 5.7.25-OceanBase_CE-v4.3.5.1 */
export async function selectVersion(run: Run): Promise<string> {
  const rows = await run('probe-version', "SHOW VARIABLES LIKE 'version'");
  return rows[0] ? str(rows[0], 'Value') : '';
}

/** A user tenant's DBA_OB_TENANTS shows the tenant itself. */
export async function selectOwnTenant(
  run: Run,
  mode: string,
): Promise<{ tenantId: number; name: string } | null> {
  const schema = mode === 'ORACLE' ? 'SYS' : 'oceanbase';
  const rows = await run(
    'probe-tenant',
    `SELECT TENANT_ID, TENANT_NAME FROM ${schema}.DBA_OB_TENANTS WHERE TENANT_TYPE = 'USER'`,
  );
  const r = rows[0];
  return r ? { tenantId: num(r, 'TENANT_ID'), name: str(r, 'TENANT_NAME') } : null;
}

/** MySQL mode: a global grant of ALL PRIVILEGES or one that lists ALTER SYSTEM. */
export async function selectCanAlterSystemMysql(run: Run): Promise<boolean> {
  const rows = await run('probe-grants', 'SHOW GRANTS');
  return rows.some((r) => {
    const first = Object.values(r)[0];
    const line = typeof first === 'string' ? first : '';
    const m = /^GRANT\s+(.+?)\s+ON\s+\*\.\*\s+TO\b/i.exec(line);
    return m !== null && /\bALL(\s+PRIVILEGES)?\b|\bALTER\s+SYSTEM\b/i.test(m[1]!);
  });
}

/** Oracle mode: ALTER SYSTEM is a system privilege, listed in SESSION_PRIVS when held. */
export async function selectCanAlterSystemOracle(run: Run): Promise<boolean> {
  const rows = await run(
    'probe-privs',
    "SELECT PRIVILEGE FROM SESSION_PRIVS WHERE PRIVILEGE = 'ALTER SYSTEM'",
  );
  return rows.length > 0;
}
