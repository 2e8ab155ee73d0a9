import type { SqlType } from './column-types.js';
import { usecToTextSql } from './time.js';

/** How a view column is computed from its inner table, and the helpers that build them. */

export interface ViewColumn {
  name: string;
  type: SqlType;
  /** SQL over the inner table; `off` is the session's offset in minutes, `source` the table. */
  expr: (off: number, source: string) => string;
}

export interface ViewFamily {
  /** Without the CDB_/DBA_ prefix, e.g. OB_BACKUP_JOBS. */
  name: string;
  /** SELECT … FROM source, or a UNION of two tables. */
  sources: string[];
  columns: ViewColumn[];
}

export const col = (name: string, type: SqlType, expr?: string): ViewColumn => ({
  name,
  type,
  expr: () => expr ?? name.toLowerCase(),
});
export const tsCol = (name: string, usecColumn: string, nullWhenZero: boolean): ViewColumn => ({
  name,
  type: 'ts6',
  expr: (off) =>
    nullWhenZero
      ? `CASE WHEN ${usecColumn} = 0 THEN NULL ELSE ${usecToTextSql(usecColumn, off)} END`
      : usecToTextSql(usecColumn, off),
});
export const scnDisplay = (name: string, scnColumn: string): ViewColumn => ({
  name,
  type: 'ts6',
  expr: (off) =>
    `CASE WHEN ${scnColumn} = 0 THEN NULL ELSE ${usecToTextSql(`${scnColumn} / 1000`, off)} END`,
});
export const userTenantOnly = (expr: string): string =>
  `CASE WHEN tenant_id = 1 OR tenant_id % 2 = 1 THEN NULL ELSE ${expr} END`;
export const rate = (name: string): ViewColumn =>
  col(
    name,
    'dec28_4',
    `CASE WHEN end_ts = 0 OR end_ts <= start_ts THEN 0 ELSE output_bytes * 1.0 / ((end_ts - start_ts) / 1000000.0) END`,
  );
export const progress = (name: string, total: string, finished: string): ViewColumn =>
  col(
    name,
    'dec26_2',
    `CASE WHEN ${total} = 0 THEN 0 WHEN ${finished} > ${total} THEN 99.99 ELSE ROUND(${finished} * 100.0 / ${total}, 2) END`,
  );
