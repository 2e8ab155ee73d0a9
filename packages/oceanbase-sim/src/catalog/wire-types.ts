import type { ColumnDef } from '../protocol/types.js';
import type { DeclaredColumn } from './declared.js';

/**
 * The result-set metadata of a view column, from its declared (recorded DESC) type, as the
 * MySQL protocol describes such a column: bigint(20) [unsigned] → LONGLONG length 20,
 * decimal(p,s) → NEWDECIMAL length p + sign + point, varchar(n) → VAR_STRING of n characters,
 * longtext → BLOB (4 GiB), timestamp(6) / datetime(6) → TIMESTAMP / DATETIME with 6 decimals;
 * NOT NULL as DESC says.
 */
export function wireColumn(name: string, c: DeclaredColumn): ColumnDef {
  const base = { name, table: '', schema: 'oceanbase', nullable: c.nullable };
  const digits = /\((\d+)\)/.exec(c.columnType);
  const fraction = digits ? Number(digits[1]) : 0;
  switch (c.dataType) {
    case 'bigint':
      return {
        ...base,
        type: 'LONGLONG',
        length: 20,
        ...(c.columnType.includes('unsigned') ? { unsigned: true } : {}),
      };
    case 'decimal': {
      const p = c.precision ?? 65;
      const s = c.scale ?? 0;
      return { ...base, type: 'NEWDECIMAL', decimals: s, length: p + (s > 0 ? 1 : 0) + 1 };
    }
    case 'double':
      return { ...base, type: 'DOUBLE', length: 23 };
    case 'varchar':
    case 'char':
      return { ...base, type: 'VAR_STRING', length: c.charMaxLength ?? 4096 };
    case 'longtext':
      return { ...base, type: 'BLOB', length: 2 ** 30 };
    case 'timestamp':
      return {
        ...base,
        type: 'TIMESTAMP',
        decimals: fraction,
        length: 19 + (fraction ? fraction + 1 : 0),
      };
    case 'datetime':
      return {
        ...base,
        type: 'DATETIME',
        decimals: fraction,
        length: 19 + (fraction ? fraction + 1 : 0),
      };
    default:
      return { ...base, type: 'VAR_STRING', length: 4096 };
  }
}
