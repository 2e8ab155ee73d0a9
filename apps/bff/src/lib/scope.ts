import type { TenantMode } from '@obconsole/contracts';
import { bind } from './sql-literals.js';

export type BackupView =
  | 'OB_BACKUP_JOBS'
  | 'OB_BACKUP_JOB_HISTORY'
  | 'OB_BACKUP_TASKS'
  | 'OB_BACKUP_TASK_HISTORY'
  | 'OB_BACKUP_SET_FILES'
  | 'OB_ARCHIVELOG'
  | 'OB_BACKUP_PARAMETER';

/**
 * What a session may read and how to spell it: sys reads CDB_ views (every tenant, with
 * TENANT_ID), a tenant reads its DBA_ views (no TENANT_ID column), and an Oracle-mode tenant
 * finds them in SYS and has no LIMIT.
 */
export class Scope {
  constructor(
    readonly mode: TenantMode,
    readonly isSys: boolean,
    readonly tenantId: number,
  ) {}

  private get schema(): string {
    return this.mode === 'ORACLE' ? 'SYS' : 'oceanbase';
  }

  view(name: BackupView): string {
    return `${this.schema}.${this.isSys ? 'CDB' : 'DBA'}_${name}`;
  }

  get tenantsView(): string {
    return `${this.schema}.DBA_OB_TENANTS`;
  }

  /** TENANT_ID as a select item: the column in CDB views, the session's own id otherwise. */
  get tenantIdColumn(): string {
    return this.isSys ? 'TENANT_ID' : `${this.tenantId} AS TENANT_ID`;
  }

  /** The TENANT_ID expression for WHERE and ORDER BY. */
  get tenantIdExpr(): string {
    return this.isSys ? 'TENANT_ID' : String(this.tenantId);
  }

  /** COMMENT is reserved in Oracle mode and must be quoted there. */
  get commentColumn(): string {
    return this.mode === 'ORACLE' ? '"COMMENT"' : 'COMMENT';
  }

  limit(n: number): string {
    return this.mode === 'ORACLE' ? `FETCH FIRST ${n} ROWS ONLY` : `LIMIT ${n}`;
  }

  bind(sql: string, values: readonly (string | number)[] = []): string {
    return bind(sql, values, this.mode);
  }
}
