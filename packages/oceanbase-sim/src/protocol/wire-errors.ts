import { SqlError } from './types.js';

/** The protocol layer's own refusals (the backend's errors travel as it raised them). */
export const INTERNAL_ERROR = new SqlError(4016, 'HY000', 'Internal error');
export const EMPTY_QUERY = new SqlError(1065, '42000', 'Query was empty');
/** OB_ERR_PARSER_SYNTAX (ER_SYNTAX_ERROR): several statements without CLIENT_MULTI_STATEMENTS. */
export const MULTI_STATEMENT_REFUSED = new SqlError(
  1149,
  '42000',
  'You have an error in your SQL syntax; check the manual that corresponds to your OceanBase version for the right syntax to use',
);
export const UNKNOWN_COMMAND = new SqlError(1047, '08S01', 'Unknown command');
export const BAD_HANDSHAKE = new SqlError(1043, '08S01', 'Bad handshake');
export const PREPARED_STATEMENTS_UNSUPPORTED = new SqlError(
  1295,
  'HY000',
  'This command is not supported in the prepared statement protocol yet',
);

export function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
