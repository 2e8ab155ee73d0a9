import type { SqlType } from './column-types.js';

/** A view other than the backup families, built as a SQLite view per (name, tenant, offset). */
export interface NamedView {
  /** As the rewriter matches it: upper case. */
  name: string;
  /** Only the sys tenant has it (a user tenant gets 1146). */
  sysOnly: boolean;
  columns: NamedViewColumn[];
  sql: (tenantId: number, off: number) => string;
}

export interface NamedViewColumn {
  name: string;
  type: SqlType;
  /** DESC's type and nullability where OceanBase documents them (else the type's generic one). */
  declared?: { type: string; nullable: boolean };
}
