import type { CellValue, ColumnDef, ColumnType, OkResult, SqlError } from './types.js';

export const Capability = {
  LONG_PASSWORD: 0x1,
  FOUND_ROWS: 0x2,
  LONG_FLAG: 0x4,
  CONNECT_WITH_DB: 0x8,
  IGNORE_SPACE: 0x100,
  PROTOCOL_41: 0x200,
  INTERACTIVE: 0x400,
  SSL: 0x800,
  IGNORE_SIGPIPE: 0x1000,
  TRANSACTIONS: 0x2000,
  RESERVED: 0x4000,
  SECURE_CONNECTION: 0x8000,
  MULTI_STATEMENTS: 0x10000,
  MULTI_RESULTS: 0x20000,
  PS_MULTI_RESULTS: 0x40000,
  PLUGIN_AUTH: 0x80000,
  CONNECT_ATTRS: 0x100000,
  PLUGIN_AUTH_LENENC_CLIENT_DATA: 0x200000,
  DEPRECATE_EOF: 0x1000000,
} as const;

/**
 * What the server advertises. No SSL, compression, session tracking or query attributes: a
 * client that asked for them must get plain packets, so they stay out of the negotiated set.
 */
export const SERVER_CAPABILITIES =
  Capability.LONG_PASSWORD |
  Capability.FOUND_ROWS |
  Capability.LONG_FLAG |
  Capability.CONNECT_WITH_DB |
  Capability.IGNORE_SPACE |
  Capability.PROTOCOL_41 |
  Capability.INTERACTIVE |
  Capability.IGNORE_SIGPIPE |
  Capability.TRANSACTIONS |
  Capability.RESERVED |
  Capability.SECURE_CONNECTION |
  Capability.MULTI_STATEMENTS |
  Capability.MULTI_RESULTS |
  Capability.PS_MULTI_RESULTS |
  Capability.PLUGIN_AUTH |
  Capability.CONNECT_ATTRS |
  Capability.PLUGIN_AUTH_LENENC_CLIENT_DATA |
  Capability.DEPRECATE_EOF;

export const ServerStatus = {
  AUTOCOMMIT: 0x2,
  MORE_RESULTS_EXISTS: 0x8,
} as const;

export const Command = {
  QUIT: 0x01,
  INIT_DB: 0x02,
  QUERY: 0x03,
  FIELD_LIST: 0x04,
  PING: 0x0e,
  STMT_PREPARE: 0x16,
  STMT_EXECUTE: 0x17,
  STMT_SEND_LONG_DATA: 0x18,
  STMT_CLOSE: 0x19,
  STMT_RESET: 0x1a,
  SET_OPTION: 0x1b,
  STMT_FETCH: 0x1c,
} as const;

export const NATIVE_PASSWORD_PLUGIN = 'mysql_native_password';

/** utf8mb4_general_ci: what OceanBase announces and uses for text columns. */
const UTF8MB4_GENERAL_CI = 45;
const BINARY_CHARSET = 63;

const MAX_PAYLOAD = 0xffffff;

/**
 * Writes MySQL packets back to back into one growing buffer, numbering them as it goes, so a
 * whole response (or a large slice of one) leaves in a single socket write.
 */
export class PacketWriter {
  private buf: Buffer;
  private pos = 0;
  private packetStart = -1;

  constructor(
    public sequenceId: number,
    private readonly chunkSize = 64 * 1024,
  ) {
    this.buf = Buffer.allocUnsafe(chunkSize);
  }

  /** Bytes written and not yet taken. */
  get length(): number {
    return this.pos;
  }

  begin(): this {
    this.ensure(4);
    this.packetStart = this.pos;
    this.pos += 4;
    return this;
  }

  end(): void {
    const start = this.packetStart;
    this.packetStart = -1;
    const payloadLength = this.pos - start - 4;
    if (payloadLength < MAX_PAYLOAD) {
      this.writeHeader(start, payloadLength);
      return;
    }
    // Payloads of 16 MiB - 1 or more go out as consecutive full-size packets, the last one
    // shorter (possibly empty), each with its own sequence id.
    const payload = Buffer.from(this.buf.subarray(start + 4, this.pos));
    this.pos = start;
    for (let offset = 0; ;) {
      const size = Math.min(MAX_PAYLOAD, payload.length - offset);
      this.ensure(4 + size);
      this.writeHeader(this.pos, size);
      payload.copy(this.buf, this.pos + 4, offset, offset + size);
      this.pos += 4 + size;
      offset += size;
      if (size < MAX_PAYLOAD) return;
    }
  }

  /** Hands over the complete packets written so far; only between packets. */
  take(): Buffer {
    const out = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(this.chunkSize);
    this.pos = 0;
    return out;
  }

  int1(value: number): this {
    this.ensure(1);
    this.buf[this.pos++] = value & 0xff;
    return this;
  }

  int2(value: number): this {
    this.ensure(2);
    this.pos = this.buf.writeUInt16LE(value & 0xffff, this.pos);
    return this;
  }

  int4(value: number): this {
    this.ensure(4);
    this.pos = this.buf.writeUInt32LE(value >>> 0, this.pos);
    return this;
  }

  lenencInt(value: number): this {
    if (value < 251) return this.int1(value);
    if (value < 0x10000) return this.int1(0xfc).int2(value);
    if (value < 0x1000000) {
      this.int1(0xfd).ensure(3);
      this.pos = this.buf.writeUIntLE(value, this.pos, 3);
      return this;
    }
    this.int1(0xfe).ensure(8);
    this.pos = this.buf.writeBigUInt64LE(BigInt(value), this.pos);
    return this;
  }

  lenencString(text: string): this {
    const size = Buffer.byteLength(text);
    this.lenencInt(size).ensure(size);
    this.pos += this.buf.write(text, this.pos, 'utf8');
    return this;
  }

  /** A string that runs to the end of the packet. */
  restString(text: string): this {
    const size = Buffer.byteLength(text);
    this.ensure(size);
    this.pos += this.buf.write(text, this.pos, 'utf8');
    return this;
  }

  nulString(text: string): this {
    return this.restString(text).int1(0);
  }

  bytes(data: Buffer): this {
    this.ensure(data.length);
    this.pos += data.copy(this.buf, this.pos);
    return this;
  }

  zeros(count: number): this {
    this.ensure(count);
    this.buf.fill(0, this.pos, this.pos + count);
    this.pos += count;
    return this;
  }

  private writeHeader(at: number, payloadLength: number): void {
    this.buf.writeUIntLE(payloadLength, at, 3);
    this.buf[at + 3] = this.sequenceId;
    this.sequenceId = (this.sequenceId + 1) & 0xff;
  }

  private ensure(extra: number): this {
    const needed = this.pos + extra;
    if (needed > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.buf.length * 2));
      this.buf.copy(grown, 0, 0, this.pos);
      this.buf = grown;
    }
    return this;
  }
}

export interface Greeting {
  serverVersion: string;
  connectionId: number;
  scramble: Buffer;
}

export function writeGreeting(w: PacketWriter, g: Greeting): void {
  w.begin()
    .int1(10)
    .nulString(g.serverVersion)
    .int4(g.connectionId)
    .bytes(g.scramble.subarray(0, 8))
    .int1(0)
    .int2(SERVER_CAPABILITIES & 0xffff)
    .int1(UTF8MB4_GENERAL_CI)
    .int2(ServerStatus.AUTOCOMMIT)
    .int2(SERVER_CAPABILITIES >>> 16)
    .int1(g.scramble.length + 1)
    .zeros(10)
    .bytes(g.scramble.subarray(8))
    .int1(0)
    .nulString(NATIVE_PASSWORD_PLUGIN)
    .end();
}

export function writeAuthSwitchRequest(w: PacketWriter, scramble: Buffer): void {
  w.begin().int1(0xfe).nulString(NATIVE_PASSWORD_PLUGIN).bytes(scramble).int1(0).end();
}

export function writeOk(w: PacketWriter, ok: Omit<OkResult, 'kind'>, status: number): void {
  w.begin()
    .int1(0x00)
    .lenencInt(ok.affectedRows ?? 0)
    .lenencInt(ok.insertId ?? 0)
    .int2(status)
    .int2(ok.warningCount ?? 0)
    .restString(ok.info ?? '')
    .end();
}

/**
 * Ends a column list or a row stream: an EOF packet for classic clients, an OK packet with the
 * EOF header for clients that negotiated CLIENT_DEPRECATE_EOF.
 */
export function writeEnd(w: PacketWriter, deprecateEof: boolean, status: number): void {
  if (deprecateEof) {
    w.begin().int1(0xfe).lenencInt(0).lenencInt(0).int2(status).int2(0).end();
  } else {
    w.begin().int1(0xfe).int2(0).int2(status).end();
  }
}

export function writeError(
  w: PacketWriter,
  error: Pick<SqlError, 'errno' | 'sqlState' | 'message'>,
): void {
  // Exactly five characters after '#', or the client misreads the message.
  const sqlState = /^[0-9A-Z]{5}$/.test(error.sqlState) ? error.sqlState : 'HY000';
  w.begin().int1(0xff).int2(error.errno).restString(`#${sqlState}`).restString(error.message).end();
}

const TypeCode: Record<ColumnType, number> = {
  LONG: 3,
  DOUBLE: 5,
  NULL: 6,
  TIMESTAMP: 7,
  LONGLONG: 8,
  DATETIME: 12,
  NEWDECIMAL: 246,
  BLOB: 252,
  VAR_STRING: 253,
};

const ColumnFlag = {
  NOT_NULL: 0x1,
  BLOB: 0x10,
  UNSIGNED: 0x20,
  BINARY: 0x80,
  NUM: 0x8000,
} as const;

/** 0x1f: a floating-point column without a fixed number of decimals. */
const NOT_FIXED_DECIMALS = 0x1f;

const NUMERIC: ReadonlySet<ColumnType> = new Set(['LONG', 'LONGLONG', 'NEWDECIMAL', 'DOUBLE']);
const TEXTUAL: ReadonlySet<ColumnType> = new Set(['VAR_STRING', 'BLOB']);

function columnLength(col: ColumnDef): number {
  const decimals = col.decimals ?? 0;
  switch (col.type) {
    case 'LONG':
      return col.length ?? (col.unsigned ? 10 : 11);
    case 'LONGLONG':
      return col.length ?? 20;
    case 'NEWDECIMAL':
      // precision + decimal point + sign, as MySQL reports it
      return col.length ?? 65 + (decimals > 0 ? 1 : 0) + (col.unsigned ? 0 : 1);
    case 'DOUBLE':
      return col.length ?? 22;
    case 'TIMESTAMP':
    case 'DATETIME':
      return col.length ?? 19 + (decimals > 0 ? decimals + 1 : 0);
    case 'VAR_STRING':
    case 'BLOB':
      // Lengths of text columns are in characters; the wire carries bytes (4 per utf8mb4 char).
      return Math.min((col.length ?? (col.type === 'BLOB' ? 16383 : 256)) * 4, 0xffffffff);
    case 'NULL':
      return 0;
  }
}

export function writeColumnDefinition(w: PacketWriter, col: ColumnDef): void {
  let flags = 0;
  if (col.nullable === false) flags |= ColumnFlag.NOT_NULL;
  if (col.unsigned) flags |= ColumnFlag.UNSIGNED;
  if (NUMERIC.has(col.type)) flags |= ColumnFlag.NUM | ColumnFlag.BINARY;
  else if (!TEXTUAL.has(col.type)) flags |= ColumnFlag.BINARY;
  if (col.type === 'BLOB') flags |= ColumnFlag.BLOB;
  const decimals = col.decimals ?? (col.type === 'DOUBLE' ? NOT_FIXED_DECIMALS : 0);
  w.begin()
    .lenencString('def')
    .lenencString(col.schema ?? '')
    .lenencString(col.table ?? '')
    .lenencString(col.table ?? '')
    .lenencString(col.name)
    .lenencString(col.name)
    .int1(0x0c)
    .int2(TEXTUAL.has(col.type) ? UTF8MB4_GENERAL_CI : BINARY_CHARSET)
    .int4(columnLength(col))
    .int1(TypeCode[col.type])
    .int2(flags)
    .int1(decimals)
    .int2(0)
    .end();
}

/** One text-protocol row with exactly `width` cells: missing cells are NULL, extra ones dropped. */
export function writeTextRow(w: PacketWriter, row: readonly CellValue[], width: number): void {
  w.begin();
  for (let i = 0; i < width; i++) {
    const cell = row[i];
    if (cell === null || cell === undefined) w.int1(0xfb);
    else w.lenencString(typeof cell === 'string' ? cell : String(cell));
  }
  w.end();
}
