import type { ColumnDef } from '../protocol/types.js';

export type SqlType =
  | 'bigint'
  | 'ubigint'
  | 'varchar'
  | 'longtext'
  | 'ts6'
  | 'dec28_4'
  | 'dec26_2'
  | 'dec22_0'
  | 'double';

/** Wire metadata for a column type, MySQL mode or Oracle mode. */
export function columnDef(name: string, type: SqlType, table: string, oracle: boolean): ColumnDef {
  const base = { name, table, schema: oracle ? 'SYS' : 'oceanbase' };
  if (oracle) {
    switch (type) {
      case 'bigint':
      case 'ubigint':
      case 'double':
        // NUMBER: Oracle mode has no integer or binary floating column in these views.
        return { ...base, type: 'NEWDECIMAL', decimals: 0, length: 38 };
      case 'dec28_4':
        return { ...base, type: 'NEWDECIMAL', decimals: 4, length: 28 };
      case 'dec26_2':
        return { ...base, type: 'NEWDECIMAL', decimals: 2, length: 26 };
      case 'dec22_0':
        return { ...base, type: 'NEWDECIMAL', decimals: 0, length: 22 };
      case 'ts6':
        return { ...base, type: 'VAR_STRING', length: 256 };
      case 'longtext':
        return { ...base, type: 'BLOB' };
      default:
        return { ...base, type: 'VAR_STRING', length: 4096 };
    }
  }
  switch (type) {
    case 'bigint':
      return { ...base, type: 'LONGLONG', length: 20 };
    case 'ubigint':
      return { ...base, type: 'LONGLONG', unsigned: true, length: 20 };
    case 'dec28_4':
      return { ...base, type: 'NEWDECIMAL', decimals: 4, length: 30 };
    case 'dec26_2':
      return { ...base, type: 'NEWDECIMAL', decimals: 2, length: 28 };
    case 'dec22_0':
      return { ...base, type: 'NEWDECIMAL', decimals: 0, length: 23 };
    case 'double':
      return { ...base, type: 'DOUBLE', length: 23 };
    case 'ts6':
      return { ...base, type: 'TIMESTAMP', decimals: 6, length: 26 };
    case 'longtext':
      return { ...base, type: 'BLOB' };
    default:
      return { ...base, type: 'VAR_STRING', length: 4096 };
  }
}

export function mysqlColumnType(type: SqlType): {
  dataType: string;
  columnType: string;
  precision: number | null;
  scale: number | null;
} {
  switch (type) {
    case 'bigint':
      return { dataType: 'bigint', columnType: 'bigint(20)', precision: 19, scale: 0 };
    case 'ubigint':
      return { dataType: 'bigint', columnType: 'bigint(20) unsigned', precision: 20, scale: 0 };
    case 'dec28_4':
      return { dataType: 'decimal', columnType: 'decimal(28,4)', precision: 28, scale: 4 };
    case 'dec26_2':
      return { dataType: 'decimal', columnType: 'decimal(26,2)', precision: 26, scale: 2 };
    case 'dec22_0':
      return { dataType: 'decimal', columnType: 'decimal(22,0)', precision: 22, scale: 0 };
    case 'double':
      return { dataType: 'double', columnType: 'double', precision: 22, scale: null };
    case 'ts6':
      return { dataType: 'timestamp', columnType: 'timestamp(6)', precision: null, scale: null };
    case 'longtext':
      return { dataType: 'longtext', columnType: 'longtext', precision: null, scale: null };
    default:
      return { dataType: 'varchar', columnType: 'varchar(4096)', precision: null, scale: null };
  }
}
