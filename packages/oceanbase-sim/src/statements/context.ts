import type { Store } from '../catalog/store.js';
import type { AccountOption } from '../config.js';
import type { BackupEngine, EncryptionSetting, TenantState } from '../engine/engine.js';
import type { CellValue, ColumnDef, ResultSet, StatementResult } from '../protocol/types.js';

/** What the statement handlers read of the session that runs them. */
export interface StatementContext {
  readonly store: Store;
  readonly engine: BackupEngine;
  readonly tenant: TenantState;
  readonly account: AccountOption;
  readonly oracle: boolean;
  readonly isSys: boolean;
  readonly canAlterSystem: boolean;
  /** The current database (MySQL) or schema (Oracle); null = none selected. */
  readonly database: string | null;
  readonly sysvars: ReadonlyMap<string, string | number>;
  /** The backup encryption the session's `SET ENCRYPTION` chose. */
  encryption(): EncryptionSetting;
  parseErrorText(sql: string): string;
}

export const MYSQL_DATABASES = ['information_schema', 'mysql', 'oceanbase', 'test'];
export const ORACLE_SCHEMAS = ['OCEANBASE', 'SYS'];

export const vc = (name: string, type: ColumnDef['type'] = 'VAR_STRING'): ColumnDef => ({
  name,
  type,
  length: type === 'LONGLONG' ? 20 : 4096,
});
export const rs = (columns: ColumnDef[], rows: CellValue[][]): ResultSet => ({
  kind: 'resultset',
  columns,
  rows,
});
export const ok = (): StatementResult => ({ kind: 'ok', affectedRows: 0 });
