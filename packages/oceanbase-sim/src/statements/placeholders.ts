import type { ParamValue } from '../protocol/types.js';
import { parseError, tokenize } from './tokenizer.js';
import type { Mode, Token } from './tokenizer.js';

/** Placeholders of prepared statements, and the Oracle-mode reserved words, at token level. */

const isPlaceholder = (t: Token): boolean => t.type === 'op' && t.value === '?';

export function countPlaceholders(sql: string, mode: Mode): number {
  return tokenize(sql, mode).filter(isPlaceholder).length;
}

function literal(v: ParamValue, mode: Mode): string {
  if (v === null) return 'NULL';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  // Oracle mode has no backslash escapes; MySQL mode (default sql_mode) does.
  const body =
    mode === 'ORACLE' ? v.replace(/'/g, "''") : v.replace(/\\/g, '\\\\').replace(/'/g, "''");
  return `'${body}'`;
}

/** The statement with each `?` replaced, in order, by its value as a literal of the dialect. */
export function bindPlaceholders(sql: string, params: readonly ParamValue[], mode: Mode): string {
  let text = '';
  let from = 0;
  let k = 0;
  for (const t of tokenize(sql, mode)) {
    if (!isPlaceholder(t)) continue;
    text += sql.slice(from, t.pos) + literal(params[k++] ?? null, mode);
    from = t.end;
  }
  return text + sql.slice(from);
}

/** Words OceanBase's Oracle-mode parser reserves: used unquoted as a name they are a syntax error. */
const ORACLE_RESERVED = new Set(['COMMENT']);

export function rejectReservedWords(sql: string, tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t || t.type !== 'word' || !ORACLE_RESERVED.has(t.upper)) continue;
    // `COMMENT ON ...` is a statement of its own; anywhere else the bare word is refused.
    if (i === 0) continue;
    throw parseError(sql, t.pos);
  }
}
