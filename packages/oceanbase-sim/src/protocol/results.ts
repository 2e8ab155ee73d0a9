import type { Socket } from 'node:net';
import {
  ServerStatus,
  writeColumnDefinition,
  writeEnd,
  writeError,
  writeOk,
  writeTextRow,
} from './packets.js';
import type { PacketWriter } from './packets.js';
import { splitStatements, trimStatement } from './split-statements.js';
import type { SqlError } from './types.js';
import type { ProtocolSession, ResultSet, StatementResult } from './types.js';
import { EMPTY_QUERY, MULTI_STATEMENT_REFUSED } from './wire-errors.js';

/** Results are flushed to the socket in slices of about this size, so large ones stream. */
const FLUSH_BYTES = 64 * 1024;

/**
 * The answer to a COM_QUERY into `w`: one result per statement (several only with
 * CLIENT_MULTI_STATEMENTS), stopping at the first error. False when the client went away
 * midway (nothing more may be written then).
 */
export async function answerStatements(
  w: PacketWriter,
  session: ProtocolSession,
  sql: string,
  opts: {
    multiStatements: boolean;
    deprecateEof: boolean;
    status: number;
    socket: Socket;
    toSqlError: (err: unknown, context: string) => SqlError;
  },
): Promise<boolean> {
  const split = splitStatements(sql);
  const statements = opts.multiStatements ? split : [trimStatement(sql)].filter(Boolean);
  if (!opts.multiStatements && split.length > 1) {
    // Several statements without CLIENT_MULTI_STATEMENTS: OB_ERR_PARSER_SYNTAX (ER_SYNTAX_ERROR).
    writeError(w, session.sessionError?.(MULTI_STATEMENT_REFUSED) ?? MULTI_STATEMENT_REFUSED);
    return true;
  }
  if (statements.length === 0) writeError(w, session.sessionError?.(EMPTY_QUERY) ?? EMPTY_QUERY);
  for (const [i, statement] of statements.entries()) {
    const more = i < statements.length - 1 ? ServerStatus.MORE_RESULTS_EXISTS : 0;
    const status = opts.status | more;
    let result: StatementResult;
    try {
      result = checkResult(await session.execute(statement));
    } catch (err) {
      writeError(w, opts.toSqlError(err, `executing ${statement}`));
      break;
    }
    if (opts.socket.destroyed) return false;
    if (result.kind === 'ok') writeOk(w, result, status);
    else if (!(await writeResultSet(w, result, status, opts.deprecateEof, opts.socket)))
      return false;
  }
  return true;
}

/**
 * A text result set into `w`, flushed to the socket whenever it grows past FLUSH_BYTES (waiting
 * for a drain). Returns false when the client went away mid-result.
 */
export async function writeResultSet(
  w: PacketWriter,
  result: ResultSet,
  status: number,
  deprecateEof: boolean,
  socket: Socket,
): Promise<boolean> {
  const width = result.columns.length;
  if (width === 0) {
    writeOk(w, {}, status);
    return true;
  }
  w.begin().lenencInt(width).end();
  for (const column of result.columns) writeColumnDefinition(w, column);
  if (!deprecateEof) writeEnd(w, false, status);
  for (const row of result.rows) {
    writeTextRow(w, row, width);
    if (w.length >= FLUSH_BYTES && !writeTo(socket, w.take())) {
      await drainOrClose(socket);
      if (socket.destroyed) return false;
    }
  }
  writeEnd(w, deprecateEof, status);
  return true;
}

/** False when the socket is gone or wants draining. */
export function writeTo(socket: Socket, chunk: Buffer): boolean {
  if (socket.destroyed || !socket.writable) return false;
  return chunk.length === 0 || socket.write(chunk);
}

/** Rejects what the backend returns when it is not a StatementResult, before any byte of it is sent. */
export function checkResult(result: unknown): StatementResult {
  const candidate = (typeof result === 'object' && result !== null ? result : {}) as {
    kind?: unknown;
    columns?: unknown;
    rows?: unknown;
  };
  if (candidate.kind === 'ok') return result as StatementResult;
  if (
    candidate.kind === 'resultset' &&
    Array.isArray(candidate.columns) &&
    Array.isArray(candidate.rows)
  ) {
    return result as StatementResult;
  }
  throw new Error(`execute() returned ${String(JSON.stringify(result))}, not a StatementResult`);
}

function drainOrClose(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}
