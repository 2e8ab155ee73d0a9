import { mysqlColumnType, type SqlType } from './column-types.js';
import { recordedColumns } from './recorded-desc.js';

/** What DESC and information_schema.COLUMNS say about one view column. */
export interface DeclaredColumn {
  name: string;
  columnType: string;
  dataType: string;
  nullable: boolean;
  default: string | null;
  charMaxLength: number | null;
  precision: number | null;
  scale: number | null;
}

function fromTypeText(
  columnType: string,
): Pick<DeclaredColumn, 'dataType' | 'charMaxLength' | 'precision' | 'scale'> {
  const m = /^(\w+)(?:\((\d+)(?:,(\d+))?\))?/.exec(columnType);
  const dataType = m?.[1] ?? columnType;
  const a = m?.[2] === undefined ? null : Number(m[2]);
  const b = m?.[3] === undefined ? null : Number(m[3]);
  if (dataType === 'varchar' || dataType === 'char')
    return { dataType, charMaxLength: a, precision: null, scale: null };
  if (dataType === 'decimal') return { dataType, charMaxLength: null, precision: a, scale: b };
  if (dataType === 'bigint')
    return {
      dataType,
      charMaxLength: null,
      precision: columnType.includes('unsigned') ? 20 : 19,
      scale: 0,
    };
  return { dataType, charMaxLength: null, precision: null, scale: null };
}

/**
 * The simulator's columns of a view, in its own order, typed as OceanBase's recorded DESC says
 * (catalog/recorded-desc.ts). A column the record lacks keeps the simulator's own type, nullable.
 */
export function declaredColumns(
  view: string,
  cols: readonly { name: string; type: SqlType; declared?: { type: string; nullable: boolean } }[],
): DeclaredColumn[] {
  const recorded = new Map((recordedColumns(view) ?? []).map((c) => [c.name, c]));
  return cols.map((c) => {
    const r =
      recorded.get(c.name) ??
      (c.declared && { type: c.declared.type, nullable: c.declared.nullable, default: null });
    if (r)
      return {
        name: c.name,
        ...fromTypeText(r.type),
        columnType: r.type,
        nullable: r.nullable,
        default: r.default,
      };
    const t = mysqlColumnType(c.type);
    return {
      name: c.name,
      columnType: t.columnType,
      dataType: t.dataType,
      nullable: true,
      default: null,
      charMaxLength: t.dataType === 'varchar' ? 4096 : null,
      precision: t.precision,
      scale: t.scale,
    };
  });
}
