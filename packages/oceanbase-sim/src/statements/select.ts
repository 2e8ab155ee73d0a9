import type { Store } from '../catalog/store.js';
import { TENANT_COLUMNS, columnDef } from '../catalog/schema.js';
import type { SqlType, ViewFamily } from '../catalog/schema.js';
import { ObErrors } from '../errors.js';
import type { SqlError } from '../protocol/types.js';
import type { CellValue, ColumnDef, ResultSet } from '../protocol/types.js';
import { parseError } from './tokenizer.js';
import type { Token } from './tokenizer.js';
import type { SelectContext } from './select-context.js';
import { mapSelectError } from './select-errors.js';
import { namedView } from '../catalog/named-views.js';
import { declaredColumns } from '../catalog/declared.js';
import type { DeclaredColumn } from '../catalog/declared.js';
import { wireColumn } from '../catalog/wire-types.js';
import { aliasSelectList, emit, needsAlias } from './select-emit.js';
import {
  FORBIDDEN,
  MYSQL_SCHEMAS,
  ORACLE_SCHEMAS,
  isName,
  isOp,
  quoteIdent,
  quoteString,
} from './select-words.js';

export type { SelectContext } from './select-context.js';

interface Resolved {
  sql: string;
  display: string;
  types: Map<string, SqlType>;
  /** The view's columns as OceanBase's recorded DESC declares them (wire metadata follows it). */
  declared?: Map<string, DeclaredColumn>;
}

/** Expression columns whose type is known from their text rather than their value. */
function expressionType(name: string): ColumnDef['type'] | null {
  const u = name.toUpperCase();
  if (
    /^(NOW|SYSDATE|CURRENT_TIMESTAMP|LOCALTIMESTAMP|UTC_TIMESTAMP|USEC_TO_TIME|DATE_ADD|DATE_SUB|FROM_UNIXTIME)\b/.test(
      u,
    )
  )
    return 'DATETIME';
  return null;
}

export class SelectRunner {
  constructor(private readonly store: Store) {}

  private families(): ViewFamily[] {
    return this.store.viewFamilies;
  }

  private typesOf(columns: { name: string; type: SqlType }[]): Map<string, SqlType> {
    return new Map(columns.map((c) => [c.name.toUpperCase(), c.type]));
  }

  private declaredOf(
    view: string,
    columns: { name: string; type: SqlType }[],
  ): Map<string, DeclaredColumn> {
    return new Map(declaredColumns(view, columns).map((c) => [c.name.toUpperCase(), c]));
  }

  /** Resolves a table name (optionally schema-qualified) for this session, or null to leave it alone. */
  private resolve(ctx: SelectContext, schemaTok: Token | null, nameTok: Token): Resolved | null {
    const oracle = ctx.mode === 'ORACLE';
    const written = nameTok.value;
    const name = oracle && nameTok.type === 'qident' ? written : written.toUpperCase();
    const schemaWritten = schemaTok?.value ?? null;
    const notFound = (): SqlError =>
      oracle
        ? ObErrors.oracleTableNotExist(
            `${schemaTok ? (schemaTok.type === 'qident' ? schemaTok.value : schemaTok.value.toUpperCase()) : (ctx.database ?? 'SYS')}.${name}`,
          )
        : ObErrors.tableNotExist(`${schemaWritten ?? ctx.database ?? 'oceanbase'}.${written}`);
    let schema: string;
    if (schemaTok) {
      schema =
        oracle && schemaTok.type === 'qident' ? schemaTok.value : schemaTok.value.toUpperCase();
    } else {
      if (!this.isKnownName(ctx, name)) return null;
      if (oracle) schema = 'SYS';
      else {
        if (ctx.database === null) throw ObErrors.noDatabaseSelected();
        schema = ctx.database.toUpperCase();
      }
    }
    if (oracle) {
      if (schema !== 'SYS') throw notFound();
      if (name === 'DUAL') return { sql: 'DUAL', display: 'DUAL', types: new Map() };
      if (name === 'SESSION_PRIVS') {
        return {
          sql: `(SELECT privilege AS PRIVILEGE FROM __sim_session_privs WHERE account = ${quoteString(ctx.account)})`,
          display: 'SESSION_PRIVS',
          types: new Map([['PRIVILEGE', 'varchar']]),
        };
      }
    }
    if (schema === 'INFORMATION_SCHEMA' && !oracle) {
      if (name === 'COLUMNS' || name === 'TABLES') {
        const cls = ctx.tenantId === 1 ? 'sys' : 'user';
        return {
          sql: quoteIdent(this.store.infoSchemaView(name, cls)),
          display: name,
          types: new Map(),
        };
      }
      throw notFound();
    }
    if (!oracle && schema !== 'OCEANBASE') throw notFound();
    const named = oracle ? undefined : namedView(name);
    if (named) {
      if (named.sysOnly && ctx.tenantId !== 1) throw notFound();
      return {
        sql: quoteIdent(this.store.namedView(named, ctx.tenantId, ctx.offset)),
        display: written,
        types: this.typesOf(named.columns),
        declared: this.declaredOf(name, named.columns),
      };
    }
    if (name === 'DBA_OB_TENANTS') {
      return {
        sql: quoteIdent(this.store.tenantsView(ctx.tenantId, ctx.offset)),
        display: written,
        types: this.typesOf(TENANT_COLUMNS),
      };
    }
    for (const f of this.families()) {
      if (name === `CDB_${f.name}`) {
        if (ctx.tenantId !== 1 || oracle) throw notFound();
        return {
          sql: quoteIdent(this.store.familyView('CDB', f, ctx.tenantId, ctx.offset)),
          display: written,
          types: this.typesOf(f.columns),
          declared: this.declaredOf(name, f.columns),
        };
      }
      if (name === `DBA_${f.name}`) {
        const cols = f.columns.filter((c) => c.name !== 'TENANT_ID');
        return {
          sql: quoteIdent(this.store.familyView('DBA', f, ctx.tenantId, ctx.offset)),
          display: written,
          types: this.typesOf(f.columns),
          ...(oracle ? {} : { declared: this.declaredOf(name, cols) }),
        };
      }
    }
    throw notFound();
  }

  /** Bare names the rewriter claims: every view name (and Oracle's DUAL / SESSION_PRIVS), and internal tables to refuse. */
  private isKnownName(ctx: SelectContext, upper: string): boolean {
    if (upper.startsWith('CDB_') || upper.startsWith('DBA_')) return true;
    if (
      upper.startsWith('__') ||
      upper.startsWith('V$') ||
      upper.startsWith('GV$') ||
      upper.startsWith('SQLITE_')
    )
      return true;
    return ctx.mode === 'ORACLE' && (upper === 'SESSION_PRIVS' || upper === 'DUAL');
  }

  run(sql: string, tokens: Token[], ctx: SelectContext): ResultSet {
    const { text, types, declared } = this.rewrite(sql, tokens, ctx);
    let stmt;
    try {
      stmt = this.store.db.prepare(text);
    } catch (e) {
      throw mapSelectError(e, sql, tokens, ctx);
    }
    try {
      const names = stmt.getColumnNames();
      const rows: CellValue[][] = [];
      while (stmt.step()) {
        // @types/sql.js lacks the config argument; sql.js 1.16 supports it.
        const raw = (stmt.get as (p: null, c: { useBigInt: boolean }) => unknown[])(null, {
          useBigInt: true,
        });
        rows.push(
          raw.map((v): CellValue => {
            if (typeof v === 'bigint')
              return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)
                ? Number(v)
                : v;
            if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
            return v as CellValue;
          }),
        );
      }
      const columns = names.map((name, idx) =>
        this.columnFor(name, idx, rows, types, declared, ctx),
      );
      columns.forEach((c, idx) => {
        if (c.type === 'NEWDECIMAL') {
          for (const row of rows) {
            const v = row[idx];
            if (v !== null && v !== undefined && typeof v !== 'string')
              row[idx] = Number(v).toFixed(c.decimals ?? 0);
          }
        }
      });
      return { kind: 'resultset', columns, rows };
    } catch (e) {
      throw mapSelectError(e, sql, tokens, ctx);
    } finally {
      stmt.free();
    }
  }

  private columnFor(
    name: string,
    idx: number,
    rows: CellValue[][],
    types: Map<string, SqlType>,
    declared: Map<string, DeclaredColumn>,
    ctx: SelectContext,
  ): ColumnDef {
    const decl = declared.get(name.toUpperCase());
    if (decl && ctx.mode === 'MYSQL') return wireColumn(name, decl);
    const known = types.get(name.toUpperCase());
    if (known) return columnDef(name, known, '', ctx.mode === 'ORACLE');
    const exprType = expressionType(name);
    if (exprType) return { name, type: exprType, length: 26 };
    const sample = rows.find((r) => r[idx] !== null && r[idx] !== undefined)?.[idx];
    if (typeof sample === 'bigint') return { name, type: 'LONGLONG', length: 20 };
    if (typeof sample === 'number')
      return Number.isInteger(sample)
        ? { name, type: 'LONGLONG', length: 20 }
        : { name, type: 'DOUBLE', length: 23, decimals: 31 };
    return { name, type: 'VAR_STRING', length: 4096 };
  }

  /** Turns the client's SELECT into SQLite SQL over this session's views. */
  rewrite(
    sql: string,
    tokens: Token[],
    ctx: SelectContext,
  ): { text: string; types: Map<string, SqlType>; declared: Map<string, DeclaredColumn> } {
    const oracle = ctx.mode === 'ORACLE';
    const n = tokens.length - 1; // without eof
    const out: string[] = new Array<string>(n).fill('');
    const after: string[] = new Array<string>(n).fill('');
    const before: string[] = new Array<string>(n).fill('');
    const types = new Map<string, SqlType>();
    const declared = new Map<string, DeclaredColumn>();
    const addTypes = (r: Resolved): void => {
      for (const [k, v] of r.types) if (!types.has(k)) types.set(k, v);
      for (const [k, v] of r.declared ?? []) if (!declared.has(k)) declared.set(k, v);
    };

    for (let i = 0; i < n; i++) {
      const t = tokens[i] as Token;
      if (isOp(t, ';')) throw parseError(sql, t.pos);
      if (
        t.type === 'word' &&
        FORBIDDEN.has(t.upper) &&
        !isOp(tokens[i - 1], '.') &&
        !isOp(tokens[i + 1], '(')
      )
        throw parseError(sql, t.pos);
      if (isOp(t, '?')) throw parseError(sql, t.pos);
    }

    aliasSelectList(sql, tokens, ctx, after);

    for (let i = 0; i < n; i++) {
      const t = tokens[i] as Token;
      const prev = tokens[i - 1];
      const next = tokens[i + 1];
      // schema.table
      if (isName(t) && !isOp(prev, '.') && isOp(next, '.') && isName(tokens[i + 2])) {
        const schemaSet = oracle ? ORACLE_SCHEMAS : MYSQL_SCHEMAS;
        const schemaKey =
          oracle && t.type === 'qident' ? t.value : oracle ? t.upper : t.value.toLowerCase();
        if (schemaSet.has(schemaKey)) {
          const nameTok = tokens[i + 2] as Token;
          if (isOp(tokens[i + 3], '.')) {
            // schema.table.column: the table is aliased by its own name.
            out[i] = quoteIdent(nameTok.value);
            out[i + 1] = '';
            out[i + 2] = '';
            i += 2;
            continue;
          }
          const r = this.resolve(ctx, t, nameTok);
          if (r) {
            addTypes(r);
            out[i] = r.sql + (needsAlias(tokens[i + 3]) ? ` AS ${quoteIdent(r.display)}` : '');
            out[i + 1] = '';
            out[i + 2] = '';
            i += 2;
            continue;
          }
        }
      }
      if (isName(t) && !isOp(prev, '.') && !isOp(next, '.') && !isOp(next, '(')) {
        const upper = oracle && t.type === 'qident' ? t.value : t.value.toUpperCase();
        if (this.isKnownName(ctx, upper)) {
          const r = this.resolve(ctx, null, t);
          if (r) {
            addTypes(r);
            out[i] =
              r.sql + (needsAlias(next) && r.sql !== 'DUAL' ? ` AS ${quoteIdent(r.display)}` : '');
            continue;
          }
        }
      }
      out[i] = emit(sql, tokens, i, ctx, out, before, after);
    }
    let text = '';
    for (let i = 0; i < n; i++) text += `${before[i] ?? ''}${out[i] ?? ''}${after[i] ?? ''} `;
    return { text: text.trim(), types, declared };
  }
}
