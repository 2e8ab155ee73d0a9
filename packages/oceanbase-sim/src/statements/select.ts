import type { Store } from '../catalog/store.js';
import { TENANT_COLUMNS, columnDef } from '../catalog/schema.js';
import type { SqlType, ViewFamily } from '../catalog/schema.js';
import { ObErrors } from '../errors.js';
import { SqlError } from '../protocol/types.js';
import type { CellValue, ColumnDef, ResultSet } from '../protocol/types.js';
import { parseError } from './tokenizer.js';
import type { Mode, Token } from './tokenizer.js';

export interface SelectContext {
  mode: Mode;
  tenantId: number;
  offset: number;
  database: string | null;
  /** Key into __sim_session_privs (Oracle SESSION_PRIVS). */
  account: string;
  sysvar(name: string): string | number | null;
  uservar(name: string): string | number | null;
}

interface Resolved {
  sql: string;
  display: string;
  types: Map<string, SqlType>;
}

const MYSQL_SCHEMAS = new Set(['oceanbase', 'information_schema', 'mysql', 'test', 'sys']);
const ORACLE_SCHEMAS = new Set(['SYS', 'OCEANBASE']);

/** Words that can follow a table reference and are not an alias. */
const NOT_ALIAS = new Set([
  'WHERE', 'ORDER', 'GROUP', 'LIMIT', 'JOIN', 'LEFT', 'RIGHT', 'INNER', 'OUTER', 'CROSS', 'FULL', 'NATURAL', 'ON', 'USING',
  'UNION', 'EXCEPT', 'INTERSECT', 'MINUS', 'HAVING', 'FETCH', 'OFFSET', 'FOR', 'WINDOW', 'STRAIGHT_JOIN', 'LOCK', 'INTO',
]);

const SELECT_END = new Set(['FROM', 'WHERE', 'ORDER', 'GROUP', 'HAVING', 'LIMIT', 'UNION', 'INTO', 'FETCH', 'OFFSET', 'FOR', 'WINDOW', 'EXCEPT', 'INTERSECT', 'MINUS']);
const SELECT_MODIFIERS = new Set(['DISTINCT', 'ALL', 'DISTINCTROW', 'SQL_NO_CACHE', 'SQL_CACHE', 'SQL_CALC_FOUND_ROWS', 'HIGH_PRIORITY', 'STRAIGHT_JOIN', 'UNIQUE']);
const FORBIDDEN = new Set(['INSERT', 'UPDATE', 'DELETE', 'REPLACE', 'CREATE', 'DROP', 'ALTER', 'ATTACH', 'DETACH', 'PRAGMA', 'VACUUM', 'REINDEX', 'ANALYZE']);
const NOW_WORDS = new Set(['NOW', 'SYSDATE', 'CURRENT_TIMESTAMP', 'LOCALTIMESTAMP', 'LOCALTIME']);
const INTERVAL_UNITS = new Set(['MICROSECOND', 'SECOND', 'MINUTE', 'HOUR', 'DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR']);

const quoteIdent = (s: string): string => `"${s.replace(/"/g, '""')}"`;
const quoteString = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const literal = (v: string | number | null): string => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : quoteString(v));

const isName = (t: Token | undefined): t is Token => t !== undefined && (t.type === 'word' || t.type === 'qident');
const isOp = (t: Token | undefined, op: string): boolean => t !== undefined && t.type === 'op' && t.value === op;
const isWord = (t: Token | undefined, w: string): boolean => t !== undefined && t.type === 'word' && t.upper === w;

/** Expression columns whose type is known from their text rather than their value. */
function expressionType(name: string): ColumnDef['type'] | null {
  const u = name.toUpperCase();
  if (/^(NOW|SYSDATE|CURRENT_TIMESTAMP|LOCALTIMESTAMP|UTC_TIMESTAMP|USEC_TO_TIME|DATE_ADD|DATE_SUB|FROM_UNIXTIME)\b/.test(u)) return 'DATETIME';
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

  /** Resolves a table name (optionally schema-qualified) for this session, or null to leave it alone. */
  private resolve(ctx: SelectContext, schemaTok: Token | null, nameTok: Token): Resolved | null {
    const oracle = ctx.mode === 'ORACLE';
    const written = nameTok.value;
    const name = oracle && nameTok.type === 'qident' ? written : written.toUpperCase();
    const schemaWritten = schemaTok?.value ?? null;
    const notFound = (): SqlError =>
      oracle ? ObErrors.oracleTableNotExist() : ObErrors.tableNotExist(`${schemaWritten ?? ctx.database ?? 'oceanbase'}.${written}`);
    let schema: string;
    if (schemaTok) {
      schema = oracle && schemaTok.type === 'qident' ? schemaTok.value : schemaTok.value.toUpperCase();
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
        return { sql: quoteIdent(this.store.infoSchemaView(name, cls)), display: name, types: new Map() };
      }
      throw notFound();
    }
    if (!oracle && schema !== 'OCEANBASE') throw notFound();
    if (name === 'DBA_OB_TENANTS') {
      return { sql: quoteIdent(this.store.tenantsView(ctx.tenantId, ctx.offset)), display: written, types: this.typesOf(TENANT_COLUMNS) };
    }
    for (const f of this.families()) {
      if (name === `CDB_${f.name}`) {
        if (ctx.tenantId !== 1 || oracle) throw notFound();
        return { sql: quoteIdent(this.store.familyView('CDB', f, ctx.tenantId, ctx.offset)), display: written, types: this.typesOf(f.columns) };
      }
      if (name === `DBA_${f.name}`) {
        return { sql: quoteIdent(this.store.familyView('DBA', f, ctx.tenantId, ctx.offset)), display: written, types: this.typesOf(f.columns) };
      }
    }
    throw notFound();
  }

  /** Bare names the rewriter claims: every view name (and Oracle's DUAL / SESSION_PRIVS), and internal tables to refuse. */
  private isKnownName(ctx: SelectContext, upper: string): boolean {
    if (upper.startsWith('CDB_') || upper.startsWith('DBA_')) return true;
    if (upper.startsWith('__') || upper.startsWith('V$') || upper.startsWith('SQLITE_')) return true;
    return ctx.mode === 'ORACLE' && (upper === 'SESSION_PRIVS' || upper === 'DUAL');
  }

  run(sql: string, tokens: Token[], ctx: SelectContext): ResultSet {
    const { text, types } = this.rewrite(sql, tokens, ctx);
    let stmt;
    try {
      stmt = this.store.db.prepare(text);
    } catch (e) {
      throw this.mapError(e, sql, tokens, ctx);
    }
    try {
      const names = stmt.getColumnNames();
      const rows: CellValue[][] = [];
      while (stmt.step()) {
        // @types/sql.js lacks the config argument; sql.js 1.16 supports it.
        const raw = (stmt.get as (p: null, c: { useBigInt: boolean }) => unknown[])(null, { useBigInt: true });
        rows.push(
          raw.map((v): CellValue => {
            if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
            if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
            return v as CellValue;
          }),
        );
      }
      const columns = names.map((name, idx) => this.columnFor(name, idx, rows, types, ctx));
      columns.forEach((c, idx) => {
        if (c.type === 'NEWDECIMAL') {
          for (const row of rows) {
            const v = row[idx];
            if (v !== null && v !== undefined && typeof v !== 'string') row[idx] = Number(v).toFixed(c.decimals ?? 0);
          }
        }
      });
      return { kind: 'resultset', columns, rows };
    } catch (e) {
      throw this.mapError(e, sql, tokens, ctx);
    } finally {
      stmt.free();
    }
  }

  private columnFor(name: string, idx: number, rows: CellValue[][], types: Map<string, SqlType>, ctx: SelectContext): ColumnDef {
    const known = types.get(name.toUpperCase());
    if (known) return columnDef(name, known, '', ctx.mode === 'ORACLE');
    const exprType = expressionType(name);
    if (exprType) return { name, type: exprType, length: 26 };
    const sample = rows.find((r) => r[idx] !== null && r[idx] !== undefined)?.[idx];
    if (typeof sample === 'bigint') return { name, type: 'LONGLONG', length: 20 };
    if (typeof sample === 'number') return Number.isInteger(sample) ? { name, type: 'LONGLONG', length: 20 } : { name, type: 'DOUBLE', length: 23, decimals: 31 };
    return { name, type: 'VAR_STRING', length: 4096 };
  }

  private mapError(e: unknown, sql: string, tokens: Token[], ctx: SelectContext): SqlError {
    if (e instanceof SqlError) return e;
    const msg = e instanceof Error ? e.message : String(e);
    const oracle = ctx.mode === 'ORACLE';
    let m = /no such table: (?:main\.)?(.+)$/.exec(msg);
    if (m) return oracle ? ObErrors.oracleTableNotExist() : ObErrors.tableNotExist(`${ctx.database ?? 'oceanbase'}.${m[1] ?? ''}`);
    m = /no such column: (.+)$/.exec(msg);
    if (m) {
      return oracle
        ? new SqlError(904, '42S22', `ORA-00904: invalid identifier '${m[1] ?? ''}'`)
        : new SqlError(1054, '42S22', `Unknown column '${m[1] ?? ''}' in 'field list'`);
    }
    m = /no such function: (.+)$/.exec(msg);
    if (m) return new SqlError(1305, '42000', `FUNCTION ${ctx.database ?? 'oceanbase'}.${m[1] ?? ''} does not exist`);
    m = /near "(.*)": syntax error/.exec(msg);
    if (m) {
      const near = (m[1] ?? '').toUpperCase();
      const tok = tokens.find((t) => sql.slice(t.pos, t.end).toUpperCase() === near);
      return parseError(sql, tok?.pos ?? 0);
    }
    if (/incomplete input/.test(msg)) return parseError(sql, sql.length);
    if (/ambiguous column name: (.+)/.test(msg)) {
      return new SqlError(1052, '23000', `Column '${/ambiguous column name: (.+)/.exec(msg)?.[1] ?? ''}' in field list is ambiguous`);
    }
    return parseError(sql, 0);
  }

  /** Turns the client's SELECT into SQLite SQL over this session's views. */
  rewrite(sql: string, tokens: Token[], ctx: SelectContext): { text: string; types: Map<string, SqlType> } {
    const oracle = ctx.mode === 'ORACLE';
    const n = tokens.length - 1; // without eof
    const out: string[] = new Array<string>(n).fill('');
    const after: string[] = new Array<string>(n).fill('');
    const before: string[] = new Array<string>(n).fill('');
    const types = new Map<string, SqlType>();
    const addTypes = (m: Map<string, SqlType>): void => {
      for (const [k, v] of m) if (!types.has(k)) types.set(k, v);
    };

    for (let i = 0; i < n; i++) {
      const t = tokens[i] as Token;
      if (isOp(t, ';')) throw parseError(sql, t.pos);
      if (t.type === 'word' && FORBIDDEN.has(t.upper) && !isOp(tokens[i - 1], '.') && !isOp(tokens[i + 1], '(')) throw parseError(sql, t.pos);
      if (isOp(t, '?')) throw parseError(sql, t.pos);
    }

    this.aliasSelectList(sql, tokens, ctx, after);

    for (let i = 0; i < n; i++) {
      const t = tokens[i] as Token;
      const prev = tokens[i - 1];
      const next = tokens[i + 1];
      // schema.table
      if (isName(t) && !isOp(prev, '.') && isOp(next, '.') && isName(tokens[i + 2])) {
        const schemaSet = oracle ? ORACLE_SCHEMAS : MYSQL_SCHEMAS;
        const schemaKey = oracle && t.type === 'qident' ? t.value : oracle ? t.upper : t.value.toLowerCase();
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
            addTypes(r.types);
            out[i] = r.sql + (this.needsAlias(tokens[i + 3]) ? ` AS ${quoteIdent(r.display)}` : '');
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
            addTypes(r.types);
            out[i] = r.sql + (this.needsAlias(next) && r.sql !== 'DUAL' ? ` AS ${quoteIdent(r.display)}` : '');
            continue;
          }
        }
      }
      out[i] = this.emit(sql, tokens, i, ctx, out, before, after);
    }
    let text = '';
    for (let i = 0; i < n; i++) text += `${before[i] ?? ''}${out[i] ?? ''}${after[i] ?? ''} `;
    return { text: text.trim(), types };
  }

  private needsAlias(next: Token | undefined): boolean {
    if (!next || next.type === 'eof') return true;
    if (next.type === 'qident') return false;
    if (next.type === 'word') return NOT_ALIAS.has(next.upper) && next.upper !== 'AS';
    return true;
  }

  /** Unaliased expressions in the top-level select list get their original text as the column name. */
  private aliasSelectList(sql: string, tokens: Token[], ctx: SelectContext, after: string[]): void {
    let depth = 0;
    let start = -1;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      if (isOp(t, '(')) depth++;
      else if (isOp(t, ')')) depth--;
      else if (depth === 0 && isWord(t, 'SELECT')) {
        start = i + 1;
        break;
      }
    }
    if (start < 0) return;
    while (tokens[start]?.type === 'word' && SELECT_MODIFIERS.has(tokens[start]?.upper ?? '')) start++;
    const items: [number, number][] = [];
    let itemStart = start;
    depth = 0;
    let i = start;
    for (; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      if (t.type === 'eof') break;
      if (isOp(t, '(')) depth++;
      else if (isOp(t, ')')) depth--;
      if (depth < 0) break;
      if (depth === 0 && t.type === 'word' && SELECT_END.has(t.upper)) break;
      if (depth === 0 && isOp(t, ',')) {
        items.push([itemStart, i - 1]);
        itemStart = i + 1;
      }
    }
    items.push([itemStart, i - 1]);
    const oracle = ctx.mode === 'ORACLE';
    for (const [a, b] of items) {
      if (b < a) continue;
      const first = tokens[a] as Token;
      const last = tokens[b] as Token;
      const beforeLast = tokens[b - 1];
      const len = b - a + 1;
      if (isOp(last, '*')) continue;
      if (len >= 2 && isWord(beforeLast, 'AS')) {
        if (oracle && last.type === 'word') {
          after[b] = quoteIdent(last.value.toUpperCase());
          (last as Token & { aliasOnly?: boolean }).aliasOnly = true;
        }
        continue;
      }
      const simpleRef = (len === 1 && isName(first)) || (len === 3 && isName(first) && isOp(tokens[a + 1], '.') && isName(last)) || (len === 5 && isOp(tokens[a + 3], '.'));
      if (simpleRef) {
        if (oracle && last.type === 'word') after[b] = ` AS ${quoteIdent(last.value.toUpperCase())}`;
        continue;
      }
      if (len >= 2 && (last.type === 'qident' || (last.type === 'word' && !this.isExpressionWord(last))) && beforeLast !== undefined && !isOp(beforeLast, '.')) {
        const operandTypes: string[] = ['string', 'number', 'word', 'qident', 'sysvar', 'uservar'];
        const prevIsOperand = isOp(beforeLast, ')') || operandTypes.includes(beforeLast.type);
        if (prevIsOperand) {
          if (oracle && last.type === 'word') after[b] = ` AS ${quoteIdent(last.value.toUpperCase())}`;
          else after[b] = ` AS ${quoteIdent(last.value)}`;
          // The alias token itself is emitted too; drop it by marking.
          (tokens[b] as Token & { aliasOnly?: boolean }).aliasOnly = true;
          continue;
        }
      }
      const text = sql.slice(first.pos, last.end);
      after[b] = ` AS ${quoteIdent(oracle ? text.toUpperCase() : text)}`;
    }
  }

  private isExpressionWord(t: Token): boolean {
    return ['END', 'NULL', 'TRUE', 'FALSE', 'CURRENT_TIMESTAMP', 'SYSDATE', 'CURRENT_DATE', 'LOCALTIMESTAMP', 'SYSTIMESTAMP', 'CURRENT_USER', 'UTC_TIMESTAMP', 'ROWNUM'].includes(t.upper) || INTERVAL_UNITS.has(t.upper);
  }

  /** One token's SQLite text; may also fill `before`/`after` and blank out tokens it consumes. */
  private emit(sql: string, tokens: Token[], i: number, ctx: SelectContext, out: string[], before: string[], after: string[]): string {
    const t = tokens[i] as Token;
    const next = tokens[i + 1];
    const oracle = ctx.mode === 'ORACLE';
    if ((t as Token & { aliasOnly?: boolean }).aliasOnly) return '';
    if (out[i] === '\u0000consumed') return '';
    switch (t.type) {
      case 'string':
        return quoteString(t.value);
      case 'number':
        return t.value;
      case 'qident':
        return quoteIdent(t.value);
      case 'sysvar':
        return literal(ctx.sysvar(t.value));
      case 'uservar':
        return literal(ctx.uservar(t.value));
      case 'op':
        if (t.value === '||') return oracle ? '||' : 'OR';
        if (t.value === '&&') return 'AND';
        if (t.value === '<=>') return 'IS';
        if (t.value === ':=') throw parseError(sql, t.pos);
        return t.value;
      case 'word':
        break;
      default:
        return '';
    }
    const u = t.upper;
    if (isOp(tokens[i - 1], '.')) return t.value;
    if (NOW_WORDS.has(u)) return isOp(next, '(') ? 'now' : 'now()';
    if (u === 'SYSTIMESTAMP') return isOp(next, '(') ? 'systimestamp' : 'systimestamp()';
    if (u === 'UTC_TIMESTAMP' && !isOp(next, '(')) return 'utc_timestamp()';
    if (u === 'CURRENT_DATE') return isOp(next, '(') ? 'curdate' : 'curdate()';
    if (u === 'CURRENT_USER' && !isOp(next, '(')) return 'current_user()';
    if (u === 'GREATEST' && isOp(next, '(')) return 'max';
    if (u === 'LEAST' && isOp(next, '(')) return 'min';
    if (u === 'DIV') return '/';
    if (u === 'MOD' && !isOp(next, '(')) return '%';
    if (u === 'SEPARATOR') return ',';
    if (u === 'TIMESTAMPDIFF' && isOp(next, '(') && tokens[i + 2]?.type === 'word') {
      out[i + 2] = '\u0000consumed';
      before[i + 2] = quoteString(tokens[i + 2]?.upper ?? '');
      return t.value;
    }
    if (u === 'INTERVAL' && next && (next.type === 'number' || next.type === 'string') && tokens[i + 2]?.type === 'word' && INTERVAL_UNITS.has(tokens[i + 2]?.upper ?? '')) {
      const unit = tokens[i + 2]?.upper ?? 'DAY';
      out[i + 1] = '\u0000consumed';
      out[i + 2] = '\u0000consumed';
      const call = `ob_interval(${next.type === 'string' ? quoteString(next.value) : next.value}, '${unit}')`;
      const op = tokens[i - 1];
      if (op && op.type === 'op' && (op.value === '-' || op.value === '+')) {
        // a ± INTERVAL n UNIT → date_add/date_sub(a, …): wrap the operand just before the operator.
        const start = this.operandStart(tokens, i - 2);
        before[start] = `${op.value === '-' ? 'date_sub' : 'date_add'}(${before[start] ?? ''}`;
        out[i - 1] = ',';
        after[i + 2] = `)${after[i + 2] ?? ''}`;
      }
      return call;
    }
    if (oracle && (u === 'FETCH' || u === 'OFFSET')) return this.oracleLimit(sql, tokens, i, out);
    return t.value;
  }

  private operandStart(tokens: Token[], end: number): number {
    let i = end;
    if (isOp(tokens[i], ')')) {
      let depth = 0;
      for (; i >= 0; i--) {
        if (isOp(tokens[i], ')')) depth++;
        else if (isOp(tokens[i], '(')) {
          depth--;
          if (depth === 0) break;
        }
      }
      if (tokens[i - 1]?.type === 'word') i--;
      return Math.max(0, i);
    }
    while (i >= 2 && isOp(tokens[i - 1], '.') && isName(tokens[i - 2])) i -= 2;
    return Math.max(0, i);
  }

  /** OFFSET n ROWS [FETCH {FIRST|NEXT} m ROWS ONLY] and FETCH FIRST m ROWS ONLY → LIMIT. */
  private oracleLimit(sql: string, tokens: Token[], i: number, out: string[]): string {
    const t = tokens[i] as Token;
    const consume = (k: number): void => {
      out[k] = '\u0000consumed';
    };
    const count = (k: number): string => {
      const tok = tokens[k];
      if (!tok || tok.type !== 'number') throw parseError(sql, tok?.pos ?? sql.length);
      return tok.value;
    };
    const fetchAt = (k: number): { rows: string; end: number } => {
      if (!isWord(tokens[k + 1], 'FIRST') && !isWord(tokens[k + 1], 'NEXT')) throw parseError(sql, tokens[k + 1]?.pos ?? sql.length);
      const rows = count(k + 2);
      if (!isWord(tokens[k + 3], 'ROW') && !isWord(tokens[k + 3], 'ROWS')) throw parseError(sql, tokens[k + 3]?.pos ?? sql.length);
      if (!isWord(tokens[k + 4], 'ONLY')) throw parseError(sql, tokens[k + 4]?.pos ?? sql.length);
      return { rows, end: k + 4 };
    };
    if (t.upper === 'OFFSET') {
      const offset = count(i + 1);
      let k = i + 2;
      if (isWord(tokens[k], 'ROW') || isWord(tokens[k], 'ROWS')) k++;
      for (let j = i + 1; j < k; j++) consume(j);
      if (isWord(tokens[k], 'FETCH')) {
        const f = fetchAt(k);
        for (let j = k; j <= f.end; j++) consume(j);
        return `LIMIT ${f.rows} OFFSET ${offset}`;
      }
      return `LIMIT -1 OFFSET ${offset}`;
    }
    const f = fetchAt(i);
    for (let j = i + 1; j <= f.end; j++) consume(j);
    return `LIMIT ${f.rows}`;
  }
}
