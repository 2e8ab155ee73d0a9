import type { Store } from '../catalog/store.js';
import type { AccountOption } from '../config.js';
import { OB_VERSION } from '../config.js';
import type { BackupEngine, EncryptionSetting, TenantState } from '../engine/engine.js';
import { ObErrors } from '../errors.js';
import { SqlError } from '../protocol/types.js';
import type {
  LoginIdentity,
  ParamValue,
  ProtocolSession,
  StatementResult,
} from '../protocol/types.js';
import { alterSystemSet, backup, cancel } from './alter-system.js';
import { archivelog } from './archivelog.js';
import { parseCleanStatement, runCleanStatement } from './delete-policy.js';
import { bindPlaceholders, countPlaceholders, rejectReservedWords } from './placeholders.js';
import type { StatementContext } from './context.js';
import { MYSQL_DATABASES, ORACLE_SCHEMAS, ok, rs, vc } from './context.js';
import { parseStatement } from './parser.js';
import type { Statement } from './parser.js';
import type { SelectContext, SelectRunner } from './select.js';
import {
  showColumns,
  showDatabases,
  showGrants,
  showParameters,
  showTables,
  showVariables,
  write,
} from './show.js';
import { tokenize } from './tokenizer.js';
import { ORACLE_VIEW_OFFSET } from '../catalog/time.js';
import { toOracleError } from '../oracle-errors.js';
import { backupPasswordHash } from '../engine/password.js';
import type { TenantGlobals } from './globals.js';
import { defaultSysvars } from './variables.js';
import { DECRYPTION_VAR, ENC_MODE_VAR, ENC_PASSWD_VAR, SessionVariables } from './session-vars.js';

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

export class SimSession implements ProtocolSession, StatementContext {
  readonly oracle: boolean;
  readonly accountKey: string;
  readonly sysvars: Map<string, string | number>;
  private readonly vars: SessionVariables;
  database: string | null;
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
    this.vars = new SessionVariables(this.sysvars, host.globalVars, tenant.id);
    this.database = null;
    if (identity.database) this.initDb(identity.database);
    else if (this.oracle) this.database = account.user.toUpperCase();
  }

  /** How this session reads string literals (sql_mode NO_BACKSLASH_ESCAPES turns escapes off). */
  get lex(): { mode: 'MYSQL' | 'ORACLE'; backslashEscapes: boolean } {
    const sqlMode = String(this.sysvars.get('sql_mode') ?? '').toUpperCase();
    return {
      mode: this.oracle ? 'ORACLE' : 'MYSQL',
      backslashEscapes: !this.oracle && !/(^|,)NO_BACKSLASH_ESCAPES(,|$)/.test(sqlMode),
    };
  }

  get isSys(): boolean {
    return this.tenant.id === 1;
  }

  get store(): Store {
    return this.host.store;
  }

  get engine(): BackupEngine {
    return this.host.engine;
  }

  get canAlterSystem(): boolean {
    return (this.account.role ?? 'admin') === 'admin';
  }

  initDb(database: string): void {
    if (this.oracle) {
      const upper = database.toUpperCase();
      if (!ORACLE_SCHEMAS.includes(upper) && upper !== this.account.user.toUpperCase())
        throw ObErrors.unknownDatabase(database);
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
      offsetMinutes: this.vars.offsetMinutes,
      tenantId: this.tenant.id,
      database: this.database,
      connectionId: this.identity.connectionId,
      user: this.account.user,
      lastInsertId: 0,
      serverVersion: this.host.serverVersion,
      obVersion: OB_VERSION,
    };
    try {
      const { mode, backslashEscapes } = this.lex;
      const tokens = tokenize(sql, mode, { backslashEscapes });
      if (tokens.length === 1) throw ObErrors.emptyQuery();
      if (this.oracle) rejectReservedWords(sql, tokens);
      const clean = parseCleanStatement(sql, tokens);
      if (clean) return runCleanStatement(this, clean);
      return this.dispatch(sql, parseStatement(sql, mode, { backslashEscapes }));
    } catch (e) {
      // An Oracle-mode session gets every error with its Oracle number and text (ob_errno.def).
      throw this.oracle && e instanceof SqlError ? toOracleError(e) : e;
    }
  }

  /** A refusal of the protocol layer, in this session's dialect (ORA- numbers in Oracle mode). */
  sessionError(err: SqlError): SqlError {
    return this.oracle ? toOracleError(err) : err;
  }

  /** COM_STMT_PREPARE: the placeholders are the `?` operators outside strings and comments. */
  prepare(sql: string): { params: number } {
    const { mode, backslashEscapes } = this.lex;
    return { params: countPlaceholders(sql, mode, { backslashEscapes }) };
  }

  /** COM_STMT_EXECUTE: the values become literals of this session's dialect, then it runs as text. */
  executePrepared(sql: string, params: readonly ParamValue[]): StatementResult {
    const { mode, backslashEscapes } = this.lex;
    return this.execute(bindPlaceholders(sql, params, mode, { backslashEscapes }));
  }

  private dispatch(sql: string, stmt: Statement): StatementResult {
    switch (stmt.kind) {
      case 'select':
        return this.host.selects.run(sql, stmt.tokens, this.selectContext());
      case 'backup':
        return backup(this, stmt);
      case 'cancelBackup':
        return cancel(this, stmt.tenants);
      case 'archivelog':
        return archivelog(this, stmt.enable, stmt.tenants);
      case 'alterSystemSet':
        return alterSystemSet(this, stmt.items, stmt.tenant);
      case 'setEncryption':
        // No privilege check: the resolver has none (reference §1.3 / §4).
        this.vars.uservars.set(ENC_MODE_VAR, 'PASSWORD');
        // The statement stores the MySQL stage-2 hash, never the password (ObBackupSetEncryptionStmt).
        this.vars.uservars.set(ENC_PASSWD_VAR, backupPasswordHash(stmt.password));
        return ok();
      case 'setDecryption':
        if (!this.isSys) throw ObErrors.notSupported('non-sys tenant set decryption is');
        this.vars.uservars.set(DECRYPTION_VAR, stmt.passwords.map(backupPasswordHash).join(','));
        return ok();
      case 'set':
        for (const item of stmt.items) this.vars.set(item.scope, item.name, item.value);
        return ok();
      case 'setNames':
        for (const v of [
          'character_set_client',
          'character_set_connection',
          'character_set_results',
        ])
          this.sysvars.set(v, stmt.charset.toLowerCase());
        return ok();
      case 'setTransaction':
      case 'transaction':
        return ok();
      case 'alterSession':
        if (!this.oracle) throw new SqlError(1064, '42000', this.parseErrorText(sql));
        if (stmt.name === 'time_zone') {
          this.vars.set('session', 'time_zone', stmt.value);
          return ok();
        }
        if (this.sysvars.has(stmt.name)) {
          this.vars.set('session', stmt.name, stmt.value);
          return ok();
        }
        throw new SqlError(2248, 'HY000', 'ORA-02248: invalid option for ALTER SESSION');
      case 'use':
        this.initDb(stmt.database);
        return ok();
      case 'showDatabases':
        return showDatabases(this, stmt.like);
      case 'showTables':
        return showTables(this, stmt.database, stmt.like, stmt.full);
      case 'showVariables':
        return showVariables(this, stmt.like);
      case 'showGrants':
        return showGrants(this);
      case 'showWarnings':
        return rs([vc('Level'), vc('Code', 'LONGLONG'), vc('Message')], []);
      case 'showParameters':
        return showParameters(this, stmt.like, stmt.tenant);
      case 'showColumns':
        return showColumns(this, stmt.table, stmt.database);
      case 'write':
        return write(this, sql);
    }
  }

  parseErrorText(sql: string): string {
    return `You have an error in your SQL syntax; check the manual that corresponds to your OceanBase version for the right syntax to use near '${sql.trim().replace(/;+$/, '')}' at line 1`;
  }

  selectContext(): SelectContext {
    return {
      mode: this.oracle ? 'ORACLE' : 'MYSQL',
      tenantId: this.tenant.id,
      // Oracle views format their times at a fixed +08:00, whatever the session's zone.
      offset: this.oracle ? ORACLE_VIEW_OFFSET : this.vars.offsetMinutes,
      database: this.oracle ? 'SYS' : this.database,
      account: this.accountKey,
      sysvar: (name) => this.vars.readSysvar(name),
      uservar: (name) => this.vars.uservars.get(name) ?? null,
    };
  }

  encryption(): EncryptionSetting {
    return this.vars.encryption();
  }
}
