import { createRequire } from 'node:module';
import initSqlJs from 'sql.js';
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import {
  CLEAN_TABLES_DDL,
  EVENT_TABLES_DDL,
  INNER_TABLES_DDL,
  familyViewSql,
  instanceName,
  tenantsViewSql,
  timestampIndexesDdl,
  viewFamilies,
} from './schema.js';
import type { SqlType, ViewFamily, ViewKind } from './schema.js';
import { declaredColumns } from './declared.js';

import { installParameterTables } from './parameters.js';
import { NAMED_VIEWS } from './named-views.js';
import type { NamedView } from './named-views.js';
import { offsetTag } from './inner-tables.js';
import { registerSqlFunctions } from './sql-functions.js';
import type { ExecContext } from './sql-functions.js';

export type { ExecContext } from './sql-functions.js';

let sqlJs: Promise<SqlJsStatic> | null = null;
function loadSqlJs(): Promise<SqlJsStatic> {
  if (!sqlJs) {
    const wasm = createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm');
    const config = { locateFile: () => wasm, useOldExtensionFunctions: false };
    sqlJs = initSqlJs(config);
  }
  return sqlJs;
}

export class Store {
  readonly db: Database;
  context: ExecContext;
  private readonly createdViews = new Set<string>();
  private readonly indexedOffsets = new Set<number>();
  private families: ViewFamily[];

  private constructor(
    db: Database,
    private readonly nowUs: () => number,
    dataProgressColumns: boolean,
    defaults: ExecContext,
  ) {
    this.db = db;
    this.context = defaults;
    this.families = viewFamilies(dataProgressColumns);
    registerSqlFunctions(this.db, this.nowUs, () => this.context);
  }

  static async create(options: {
    nowUs: () => number;
    dataProgressColumns: boolean;
    context: ExecContext;
    data?: Uint8Array;
  }): Promise<Store> {
    const SQL = await loadSqlJs();
    const db = options.data ? new SQL.Database(options.data) : new SQL.Database();
    const store = new Store(db, options.nowUs, options.dataProgressColumns, options.context);
    if (!options.data) db.exec(INNER_TABLES_DDL);
    // Tables added later: a data file of an older build gets them too.
    db.exec(CLEAN_TABLES_DDL);
    db.exec(EVENT_TABLES_DDL);
    installParameterTables(db);
    store.dropViews();
    store.ensureTimestampIndexes(480);
    return store;
  }

  get viewFamilies(): ViewFamily[] {
    return this.families;
  }

  /** Views are recreated lazily (a loaded data file may come from a build with other columns). */
  private dropViews(): void {
    const views =
      this.db.exec(`SELECT name FROM sqlite_master WHERE type = 'view'`)[0]?.values ?? [];
    for (const [name] of views) this.db.exec(`DROP VIEW IF EXISTS "${String(name)}"`);
    this.createdViews.clear();
  }

  ensureTimestampIndexes(off: number): void {
    if (this.indexedOffsets.has(off)) return;
    this.db.exec(timestampIndexesDdl(off));
    this.indexedOffsets.add(off);
  }

  /** The SQLite view for CDB_/DBA_<family> as seen by a tenant at an offset. */
  familyView(kind: ViewKind, family: ViewFamily, tenantId: number, off: number): string {
    const name = instanceName(kind, family.name, tenantId, off);
    if (!this.createdViews.has(name)) {
      this.ensureTimestampIndexes(off);
      this.db.exec(
        `CREATE VIEW IF NOT EXISTS "${name}" AS ${familyViewSql(kind, family, tenantId, off)}`,
      );
      this.createdViews.add(name);
    }
    return name;
  }

  /** The SQLite view for a named view (GV$OB_PARAMETERS, __all_tenant, ...) of a tenant at an offset. */
  namedView(view: NamedView, tenantId: number, off: number): string {
    const name = `v$N$${view.name}$${tenantId}$${offsetTag(off)}`;
    if (!this.createdViews.has(name)) {
      this.db.exec(`CREATE VIEW IF NOT EXISTS "${name}" AS ${view.sql(tenantId, off)}`);
      this.createdViews.add(name);
    }
    return name;
  }

  tenantsView(tenantId: number, off: number): string {
    const name = instanceName('TENANTS', 'DBA_OB_TENANTS', tenantId, off);
    if (!this.createdViews.has(name)) {
      this.db.exec(`CREATE VIEW IF NOT EXISTS "${name}" AS ${tenantsViewSql(tenantId, off)}`);
      this.createdViews.add(name);
    }
    return name;
  }

  /** information_schema.COLUMNS / TABLES for a tenant class ('sys' sees CDB_ views too). */
  infoSchemaView(table: 'COLUMNS' | 'TABLES', tenantClass: 'sys' | 'user' | 'oracle'): string {
    const name = `v$IS_${table}$${tenantClass}`;
    if (!this.createdViews.has(name)) {
      this.fillInfoSchema();
      const sql =
        table === 'COLUMNS'
          ? `SELECT TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, COLUMN_DEFAULT, IS_NULLABLE, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, COLUMN_TYPE, COLUMN_KEY, EXTRA, COLUMN_COMMENT FROM __is_columns WHERE tenant_class = '${tenantClass}'`
          : `SELECT DISTINCT 'def' AS TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME, 'SYSTEM VIEW' AS TABLE_TYPE, NULL AS ENGINE FROM __is_columns WHERE tenant_class = '${tenantClass}'`;
      this.db.exec(`CREATE VIEW IF NOT EXISTS "${name}" AS ${sql}`);
      this.createdViews.add(name);
    }
    return name;
  }

  private infoFilled = false;
  private fillInfoSchema(): void {
    if (this.infoFilled) return;
    this.infoFilled = true;
    this.db.exec('DELETE FROM __is_columns');
    const stmt = this.db.prepare(
      'INSERT INTO __is_columns VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
    );
    const add = (
      cls: string,
      schema: string,
      table: string,
      cols: { name: string; type: SqlType }[],
    ): void => {
      declaredColumns(table, cols).forEach((c, idx) => {
        stmt.run([
          cls,
          'def',
          schema,
          table,
          c.name,
          idx + 1,
          c.default,
          c.nullable ? 'YES' : 'NO',
          c.dataType,
          c.charMaxLength,
          c.precision,
          c.scale,
          c.columnType,
          '',
          '',
          '',
        ]);
      });
    };
    for (const f of this.families) {
      add('sys', 'oceanbase', `CDB_${f.name}`, f.columns);
      const dba = f.columns.filter((c) => c.name !== 'TENANT_ID');
      add('sys', 'oceanbase', `DBA_${f.name}`, dba);
      add('user', 'oceanbase', `DBA_${f.name}`, dba);
      add('oracle', 'SYS', `DBA_${f.name}`, dba);
    }
    for (const v of NAMED_VIEWS) {
      add('sys', 'oceanbase', v.name.startsWith('__') ? v.name.toLowerCase() : v.name, v.columns);
      if (!v.sysOnly) add('user', 'oceanbase', v.name, v.columns);
    }
    stmt.free();
  }

  /** A parameter's stored value (tenant_id 0 = cluster), or null when it was never set. */
  parameterValue(tenantId: number, name: string): string | null {
    const row = this.all('SELECT value FROM __sim_parameter WHERE tenant_id = ? AND name = ?', [
      tenantId,
      name,
    ])[0];
    return row ? String(row.value) : null;
  }

  setParameter(tenantId: number, name: string, value: string): void {
    this.run('INSERT OR REPLACE INTO __sim_parameter (tenant_id, name, value) VALUES (?, ?, ?)', [
      tenantId,
      name,
      value,
    ]);
  }

  /** Rows of a simple internal query, as plain objects. */
  all(sql: string, params: (string | number | bigint | null)[] = []): Record<string, SqlValue>[] {
    const stmt = this.db.prepare(sql);
    try {
      stmt.bind(params as SqlValue[]);
      const rows: Record<string, SqlValue>[] = [];
      while (stmt.step()) rows.push(stmt.getAsObject());
      return rows;
    } finally {
      stmt.free();
    }
  }

  run(sql: string, params: (string | number | bigint | null)[] = []): void {
    const stmt = this.db.prepare(sql);
    try {
      stmt.run(params as SqlValue[]);
    } finally {
      stmt.free();
    }
  }

  /** Bulk loads run faster when the indexes are built once afterwards (a sort, not 200k inserts). */
  withoutIndexes<T>(tables: string[], f: () => T): T {
    const list = tables.map((t) => `'${t}'`).join(',');
    const indexes = this.all(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${list})`,
    );
    for (const ix of indexes) this.db.exec(`DROP INDEX "${String(ix.name)}"`);
    try {
      return f();
    } finally {
      for (const ix of indexes) this.db.exec(String(ix.sql));
    }
  }

  transaction<T>(f: () => T): T {
    this.db.exec('BEGIN');
    try {
      const r = f();
      this.db.exec('COMMIT');
      return r;
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
  }

  /** sql.js closes and reopens the database on export, dropping registered functions. */
  export(): Uint8Array {
    const data = this.db.export();
    registerSqlFunctions(this.db, this.nowUs, () => this.context);
    return data;
  }

  close(): void {
    this.db.close();
  }
}
