import type { Token } from './tokenizer.js';

/** Word sets and token helpers of the SELECT rewriter. */

export const MYSQL_SCHEMAS = new Set(['oceanbase', 'information_schema', 'mysql', 'test', 'sys']);
export const ORACLE_SCHEMAS = new Set(['SYS', 'OCEANBASE']);

/** Words that can follow a table reference and are not an alias. */
export const NOT_ALIAS = new Set([
  'WHERE',
  'ORDER',
  'GROUP',
  'LIMIT',
  'JOIN',
  'LEFT',
  'RIGHT',
  'INNER',
  'OUTER',
  'CROSS',
  'FULL',
  'NATURAL',
  'ON',
  'USING',
  'UNION',
  'EXCEPT',
  'INTERSECT',
  'MINUS',
  'HAVING',
  'FETCH',
  'OFFSET',
  'FOR',
  'WINDOW',
  'STRAIGHT_JOIN',
  'LOCK',
  'INTO',
]);

export const SELECT_END = new Set([
  'FROM',
  'WHERE',
  'ORDER',
  'GROUP',
  'HAVING',
  'LIMIT',
  'UNION',
  'INTO',
  'FETCH',
  'OFFSET',
  'FOR',
  'WINDOW',
  'EXCEPT',
  'INTERSECT',
  'MINUS',
]);
export const SELECT_MODIFIERS = new Set([
  'DISTINCT',
  'ALL',
  'DISTINCTROW',
  'SQL_NO_CACHE',
  'SQL_CACHE',
  'SQL_CALC_FOUND_ROWS',
  'HIGH_PRIORITY',
  'STRAIGHT_JOIN',
  'UNIQUE',
]);
export const FORBIDDEN = new Set([
  'INSERT',
  'UPDATE',
  'DELETE',
  'REPLACE',
  'CREATE',
  'DROP',
  'ALTER',
  'ATTACH',
  'DETACH',
  'PRAGMA',
  'VACUUM',
  'REINDEX',
  'ANALYZE',
]);
export const NOW_WORDS = new Set([
  'NOW',
  'SYSDATE',
  'CURRENT_TIMESTAMP',
  'LOCALTIMESTAMP',
  'LOCALTIME',
]);
export const INTERVAL_UNITS = new Set([
  'MICROSECOND',
  'SECOND',
  'MINUTE',
  'HOUR',
  'DAY',
  'WEEK',
  'MONTH',
  'QUARTER',
  'YEAR',
]);

export const quoteIdent = (s: string): string => `"${s.replace(/"/g, '""')}"`;
export const quoteString = (s: string): string => `'${s.replace(/'/g, "''")}'`;
export const literal = (v: string | number | null): string =>
  v === null ? 'NULL' : typeof v === 'number' ? String(v) : quoteString(v);

export const isName = (t: Token | undefined): t is Token =>
  t !== undefined && (t.type === 'word' || t.type === 'qident');
export const isOp = (t: Token | undefined, op: string): boolean =>
  t !== undefined && t.type === 'op' && t.value === op;
export const isWord = (t: Token | undefined, w: string): boolean =>
  t !== undefined && t.type === 'word' && t.upper === w;
