import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * SQLite only makes an auto-increment key of exactly `INTEGER PRIMARY KEY`; MySQL needs BIGINT
 * (a 32-bit INT runs out on a busy audit trail).
 */
export function idColumnType(dialect: Dialect): 'integer' | 'bigint' {
  return dialect === 'sqlite' ? 'integer' : 'bigint';
}

/**
 * MySQL tables in utf8mb4 with binary collation: names compare exactly as on SQLite (case and
 * accents matter), and emoji in a description do not fail the insert.
 */
export function tableOptions(dialect: Dialect): RawBuilder<unknown> {
  return dialect === 'mysql'
    ? sql`ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`
    : sql``;
}
