import type { Store } from '../catalog/store.js';
import { mysqlColumnType, TENANT_COLUMNS } from '../catalog/schema.js';
import { formatTimeZone, parseTimeZone } from '../catalog/time.js';
import type { AccountOption } from '../config.js';
import { OB_VERSION } from '../config.js';
import type { BackupEngine, EncryptionSetting, TenantState } from '../engine/engine.js';
import { ObErrors } from '../errors.js';
import { SqlError } from '../protocol/types.js';
import type { CellValue, ColumnDef, LoginIdentity, ProtocolSession, ResultSet, StatementResult } from '../protocol/types.js';
import { parseStatement } from './parser.js';
import type { NameRef, SetValue, Statement } from './parser.js';
import type { SelectContext, SelectRunner } from './select.js';
import { tokenize } from './tokenizer.js';
import type { TenantGlobals } from './globals.js';
import { defaultSysvars, likeToRegExp } from './variables.js';

/** What a session needs from the cluster. */
export interface SessionHost {
  readonly store: Store;
  readonly engine: BackupEngine;
  readonly selects: SelectRunner;
  readonly serverVersion: string;
  readonly sqlPort: number;
  /** Called on receipt of every statement (stats and the statement log). */
  record(session: SimSession, sql: string): void;
  /** SET GLOBAL values of a tenant: new sessions of the tenant start with them. */
  readonly globalVars: TenantGlobals;
  sessionClosed(session: SimSession): void;
}

const ENC_MODE_VAR = '__ob_backup_encryption_mode__';
const ENC_PASSWD_VAR = '__ob_backup_encryption_passwd__';
const DECRYPTION_VAR = '__ob_backup_decryption_passwd_array__';

const MYSQL_DATABASES = ['information_schema', 'mysql', 'oceanbase', 'test'];
const ORACLE_SCHEMAS = ['OCEANBASE', 'SYS'];

const BACKUP_PARAMS = new Set(['data_backup_dest', 'log_archive_dest', 'log_archive_dest_1', 'log_archive_dest_state', 'log_archive_dest_state_1']);
const TENANT_PARAMS = new Map<string, { info: string; def: string }>([
  ['ha_low_thread_score', { info: 'the current work thread score of high availability low thread. Range: [0,100] in integer. Especially, 0 means default value', def: '0' }],
  ['log_archive_concurrency', { info: 'log archive concurrency, for both archive fetcher and sender. Range: [0, 100] in integer', def: '0' }],
]);

const vc = (name: string, type: ColumnDef['type'] = 'VAR_STRING'): ColumnDef => ({ name, type, length: type === 'LONGLONG' ? 20 : 4096 });
const rs = (columns: ColumnDef[], rows: CellValue[][]): ResultSet => ({ kind: 'resultset', columns, rows });
const ok = (): StatementResult => ({ kind: 'ok', affectedRows: 0 });

export class SimSession implements ProtocolSession {
  readonly oracle: boolean;
  readonly accountKey: string;
  private readonly sysvars: Map<string, string | number>;
  private readonly uservars = new Map<string, string | number | null>();
  private database: string | null;
  private offsetMinutes = 480;
  closed = false;

  constructor(
    private readonly host: SessionHost,
    readonly identity: LoginIdentity,
    readonly account: AccountOption,
    readonly tenant: TenantState,
  ) {
    this.oracle = tenant.mode === 'ORACLE';
    this.accountKey = `${account.user}@${tenant.name}`;
    this.sysvars = defaultSysvars(host.serverVersion, this.oracle, host.sqlPort);
    for (const [name, value] of host.globalVars.of(tenant.id)) this.sysvars.set(name, value);
    this.database = null;
    if (identity.database) this.initDb(identity.database);
    else if (this.oracle) this.database = account.user.toUpperCase();
  }

  /** How this session reads string literals (sql_mode NO_BACKSLASH_ESCAPES turns escapes off). */
  get lex(): { mode: 'MYSQL' | 'ORACLE'; backslashEscapes: boolean } {
    const sqlMode = String(this.sysvars.get('sql_mode') ?? '').toUpperCase();
    return { mode: this.oracle ? 'ORACLE' : 'MYSQL', backslashEscapes: !this.oracle && !/(^|,)NO_BACKSLASH_ESCAPES(,|$)/.test(sqlMode) };
  }

  get isSys(): boolean {
    return this.tenant.id === 1;
  }

  get canAlterSystem(): boolean {
    return (this.account.role ?? 'admin') === 'admin';
  }

  initDb(database: string): void {
    if (this.oracle) {
      const upper = database.toUpperCase();
      if (!ORACLE_SCHEMAS.includes(upper) && upper !== this.account.user.toUpperCase()) throw ObErrors.unknownDatabase(database);
      this.database = upper;
      return;
    }
    const found = MYSQL_DATABASES.find((d) => d === database.toLowerCase());
    if (!found) throw ObErrors.unknownDatabase(database);
    this.database = found;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.host.sessionClosed(this);
  }

  execute(sql: string): StatementResult {
    this.host.record(this, sql);
    this.host.engine.tick();
    this.host.store.context = {
      offsetMinutes: this.offsetMinutes,
      tenantId: this.tenant.id,
      database: this.database,
      connectionId: this.identity.connectionId,
      user: this.account.user,
      lastInsertId: 0,
      serverVersion: this.host.serverVersion,
      obVersion: OB_VERSION,
    };
    const { mode, backslashEscapes } = this.lex;
    if (tokenize(sql, mode, { backslashEscapes }).length === 1) throw ObErrors.emptyQuery();
    const stmt = parseStatement(sql, mode, { backslashEscapes });
    return this.dispatch(sql, stmt);
  }

  private dispatch(sql: string, stmt: Statement): StatementResult {
    switch (stmt.kind) {
      case 'select':
        return this.host.selects.run(sql, stmt.tokens, this.selectContext());
      case 'backup':
        return this.backup(stmt);
      case 'cancelBackup':
        return this.cancel(stmt.tenants);
      case 'archivelog':
        return this.archivelog(stmt.enable, stmt.tenants);
      case 'alterSystemSet':
        return this.alterSystemSet(stmt.items, stmt.tenant);
      case 'setEncryption':
        // No privilege check: the resolver has none (reference §1.3 / §4).
        this.uservars.set(ENC_MODE_VAR, 'PASSWORD');
        this.uservars.set(ENC_PASSWD_VAR, stmt.password);
        return ok();
      case 'setDecryption':
        if (!this.isSys) throw ObErrors.notSupported('non-sys tenant set decryption is');
        this.uservars.set(DECRYPTION_VAR, stmt.passwords.join(','));
        return ok();
      case 'set':
        for (const item of stmt.items) this.setVariable(item.scope, item.name, item.value);
        return ok();
      case 'setNames':
        for (const v of ['character_set_client', 'character_set_connection', 'character_set_results']) this.sysvars.set(v, stmt.charset.toLowerCase());
        return ok();
      case 'setTransaction':
      case 'transaction':
        return ok();
      case 'alterSession':
        if (!this.oracle) throw new SqlError(1064, '42000', this.parseErrorText(sql));
        if (stmt.name === 'time_zone') {
          this.setVariable('session', 'time_zone', stmt.value);
          return ok();
        }
        if (this.sysvars.has(stmt.name)) {
          this.setVariable('session', stmt.name, stmt.value);
          return ok();
        }
        throw new SqlError(2248, 'HY000', 'ORA-02248: invalid option for ALTER SESSION');
      case 'use':
        this.initDb(stmt.database);
        return ok();
      case 'showDatabases':
        return this.showDatabases(stmt.like);
      case 'showTables':
        return this.showTables(stmt.database, stmt.like, stmt.full);
      case 'showVariables':
        return this.showVariables(stmt.like);
      case 'showGrants':
        return this.showGrants();
      case 'showWarnings':
        return rs([vc('Level'), vc('Code', 'LONGLONG'), vc('Message')], []);
      case 'showParameters':
        return this.showParameters(stmt.like);
      case 'showColumns':
        return this.showColumns(stmt.table, stmt.database);
      case 'write':
        return this.write(sql);
    }
  }

  private parseErrorText(sql: string): string {
    return `You have an error in your SQL syntax; check the manual that corresponds to your OceanBase version for the right syntax to use near '${sql.trim().replace(/;+$/, '')}' at line 1`;
  }

  selectContext(): SelectContext {
    return {
      mode: this.oracle ? 'ORACLE' : 'MYSQL',
      tenantId: this.tenant.id,
      offset: this.offsetMinutes,
      database: this.oracle ? 'SYS' : this.database,
      account: this.accountKey,
      sysvar: (name) => this.readSysvar(name),
      uservar: (name) => this.uservars.get(name) ?? null,
    };
  }

  private readSysvar(raw: string): string | number | null {
    const parts = raw.toLowerCase().split('.');
    const name = parts.length === 2 && ['session', 'global', 'local'].includes(parts[0] ?? '') ? (parts[1] ?? '') : raw.toLowerCase();
    const v = this.sysvars.get(name);
    if (v === undefined) throw ObErrors.unknownSysvar(name);
    return v;
  }

  private setVariable(scope: 'session' | 'global' | 'user', name: string, value: SetValue): void {
    let v: string | number | null;
    switch (value.kind) {
      case 'string':
        v = value.value;
        break;
      case 'number':
        v = Number(value.value);
        break;
      case 'null':
        v = null;
        break;
      case 'sysvar':
        v = this.readSysvar(value.name);
        break;
      case 'word':
        v = value.value;
        break;
    }
    if (scope === 'user') {
      this.uservars.set(name, v);
      return;
    }
    if (!this.sysvars.has(name)) throw ObErrors.unknownSysvar(name);
    if (scope === 'global' && name === 'sql_mode') {
      // As in MySQL: the tenant's later sessions get it, this one keeps its own.
      this.host.globalVars.set(this.tenant.id, name, String(v ?? ''));
      return;
    }
    if (name === 'time_zone') {
      const text = v === null ? '' : String(v);
      const off = value.kind === 'word' && text.toUpperCase() === 'DEFAULT' ? 480 : parseTimeZone(text);
      if (off === null) throw ObErrors.unknownTimeZone(text);
      this.offsetMinutes = off;
      this.sysvars.set('time_zone', text.toUpperCase() === 'SYSTEM' ? 'SYSTEM' : formatTimeZone(off));
      return;
    }
    if (name === 'autocommit' || name === 'foreign_key_checks' || name === 'sql_auto_is_null') {
      const s = String(v).toUpperCase();
      this.sysvars.set(name, s === 'ON' || s === '1' || s === 'TRUE' ? 1 : 0);
      return;
    }
    if (value.kind === 'word' && String(v).toUpperCase() === 'DEFAULT') return;
    this.sysvars.set(name, v ?? '');
  }

  // ---------------------------------------------------------------- ALTER SYSTEM

  private requireAlterSystem(): void {
    if (!this.canAlterSystem) throw ObErrors.noPrivilege('ALTER SYSTEM');
  }

  private encryption(): EncryptionSetting {
    const mode = this.uservars.get(ENC_MODE_VAR);
    if (mode === undefined || mode === null) return { mode: 'NONE', passwd: '' };
    return { mode: String(mode).toUpperCase() === 'PASSWORD' ? 'PASSWORD' : 'NONE', passwd: String(this.uservars.get(ENC_PASSWD_VAR) ?? '') };
  }

  private backup(stmt: Extract<Statement, { kind: 'backup' }>): StatementResult {
    this.requireAlterSystem();
    if (stmt.to !== null) throw ObErrors.notSupported('backup do not support using specify path');
    const description = stmt.description ?? '';
    if (description.length > 4096) throw ObErrors.dataTooLong('description');
    const opts = { plusArchivelog: stmt.plusArchivelog, description, encryption: this.encryption() };
    const engine = this.host.engine;
    if (!this.isSys) {
      if (stmt.tenants) throw ObErrors.notSupported('user tenant cannot specify tenant names');
      engine.startTenantBackup(this.tenant, stmt.incremental, opts);
      return ok();
    }
    if (stmt.database) {
      engine.startSysBackup(null, stmt.incremental, opts);
      return ok();
    }
    if (!stmt.tenants) throw ObErrors.notSupported('No tenant name specified');
    engine.startSysBackup(engine.resolveTenantNames(stmt.tenants.map((t) => t.name)), stmt.incremental, opts);
    return ok();
  }

  private cancel(tenants: NameRef[] | null): StatementResult {
    this.requireAlterSystem();
    const engine = this.host.engine;
    if (!this.isSys) {
      if (tenants) throw ObErrors.notSupported();
      engine.cancel([this.tenant.id], false);
      return ok();
    }
    if (tenants) {
      engine.cancel(
        engine.resolveTenantNames(tenants.map((t) => t.name)).map((t) => t.id),
        false,
      );
      return ok();
    }
    engine.cancel(
      engine.userTenants().map((t) => t.id),
      true,
    );
    return ok();
  }

  private archivelog(enable: boolean, tenants: NameRef[] | null): StatementResult {
    this.requireAlterSystem();
    const engine = this.host.engine;
    const already = (): SqlError => (enable ? ObErrors.alreadyArchive() : ObErrors.alreadyNoArchive());
    const wanted = enable ? 'ARCHIVELOG' : 'NOARCHIVELOG';
    let targets: TenantState[];
    let all = false;
    if (!this.isSys) {
      if (tenants) throw ObErrors.noPrivilege();
      targets = [this.tenant];
    } else if (!tenants) {
      all = true;
      targets = engine.userTenants();
    } else {
      const lower = tenants.map((t) => t.name.toLowerCase());
      if (lower.includes('all_user') || lower.includes('all_meta')) {
        throw ObErrors.notSupported("use all_user/all_meta in 'ALTER SYSTEM ARCHIVELOG' syntax is");
      }
      if (lower.includes('all')) {
        if (lower.length > 1) throw ObErrors.notSupported();
        all = true;
        targets = engine.userTenants();
      } else targets = engine.resolveTenantNames(tenants.map((t) => t.name));
    }
    if (all) {
      targets = targets.filter((t) => t.status === 'NORMAL' && t.logMode !== wanted);
      if (targets.length === 0) throw already();
    } else {
      for (const t of targets) {
        if (t.status !== 'NORMAL') throw ObErrors.cannotStartArchive();
        if (t.logMode === wanted) throw already();
      }
    }
    engine.setLogMode(targets, enable);
    return ok();
  }

  private alterSystemSet(items: { name: string; value: SetValue }[], tenantRef: NameRef | null): StatementResult {
    this.requireAlterSystem();
    const engine = this.host.engine;
    let target: TenantState;
    if (!this.isSys) {
      if (tenantRef) throw ObErrors.notSupported('user tenant cannot specify tenant names');
      target = this.tenant;
    } else {
      if (!tenantRef) {
        if (items.some((i) => BACKUP_PARAMS.has(i.name))) throw ObErrors.notSupported('set backup dest for sys tenant');
        throw ObErrors.notSupported('set tenant parameter for sys tenant');
      }
      const [t] = engine.resolveTenantNames([tenantRef.name]);
      if (!t) throw ObErrors.invalidTenantName();
      target = t;
    }
    for (const { name, value } of items) {
      if (BACKUP_PARAMS.has(name)) {
        if (value.kind !== 'string') throw ObErrors.invalidArgument();
        if (name === 'data_backup_dest') engine.setDataBackupDest(target, value.value);
        else if (name.startsWith('log_archive_dest_state')) engine.setLogArchiveDestState(target, value.value);
        else engine.setLogArchiveDest(target, value.value);
      } else if (TENANT_PARAMS.has(name)) {
        const n = value.kind === 'number' || value.kind === 'string' ? Number(value.value) : NaN;
        if (!Number.isInteger(n) || n < 0 || n > 100) throw ObErrors.invalidConfig();
        tenantParams(target).set(name, String(n));
      } else throw ObErrors.invalidConfig();
    }
    return ok();
  }

  // ---------------------------------------------------------------- SHOW

  private showDatabases(like: string | null): StatementResult {
    const names = this.oracle ? ORACLE_SCHEMAS : MYSQL_DATABASES;
    const re = like === null ? null : likeToRegExp(like);
    return rs(
      [vc('Database')],
      names.filter((n) => !re || re.test(n)).map((n) => [n]),
    );
  }

  private visibleViews(): string[] {
    const names: string[] = ['DBA_OB_TENANTS'];
    for (const f of this.host.store.viewFamilies) {
      if (this.isSys) names.push(`CDB_${f.name}`);
      names.push(`DBA_${f.name}`);
    }
    return names.sort();
  }

  private showTables(database: string | null, like: string | null, full: boolean): StatementResult {
    const db = database ?? this.database;
    if (db === null) throw ObErrors.noDatabaseSelected();
    const isOb = db.toLowerCase() === 'oceanbase' || (this.oracle && db.toUpperCase() === 'SYS');
    if (!this.oracle && !MYSQL_DATABASES.includes(db.toLowerCase())) throw ObErrors.unknownDatabase(db);
    const re = like === null ? null : likeToRegExp(like);
    const names = isOb ? this.visibleViews().filter((n) => !re || re.test(n)) : [];
    const columns = [vc(`Tables_in_${db}`)];
    if (full) columns.push(vc('Table_type'));
    return rs(
      columns,
      names.map((n) => (full ? [n, 'SYSTEM VIEW'] : [n])),
    );
  }

  private showVariables(like: string | null): StatementResult {
    const re = like === null ? null : likeToRegExp(like);
    const rows = [...this.sysvars.entries()]
      .filter(([k]) => !re || re.test(k))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]): CellValue[] => [k, typeof v === 'number' && (k === 'autocommit' || k === 'foreign_key_checks') ? (v ? 'ON' : 'OFF') : String(v)]);
    return rs([vc('Variable_name'), vc('Value')], rows);
  }

  private showGrants(): StatementResult {
    const user = this.account.user;
    const rows: CellValue[][] =
      (this.account.role ?? 'admin') === 'admin'
        ? [[`GRANT ALL PRIVILEGES ON *.* TO '${user}' WITH GRANT OPTION`]]
        : [[`GRANT USAGE ON *.* TO '${user}'`], [`GRANT SELECT ON \`oceanbase\`.* TO '${user}'`]];
    return rs([vc(`Grants for ${user}@%`)], rows);
  }

  private showParameters(like: string | null): StatementResult {
    const re = like === null ? null : likeToRegExp(like);
    const columns = ['zone', 'svr_type', 'svr_ip', 'svr_port', 'name', 'data_type', 'value', 'info', 'section', 'scope', 'source', 'edit_level', 'default_value', 'isdefault'].map((n) =>
      vc(n, n === 'svr_port' || n === 'isdefault' ? 'LONGLONG' : 'VAR_STRING'),
    );
    const params = tenantParams(this.tenant);
    const rows: CellValue[][] = [];
    for (const [name, meta] of TENANT_PARAMS) {
      if (re && !re.test(name)) continue;
      const value = params.get(name) ?? meta.def;
      rows.push(['zone1', 'observer', '127.0.0.1', 2882, name, 'INT', value, meta.info, 'OBSERVER', 'TENANT', 'DEFAULT', 'DYNAMIC_EFFECTIVE', meta.def, value === meta.def ? 1 : 0]);
    }
    return rs(columns, rows);
  }

  private showColumns(table: string, database: string | null): StatementResult {
    const db = (database ?? this.database ?? '').toLowerCase();
    const upper = table.toUpperCase();
    const notFound = (): SqlError => (this.oracle ? ObErrors.oracleTableNotExist() : ObErrors.tableNotExist(`${database ?? this.database ?? 'oceanbase'}.${table}`));
    if (!this.oracle && db === '') throw ObErrors.noDatabaseSelected();
    if (!this.oracle && db !== 'oceanbase') throw notFound();
    let cols: { name: string; type: Parameters<typeof mysqlColumnType>[0] }[] | null = null;
    if (upper === 'DBA_OB_TENANTS') cols = TENANT_COLUMNS;
    for (const f of this.host.store.viewFamilies) {
      if (upper === `CDB_${f.name}` && this.isSys && !this.oracle) cols = f.columns;
      if (upper === `DBA_${f.name}`) cols = f.columns.filter((c) => c.name !== 'TENANT_ID');
    }
    if (!cols) throw notFound();
    return rs(
      [vc('Field'), vc('Type'), vc('Null'), vc('Key'), vc('Default'), vc('Extra')],
      cols.map((c) => [c.name, mysqlColumnType(c.type).columnType, 'YES', '', null, '']),
    );
  }

  private write(sql: string): StatementResult {
    const tokens = tokenize(sql, this.oracle ? 'ORACLE' : 'MYSQL');
    const verb = tokens[0]?.upper ?? '';
    if (!['INSERT', 'UPDATE', 'DELETE', 'REPLACE'].includes(verb)) throw new SqlError(1064, '42000', this.parseErrorText(sql));
    let k = 1;
    while (tokens[k] && tokens[k]?.type === 'word' && ['INTO', 'FROM', 'IGNORE', 'LOW_PRIORITY', 'QUICK'].includes(tokens[k]?.upper ?? '')) k++;
    let name = tokens[k]?.value ?? '';
    if (tokens[k + 1]?.value === '.' && tokens[k + 2]) name = tokens[k + 2]?.value ?? name;
    const upper = name.toUpperCase();
    const isView = upper === 'DBA_OB_TENANTS' || this.host.store.viewFamilies.some((f) => upper === `CDB_${f.name}` || upper === `DBA_${f.name}`);
    if (isView && !(upper.startsWith('CDB_') && !this.isSys)) throw ObErrors.notUpdatable(name, verb);
    throw this.oracle ? ObErrors.oracleTableNotExist() : ObErrors.tableNotExist(`${this.database ?? 'oceanbase'}.${name}`);
  }
}

const paramStore = new WeakMap<TenantState, Map<string, string>>();
function tenantParams(t: TenantState): Map<string, string> {
  let m = paramStore.get(t);
  if (!m) {
    m = new Map();
    paramStore.set(t, m);
  }
  return m;
}
