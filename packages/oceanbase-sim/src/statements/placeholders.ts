import type { ParamValue } from '../protocol/types.js';
import { parseError, tokenize } from './tokenizer.js';
import type { LexOptions, Mode, Token } from './tokenizer.js';

/** Placeholders of prepared statements, and the Oracle-mode reserved words, at token level. */

const isPlaceholder = (t: Token): boolean => t.type === 'op' && t.value === '?';

/**
 * Placeholders are found with the session's own lexing: under NO_BACKSLASH_ESCAPES `'a\\'` is a
 * complete string, so a `?` after it is a placeholder, as the server's parser sees it.
 */
export function countPlaceholders(sql: string, mode: Mode, lex: LexOptions = {}): number {
  return tokenize(sql, mode, lex).filter(isPlaceholder).length;
}

function literal(v: ParamValue, mode: Mode, lex: LexOptions): string {
  if (v === null) return 'NULL';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  // A backslash is doubled only where the session reads backslash escapes (MySQL mode without
  // NO_BACKSLASH_ESCAPES); elsewhere it stands for itself and doubling it would change the value.
  const escapes = mode === 'MYSQL' && lex.backslashEscapes !== false;
  const body = (escapes ? v.replace(/\\/g, '\\\\') : v).replace(/'/g, "''");
  return `'${body}'`;
}

/** The statement with each `?` replaced, in order, by its value as a literal the session reads back unchanged. */
export function bindPlaceholders(
  sql: string,
  params: readonly ParamValue[],
  mode: Mode,
  lex: LexOptions = {},
): string {
  let text = '';
  let from = 0;
  let k = 0;
  for (const t of tokenize(sql, mode, lex)) {
    if (!isPlaceholder(t)) continue;
    text += sql.slice(from, t.pos) + literal(params[k++] ?? null, mode, lex);
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
