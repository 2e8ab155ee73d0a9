import { ObErrors } from '../errors.js';
import { SqlError } from '../protocol/types.js';
import type { SelectContext } from './select-context.js';
import { parseError } from './tokenizer.js';
import type { Token } from './tokenizer.js';

/** SQLite's error for a rewritten SELECT, as OceanBase would have answered the original. */
export function mapSelectError(
  e: unknown,
  sql: string,
  tokens: Token[],
  ctx: SelectContext,
): SqlError {
  if (e instanceof SqlError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  const oracle = ctx.mode === 'ORACLE';
  let m = /no such table: (?:main\.)?(.+)$/.exec(msg);
  if (m)
    return oracle
      ? ObErrors.oracleTableNotExist(`${ctx.database ?? 'SYS'}.${(m[1] ?? '').toUpperCase()}`)
      : ObErrors.tableNotExist(`${ctx.database ?? 'oceanbase'}.${m[1] ?? ''}`);
  m = /no such column: (.+)$/.exec(msg);
  if (m) {
    return oracle
      ? new SqlError(904, '42S22', `ORA-00904: invalid identifier '${m[1] ?? ''}'`)
      : new SqlError(1054, '42S22', `Unknown column '${m[1] ?? ''}' in 'field list'`);
  }
  m = /no such function: (.+)$/.exec(msg);
  if (m)
    return new SqlError(
      1305,
      '42000',
      `FUNCTION ${ctx.database ?? 'oceanbase'}.${m[1] ?? ''} does not exist`,
    );
  m = /near "(.*)": syntax error/.exec(msg);
  if (m) {
    const near = (m[1] ?? '').toUpperCase();
    const tok = tokens.find((t) => sql.slice(t.pos, t.end).toUpperCase() === near);
    return parseError(sql, tok?.pos ?? 0);
  }
  if (/incomplete input/.test(msg)) return parseError(sql, sql.length);
  if (/ambiguous column name: (.+)/.test(msg)) {
    return new SqlError(
      1052,
      '23000',
      `Column '${/ambiguous column name: (.+)/.exec(msg)?.[1] ?? ''}' in field list is ambiguous`,
    );
  }
  return parseError(sql, 0);
}
