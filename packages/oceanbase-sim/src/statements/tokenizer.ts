import { SqlError } from '../protocol/types.js';

export type Mode = 'MYSQL' | 'ORACLE';

export type TokenType =
  | 'word' // bare identifier or keyword
  | 'qident' // `x` (MySQL) or "x" (Oracle)
  | 'string' // '…' (and "…" in MySQL mode)
  | 'number'
  | 'op'
  | 'uservar' // @name
  | 'sysvar' // @@[session.|global.]name
  | 'eof';

export interface Token {
  type: TokenType;
  /** Identifier text, string contents (unescaped), operator, number text, variable name. */
  value: string;
  /** Offset of the token in the statement text. */
  pos: number;
  end: number;
  /** For words: the upper-cased text. */
  upper: string;
}

const OPS = [
  '<=>',
  '<>',
  '!=',
  '<=',
  '>=',
  '||',
  '&&',
  ':=',
  '<<',
  '>>',
  '(',
  ')',
  ',',
  '.',
  ';',
  '=',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '!',
  '~',
  '^',
  '&',
  '|',
  '?',
  ':',
];

function isIdentStart(c: string): boolean {
  return /[A-Za-z_$\u0080-\uffff]/.test(c);
}
function isIdentPart(c: string): boolean {
  return /[A-Za-z0-9_$#\u0080-\uffff]/.test(c);
}

/** The MySQL parse error: `near '<rest of the statement>' at line N`. */
export function parseError(sql: string, pos: number): SqlError {
  const clamped = Math.min(Math.max(pos, 0), sql.length);
  const line = sql.slice(0, clamped).split('\n').length;
  const near = sql.slice(clamped).replace(/[\s;]+$/, '');
  return new SqlError(
    1064,
    '42000',
    `You have an error in your SQL syntax; check the manual that corresponds to your OceanBase version for the right syntax to use near '${near}' at line ${line}`,
  );
}

const MYSQL_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  b: '\b',
  Z: '\x1a',
};

/** How string literals read: MySQL mode takes backslash escapes unless sql_mode has NO_BACKSLASH_ESCAPES. */
export interface LexOptions {
  backslashEscapes?: boolean;
}

export function tokenize(sql: string, mode: Mode, lex: LexOptions = {}): Token[] {
  const backslashEscapes = mode === 'MYSQL' && lex.backslashEscapes !== false;
  const tokens: Token[] = [];
  let i = 0;
  const n = sql.length;
  const push = (type: TokenType, value: string, pos: number, end: number): void => {
    tokens.push({ type, value, pos, end, upper: type === 'word' ? value.toUpperCase() : value });
  };
  while (i < n) {
    const c = sql[i] ?? '';
    const next = sql[i + 1] ?? '';
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (
      (c === '-' &&
        next === '-' &&
        (i + 2 >= n || /\s/.test(sql[i + 2] ?? '') || mode === 'ORACLE')) ||
      (c === '#' && mode === 'MYSQL')
    ) {
      while (i < n && sql[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      if (close < 0) throw parseError(sql, i);
      i = close + 2;
      continue;
    }
    const start = i;
    if (c === "'" || (c === '"' && mode === 'MYSQL')) {
      const quoted = readQuoted(sql, start, backslashEscapes);
      i = quoted.end;
      push('string', quoted.value, start, i);
      continue;
    }
    if (c === '`' || (c === '"' && mode === 'ORACLE')) {
      const quoted = readQuoted(sql, start, false);
      i = quoted.end;
      push('qident', quoted.value, start, i);
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(next))) {
      const m = /^(0x[0-9a-fA-F]+|\d*\.?\d+(?:[eE][+-]?\d+)?|\d+\.)/.exec(sql.slice(i));
      const text = m?.[0] ?? c;
      // 1abc is an identifier in MySQL; treat digits followed by letters as a word.
      const after = sql[i + text.length] ?? '';
      if (
        mode === 'MYSQL' &&
        /[A-Za-z_]/.test(after) &&
        !/^\d+[eE]/.test(text) &&
        !text.startsWith('0x')
      ) {
        let j = i;
        while (j < n && isIdentPart(sql[j] ?? '')) j++;
        push('word', sql.slice(i, j), start, j);
        i = j;
        continue;
      }
      push('number', text, start, i + text.length);
      i += text.length;
      continue;
    }
    if (c === '@') {
      if (next === '@') {
        let j = i + 2;
        while (j < n && /[A-Za-z0-9_.$]/.test(sql[j] ?? '')) j++;
        push('sysvar', sql.slice(i + 2, j), start, j);
        i = j;
        continue;
      }
      if (next === '`' || next === "'" || next === '"') {
        const quote = next;
        const close = sql.indexOf(quote, i + 2);
        if (close < 0) throw parseError(sql, i);
        push('uservar', sql.slice(i + 2, close), start, close + 1);
        i = close + 1;
        continue;
      }
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_.$]/.test(sql[j] ?? '')) j++;
      push('uservar', sql.slice(i + 1, j), start, j);
      i = j;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentPart(sql[j] ?? '')) j++;
      push('word', sql.slice(i, j), start, j);
      i = j;
      continue;
    }
    const op = OPS.find((o) => sql.startsWith(o, i));
    if (!op) throw parseError(sql, i);
    push('op', op, start, i + op.length);
    i += op.length;
  }
  push('eof', '', n, n);
  return tokens;
}

/** Tokens without a trailing `;` (one statement per call; a final semicolon is optional). */
export function tokenizeStatement(sql: string, mode: Mode, lex: LexOptions = {}): Token[] {
  const tokens = tokenize(sql, mode, lex);
  const eof = tokens[tokens.length - 1];
  while (
    tokens.length >= 2 &&
    tokens[tokens.length - 2]?.type === 'op' &&
    tokens[tokens.length - 2]?.value === ';'
  ) {
    tokens.splice(tokens.length - 2, 1);
  }
  if (eof && tokens[tokens.length - 1] !== eof) tokens.push(eof);
  return tokens;
}

/**
 * Statement text for logs: every literal after IDENTIFIED BY becomes '******'. Read as the
 * session reads it (Oracle mode and NO_BACKSLASH_ESCAPES take no backslash escapes), or a
 * quote inside a password would end the literal early and leave the rest in clear.
 */
export function maskSecrets(sql: string, mode: Mode = 'MYSQL', lex: LexOptions = {}): string {
  let tokens: Token[];
  try {
    tokens = tokenize(sql, mode, lex);
  } catch {
    return sql.replace(/(IDENTIFIED\s+BY\s+)(?:'[^']*'|"[^"]*"|\S+)/gi, "$1'******'");
  }
  let out = '';
  let last = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (!t || t.upper !== 'IDENTIFIED' || tokens[k + 1]?.upper !== 'BY') continue;
    let j = k + 2;
    while (tokens[j] && tokens[j]?.type !== 'eof') {
      const lit = tokens[j];
      if (!lit || lit.type === 'eof') break;
      if (
        lit.type === 'string' ||
        lit.type === 'qident' ||
        lit.type === 'word' ||
        lit.type === 'number'
      ) {
        out += sql.slice(last, lit.pos) + "'******'";
        last = lit.end;
      } else break;
      if (tokens[j + 1]?.value === ',' && tokens[j + 1]?.type === 'op') j += 2;
      else break;
    }
  }
  return out + sql.slice(last);
}

/**
 * The text between the quote at `start` and its closing twin: a doubled quote stands for one,
 * and with `backslashEscapes` (MySQL-mode strings) a backslash escapes the next character.
 */
function readQuoted(
  sql: string,
  start: number,
  backslashEscapes: boolean,
): { value: string; end: number } {
  const quote = sql[start] ?? '';
  let value = '';
  let i = start + 1;
  for (;;) {
    if (i >= sql.length) throw parseError(sql, start);
    const ch = sql[i] ?? '';
    if (ch === '\\' && backslashEscapes) {
      const e = sql[i + 1] ?? '';
      value += MYSQL_ESCAPES[e] ?? e;
      i += 2;
      continue;
    }
    if (ch === quote) {
      if (sql[i + 1] === quote) {
        value += quote;
        i += 2;
        continue;
      }
      return { value, end: i + 1 };
    }
    value += ch;
    i++;
  }
}
