import { SqlError } from './protocol/types.js';

/**
 * How an error reaches an Oracle-mode session (src/share/ob_errno.def, the generated
 * src/share/ob_errno.cpp): errors defined with an Oracle number keep it (ORA-00900 for a parse
 * error, ORA-00942 for a missing table, ...); every other OceanBase error is ORA-00600 with the
 * OceanBase code and the MySQL-mode text as its arguments.
 */

/** MySQL errno → OceanBase code, for the errors whose MySQL errno is not the OceanBase code. */
const OB_CODE_OF_MYSQL_ERRNO: Record<number, number> = {
  1046: -5134, // OB_ERR_NO_DB_SELECTED
  1049: -5154, // OB_ERR_BAD_DATABASE
  1052: -5207, // OB_NON_UNIQ_ERROR
  1054: -5217, // OB_ERR_BAD_FIELD_ERROR
  1064: -5001, // OB_ERR_PARSE_SQL
  1065: -5253, // OB_ERR_EMPTY_QUERY
  1146: -5019, // OB_TABLE_NOT_EXIST
  1149: -5006, // OB_ERR_PARSER_SYNTAX
  1193: -5044, // OB_ERR_SYS_VARIABLE_UNKNOWN
  1210: -4002, // OB_INVALID_ARGUMENT
  1227: -5036, // OB_ERR_NO_PRIVILEGE
  1235: -4007, // OB_NOT_SUPPORTED
  1288: -5228, // OB_ERR_NON_UPDATABLE_TABLE
  1298: -5192, // OB_ERR_UNKNOWN_TIME_ZONE
  1406: -5167, // OB_ERR_DATA_TOO_LONG
};

/** The errors defined with their own Oracle number (DEFINE_ORACLE_ERROR*), and their Oracle text. */
const ORACLE_OWN: Record<number, { errno: number; text: (mysqlMessage: string) => string }> = {
  [-5001]: { errno: 900, text: (m) => m }, // R4 "%s near '%.*s' at line %d", same arguments
  [-5006]: { errno: 900, text: (m) => m }, // the Oracle text is the MySQL one
  [-5167]: {
    errno: 12899,
    text: (m) => m.replace(/^Data too long for column/, 'value too large for column'),
  },
  [-5192]: {
    errno: 1882,
    text: (m) =>
      m.replace(/^Unknown or incorrect time zone: '(.*)'$/, "timezone region '$1' not found"),
  },
  [-5217]: { errno: 904, text: (m) => m.replace(/^Unknown column/, 'invalid identifier') },
};

export function obCodeOf(err: SqlError): number | null {
  const mapped = OB_CODE_OF_MYSQL_ERRNO[err.errno];
  if (mapped !== undefined) return mapped;
  // OceanBase's own errors (4000 and up) travel with their own code as the MySQL errno.
  return err.errno >= 4000 ? -err.errno : null;
}

const pad5 = (n: number): string => String(n).padStart(5, '0');

/** The error as an Oracle-mode session receives it; already-Oracle errors pass unchanged. */
export function toOracleError(err: SqlError): SqlError {
  if (err.message.startsWith('ORA-')) return err;
  const code = obCodeOf(err);
  if (code === null) return err;
  const own = ORACLE_OWN[code];
  if (own)
    return new SqlError(
      own.errno,
      err.sqlState,
      `ORA-${pad5(own.errno)}: ${own.text(err.message)}`,
    );
  return new SqlError(
    600,
    err.sqlState,
    `ORA-00600: internal error code, arguments: ${code}, ${err.message}`,
  );
}
