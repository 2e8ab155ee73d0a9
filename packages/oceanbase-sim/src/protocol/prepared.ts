import type { WirePacket as Packet } from './mysql2-server.js';
import type { PacketWriter } from './packets.js';
import { writeColumnDefinition, writeEnd, writeOk } from './packets.js';
import type {
  CellValue,
  ColumnDef,
  ColumnType,
  ParamValue,
  ProtocolSession,
  ResultSet,
} from './types.js';
import { SqlError } from './types.js';

/**
 * The binary protocol of prepared statements (COM_STMT_PREPARE / EXECUTE / CLOSE), written by
 * hand: mysql2's server side has no PREPARE_OK and a wrong binary-row writer.
 */

export interface PreparedStatement {
  id: number;
  sql: string;
  params: number;
  /** Parameter types of the last execute that bound them (the client may not resend them). */
  types: { type: number; unsigned: boolean }[];
}

const T = {
  DECIMAL: 0,
  TINY: 1,
  SHORT: 2,
  LONG: 3,
  FLOAT: 4,
  DOUBLE: 5,
  NULL: 6,
  TIMESTAMP: 7,
  LONGLONG: 8,
  INT24: 9,
  DATE: 10,
  TIME: 11,
  DATETIME: 12,
  YEAR: 13,
} as const;

export const UNKNOWN_STATEMENT = (id: number): SqlError =>
  new SqlError(
    1243,
    'HY000',
    `Unknown prepared statement handler (${id}) given to mysqld_stmt_execute`,
  );

/** PREPARE_OK, one definition per parameter, and (without DEPRECATE_EOF) an EOF after them. */
export function writePrepareOk(
  w: PacketWriter,
  stmt: PreparedStatement,
  deprecateEof: boolean,
  status: number,
): void {
  // Result columns are not known before execution: 0 here, the execute answer carries them.
  w.begin().int1(0).int4(stmt.id).int2(0).int2(stmt.params).int1(0).int2(0).end();
  if (stmt.params === 0) return;
  for (let i = 0; i < stmt.params; i++)
    writeColumnDefinition(w, { name: '?', type: 'VAR_STRING', length: 0 });
  if (!deprecateEof) writeEnd(w, false, status);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function readTemporal(packet: Packet, type: number): string {
  const length = packet.readInt8();
  if (type === T.TIME) {
    if (length === 0) return '00:00:00';
    const negative = packet.readInt8() === 1;
    const days = packet.readInt32();
    const h = packet.readInt8() + days * 24;
    const m = packet.readInt8();
    const s = packet.readInt8();
    const micro = length > 8 ? packet.readInt32() : 0;
    return `${negative ? '-' : ''}${pad(h)}:${pad(m)}:${pad(s)}${micro ? `.${pad(micro, 6)}` : ''}`;
  }
  if (length === 0) return '0000-00-00 00:00:00';
  const y = packet.readInt16();
  const mo = packet.readInt8();
  const d = packet.readInt8();
  let text = `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
  if (length >= 7) {
    const h = packet.readInt8();
    const mi = packet.readInt8();
    const s = packet.readInt8();
    text += ` ${pad(h)}:${pad(mi)}:${pad(s)}`;
    if (length >= 11) {
      const micro = packet.readInt32();
      if (micro) text += `.${pad(micro, 6)}`;
    }
  } else if (type !== T.DATE) text += ' 00:00:00';
  return text;
}

function readParam(packet: Packet, type: number, unsigned: boolean): ParamValue {
  switch (type) {
    case T.TINY:
      return unsigned ? packet.readInt8() : packet.readSInt8();
    case T.SHORT:
    case T.YEAR:
      return unsigned ? packet.readInt16() : packet.readSInt16();
    case T.LONG:
    case T.INT24:
      return unsigned ? packet.readInt32() : packet.readSInt32();
    case T.LONGLONG: {
      const text = unsigned ? packet.readInt64String() : packet.readSInt64String();
      const n = Number(text);
      return Number.isSafeInteger(n) ? n : BigInt(text);
    }
    case T.FLOAT:
      return packet.readFloat();
    case T.DOUBLE:
      return packet.readDouble();
    case T.NULL:
      return null;
    case T.TIMESTAMP:
    case T.DATE:
    case T.DATETIME:
    case T.TIME:
      return readTemporal(packet, type);
    default:
      // DECIMAL, VARCHAR, BIT, JSON, ENUM, SET, the BLOBs, VAR_STRING, STRING: length-coded bytes.
      return packet.readLengthCodedString('utf8');
  }
}

/** The parameters of a COM_STMT_EXECUTE (after the command byte and statement id). */
export function readExecuteParams(packet: Packet, stmt: PreparedStatement): ParamValue[] {
  packet.readInt8(); // flags (cursor type): a read-only cursor is answered like no cursor
  packet.readInt32(); // iteration count, always 1
  if (stmt.params === 0) return [];
  const bitmap: number[] = [];
  for (let i = 0; i < Math.floor((stmt.params + 7) / 8); i++) bitmap.push(packet.readInt8());
  const bound = packet.readInt8() === 1;
  if (bound) {
    stmt.types = [];
    for (let i = 0; i < stmt.params; i++) {
      const type = packet.readInt8();
      const flags = packet.readInt8();
      stmt.types.push({ type, unsigned: (flags & 0x80) !== 0 });
    }
  }
  if (stmt.types.length !== stmt.params) {
    throw new SqlError(1210, 'HY000', 'Incorrect arguments to mysqld_stmt_execute');
  }
  const values: ParamValue[] = [];
  for (let i = 0; i < stmt.params; i++) {
    const isNull = ((bitmap[i >> 3] ?? 0) & (1 << (i & 7))) !== 0;
    const t = stmt.types[i] ?? { type: T.NULL, unsigned: false };
    values.push(isNull ? null : readParam(packet, t.type, t.unsigned));
  }
  return values;
}

function int64(w: PacketWriter, cell: CellValue, unsigned: boolean): void {
  let v: bigint;
  try {
    v =
      typeof cell === 'bigint'
        ? cell
        : BigInt(typeof cell === 'number' ? Math.trunc(cell) : String(cell).trim() || '0');
  } catch {
    v = 0n;
  }
  const buf = Buffer.alloc(8);
  if (unsigned) buf.writeBigUInt64LE(BigInt.asUintN(64, v));
  else buf.writeBigInt64LE(BigInt.asIntN(64, v));
  w.bytes(buf);
}

function temporal(w: PacketWriter, cell: CellValue): void {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?)?/.exec(
    String(cell),
  );
  if (!m) {
    w.int1(0);
    return;
  }
  const micro = Number((m[7] ?? '').padEnd(6, '0') || '0');
  w.int1(micro ? 11 : 7)
    .int2(Number(m[1]))
    .int1(Number(m[2]))
    .int1(Number(m[3]))
    .int1(Number(m[4] ?? 0))
    .int1(Number(m[5] ?? 0))
    .int1(Number(m[6] ?? 0));
  if (micro) w.int4(micro);
}

function binaryCell(w: PacketWriter, col: ColumnDef, cell: CellValue): void {
  const type: ColumnType = col.type;
  switch (type) {
    case 'LONGLONG':
      return int64(w, cell, col.unsigned === true);
    case 'LONG': {
      const buf = Buffer.alloc(4);
      const n = Math.trunc(Number(cell)) || 0;
      if (col.unsigned) buf.writeUInt32LE(n >>> 0);
      else buf.writeInt32LE(n | 0);
      w.bytes(buf);
      return;
    }
    case 'DOUBLE': {
      const buf = Buffer.alloc(8);
      buf.writeDoubleLE(Number(cell));
      w.bytes(buf);
      return;
    }
    case 'TIMESTAMP':
    case 'DATETIME':
      return temporal(w, cell);
    default:
      w.lenencString(typeof cell === 'string' ? cell : String(cell));
  }
}

/** One binary-protocol row: 0x00, the NULL bitmap (offset 2), then the non-NULL values. */
export function writeBinaryRow(
  w: PacketWriter,
  columns: readonly ColumnDef[],
  row: readonly CellValue[],
): void {
  const bitmap = Buffer.alloc(Math.floor((columns.length + 7 + 2) / 8));
  columns.forEach((col, i) => {
    const cell = row[i];
    if (cell === null || cell === undefined || col.type === 'NULL')
      bitmap[(i + 2) >> 3]! |= 1 << ((i + 2) & 7);
  });
  w.begin().int1(0).bytes(bitmap);
  columns.forEach((col, i) => {
    const cell = row[i];
    if (cell === null || cell === undefined || col.type === 'NULL') return;
    binaryCell(w, col, cell);
  });
  w.end();
}

/** The result-set header and column definitions (shared by text and binary results). */
export function writeResultHeader(
  w: PacketWriter,
  result: ResultSet,
  deprecateEof: boolean,
  status: number,
): void {
  w.begin().lenencInt(result.columns.length).end();
  for (const column of result.columns) writeColumnDefinition(w, column);
  if (!deprecateEof) writeEnd(w, false, status);
}

/** The statements one connection prepared, and how it answers their commands. */
export class PreparedStatements {
  private readonly byId = new Map<number, PreparedStatement>();
  private nextId = 1;

  /** COM_STMT_PREPARE; throws SqlError when the session cannot prepare it. */
  prepare(session: ProtocolSession, sql: string): PreparedStatement {
    if (!session.prepare || !session.executePrepared) throw UNSUPPORTED;
    const { params } = session.prepare(sql);
    const stmt: PreparedStatement = { id: this.nextId++, sql, params, types: [] };
    this.byId.set(stmt.id, stmt);
    return stmt;
  }

  get(id: number): PreparedStatement {
    const stmt = this.byId.get(id);
    if (!stmt) throw UNKNOWN_STATEMENT(id);
    return stmt;
  }

  close(id: number): void {
    this.byId.delete(id);
  }

  /** COM_STMT_EXECUTE's answer: OK, or a binary result set. Returns false if the client left. */
  async execute(
    session: ProtocolSession,
    stmt: PreparedStatement,
    params: readonly ParamValue[],
    w: PacketWriter,
    deprecateEof: boolean,
    status: number,
  ): Promise<void> {
    if (!session.executePrepared) throw UNSUPPORTED;
    const result = await session.executePrepared(stmt.sql, params);
    if (result.kind === 'ok' || result.columns.length === 0) {
      writeOk(w, result.kind === 'ok' ? result : {}, status);
      return;
    }
    writeResultHeader(w, result, deprecateEof, status);
    for (const row of result.rows) writeBinaryRow(w, result.columns, row);
    writeEnd(w, deprecateEof, status);
  }
}

const UNSUPPORTED = new SqlError(
  1295,
  'HY000',
  'This command is not supported in the prepared statement protocol yet',
);
