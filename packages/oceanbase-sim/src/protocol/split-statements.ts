/**
 * Splits a multi-statement query on the `;` that are outside quotes and comments. Pieces holding
 * nothing but whitespace and comments are dropped, as MySQL ignores them; `/*! … *\/` comments
 * count as content because MySQL executes them.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let hasContent = false;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'" || c === '"' || c === '`') {
      i = endOfQuoted(sql, i);
      hasContent = true;
    } else if (c === '#' || (c === '-' && sql[i + 1] === '-' && startsLineComment(sql, i + 2))) {
      const eol = sql.indexOf('\n', i);
      i = eol === -1 ? sql.length : eol + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      if (sql[i + 2] === '!') hasContent = true;
      const close = sql.indexOf('*/', i + 2);
      i = close === -1 ? sql.length : close + 2;
    } else if (c === ';') {
      if (hasContent) statements.push(sql.slice(start, i).trim());
      hasContent = false;
      start = ++i;
    } else {
      if (!isSpace(c)) hasContent = true;
      i++;
    }
  }
  if (hasContent) statements.push(sql.slice(start).trim());
  return statements;
}

/** The whole text as one statement, without surrounding whitespace and trailing `;`. */
export function trimStatement(sql: string): string {
  return sql.replace(/[\s;]+$/, '').trim();
}

/** Index just past the quote that closes the one at `open`; backslash escapes and doubled quotes stay inside. */
function endOfQuoted(sql: string, open: number): number {
  const quote = sql[open];
  let i = open + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (c === '\\' && quote !== '`') {
      i += 2;
    } else if (c === quote) {
      if (sql[i + 1] !== quote) return i + 1;
      i += 2;
    } else {
      i++;
    }
  }
  return sql.length;
}

/** MySQL needs whitespace (or the end of the text) after `--` for it to start a comment. */
function startsLineComment(sql: string, at: number): boolean {
  const c = sql[at];
  return c === undefined || isSpace(c) || sql.charCodeAt(at) < 0x20;
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
}
