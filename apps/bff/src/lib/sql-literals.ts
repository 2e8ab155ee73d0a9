import { TENANT_NAME_PATTERN, type TenantMode } from '@obconsole/contracts';
import { AppError } from './errors.js';

/**
 * A tenant name as an SQL identifier. Only names that match the identifier rules get here (the
 * contract checks them and the caller has matched them against the live tenant list); the
 * backticks make even a keyword-like name safe.
 */
export function quoteTenant(name: string): string {
  if (!TENANT_NAME_PATTERN.test(name)) {
    throw new AppError('VALIDATION_FAILED', `"${name}" is not a valid tenant name`, undefined, {
      variant: 'tenantName',
      name,
    });
  }
  return '`' + name + '`';
}

/**
 * A string literal as the session reads it. A quote is doubled, which every mode reads alike; a
 * backslash is doubled only where it escapes: MySQL mode without NO_BACKSLASH_ESCAPES in its
 * sql_mode (Oracle mode never escapes). Escaping a quote as \' would end the literal early
 * under NO_BACKSLASH_ESCAPES.
 */
export function stringLiteral(
  value: string,
  mode: TenantMode,
  backslashEscapes: boolean = mode === 'MYSQL',
): string {
  if (value.includes('\0'))
    throw new AppError(
      'VALIDATION_FAILED',
      'text sent to the database cannot contain NUL',
      undefined,
      { variant: 'nul' },
    );
  const quoted = value.replace(/'/g, "''");
  return `'${backslashEscapes && mode === 'MYSQL' ? quoted.replace(/\\/g, '\\\\') : quoted}'`;
}

/** True when a session with this sql_mode reads backslash escapes in string literals. */
export function readsBackslashEscapes(mode: TenantMode, sqlMode: string): boolean {
  return mode === 'MYSQL' && !/(^|,)\s*NO_BACKSLASH_ESCAPES\s*(,|$)/i.test(sqlMode);
}

/**
 * Binds `?` placeholders with numbers and string literals. Pooled reads only bind names, dates
 * and statuses the contracts have checked (no backslash can occur), so the session's sql_mode
 * does not change what they mean.
 */
export function bind(sql: string, values: readonly (string | number)[], mode: TenantMode): string {
  let i = 0;
  const out = sql.replace(/\?/g, () => {
    if (i >= values.length) throw new Error(`too few values for: ${sql}`);
    const v = values[i++]!;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new Error('non-finite number bound into SQL');
      return String(v);
    }
    return stringLiteral(v, mode);
  });
  if (i !== values.length) throw new Error(`too many values for: ${sql}`);
  return out;
}
