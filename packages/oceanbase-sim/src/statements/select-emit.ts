import type { SelectContext } from './select-context.js';
import type { Token } from './tokenizer.js';
import { parseError } from './tokenizer.js';
import {
  INTERVAL_UNITS,
  NOT_ALIAS,
  NOW_WORDS,
  SELECT_END,
  SELECT_MODIFIERS,
  isName,
  isOp,
  isWord,
  literal,
  quoteIdent,
  quoteString,
} from './select-words.js';

/** Token-level rewriting of a SELECT's expressions into SQLite SQL. */

export function needsAlias(next: Token | undefined): boolean {
  if (!next || next.type === 'eof') return true;
  if (next.type === 'qident') return false;
  if (next.type === 'word') return NOT_ALIAS.has(next.upper) && next.upper !== 'AS';
  return true;
}

/** Unaliased expressions in the top-level select list get their original text as the column name. */
export function aliasSelectList(
  sql: string,
  tokens: Token[],
  ctx: SelectContext,
  after: string[],
): void {
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
  while (tokens[start]?.type === 'word' && SELECT_MODIFIERS.has(tokens[start]?.upper ?? ''))
    start++;
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
    const simpleRef =
      (len === 1 && isName(first)) ||
      (len === 3 && isName(first) && isOp(tokens[a + 1], '.') && isName(last)) ||
      (len === 5 && isOp(tokens[a + 3], '.'));
    if (simpleRef) {
      if (oracle && last.type === 'word') after[b] = ` AS ${quoteIdent(last.value.toUpperCase())}`;
      continue;
    }
    if (
      len >= 2 &&
      (last.type === 'qident' || (last.type === 'word' && !isExpressionWord(last))) &&
      beforeLast !== undefined &&
      !isOp(beforeLast, '.')
    ) {
      const operandTypes: string[] = ['string', 'number', 'word', 'qident', 'sysvar', 'uservar'];
      const prevIsOperand = isOp(beforeLast, ')') || operandTypes.includes(beforeLast.type);
      if (prevIsOperand) {
        if (oracle && last.type === 'word')
          after[b] = ` AS ${quoteIdent(last.value.toUpperCase())}`;
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

export function isExpressionWord(t: Token): boolean {
  return (
    [
      'END',
      'NULL',
      'TRUE',
      'FALSE',
      'CURRENT_TIMESTAMP',
      'SYSDATE',
      'CURRENT_DATE',
      'LOCALTIMESTAMP',
      'SYSTIMESTAMP',
      'CURRENT_USER',
      'UTC_TIMESTAMP',
      'ROWNUM',
    ].includes(t.upper) || INTERVAL_UNITS.has(t.upper)
  );
}

/** One token's SQLite text; may also fill `before`/`after` and blank out tokens it consumes. */
export function emit(
  sql: string,
  tokens: Token[],
  i: number,
  ctx: SelectContext,
  out: string[],
  before: string[],
  after: string[],
): string {
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
  if (
    u === 'INTERVAL' &&
    next &&
    (next.type === 'number' || next.type === 'string') &&
    tokens[i + 2]?.type === 'word' &&
    INTERVAL_UNITS.has(tokens[i + 2]?.upper ?? '')
  ) {
    const unit = tokens[i + 2]?.upper ?? 'DAY';
    out[i + 1] = '\u0000consumed';
    out[i + 2] = '\u0000consumed';
    const call = `ob_interval(${next.type === 'string' ? quoteString(next.value) : next.value}, '${unit}')`;
    const op = tokens[i - 1];
    if (op && op.type === 'op' && (op.value === '-' || op.value === '+')) {
      // a ± INTERVAL n UNIT → date_add/date_sub(a, …): wrap the operand just before the operator.
      const start = operandStart(tokens, i - 2);
      before[start] = `${op.value === '-' ? 'date_sub' : 'date_add'}(${before[start] ?? ''}`;
      out[i - 1] = ',';
      after[i + 2] = `)${after[i + 2] ?? ''}`;
    }
    return call;
  }
  if (oracle && (u === 'FETCH' || u === 'OFFSET')) return oracleLimit(sql, tokens, i, out);
  return t.value;
}

export function operandStart(tokens: Token[], end: number): number {
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
export function oracleLimit(sql: string, tokens: Token[], i: number, out: string[]): string {
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
    if (!isWord(tokens[k + 1], 'FIRST') && !isWord(tokens[k + 1], 'NEXT'))
      throw parseError(sql, tokens[k + 1]?.pos ?? sql.length);
    const rows = count(k + 2);
    if (!isWord(tokens[k + 3], 'ROW') && !isWord(tokens[k + 3], 'ROWS'))
      throw parseError(sql, tokens[k + 3]?.pos ?? sql.length);
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
