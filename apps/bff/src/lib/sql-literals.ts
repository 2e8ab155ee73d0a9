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
 * A string literal for the session's mode. MySQL mode reads backslash escapes; Oracle mode only
 * knows '' for a quote, so a backslash there is an ordinary character.
 */
export function stringLiteral(value: string, mode: TenantMode): string {
  if (value.includes('\0'))
    throw new AppError(
      'VALIDATION_FAILED',
      'text sent to the database cannot contain NUL',
      undefined,
      {
        variant: 'nul',
      },
    );
  if (mode === 'ORACLE') return `'${value.replace(/'/g, "''")}'`;
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Binds `?` placeholders with numbers and mode-correct string literals. */
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
