/** A duplicate key on insert, on either dialect (MySQL/MariaDB/OceanBase 1062, SQLite constraint). */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: unknown; errno?: unknown };
  return (
    err.errno === 1062 ||
    err.code === 'ER_DUP_ENTRY' ||
    err.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/** A name already used in its cluster (policy, rule, channel): the API answers 409 with it. */
export class DuplicateNameError extends Error {
  override name = 'DuplicateNameError';
  constructor(
    readonly kind: string,
    readonly duplicate: string,
  ) {
    super(`a ${kind} named "${duplicate}" already exists in this cluster`);
  }
}
