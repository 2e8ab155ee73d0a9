import type { Socket } from 'node:net';
import { createWireServer } from './mysql2-server.js';
import type { WireCommand, WireConnection, WirePacket } from './mysql2-server.js';
import { generateScramble, verifyNativeToken } from './native-password.js';
import {
  Capability,
  Command,
  NATIVE_PASSWORD_PLUGIN,
  PacketWriter,
  SERVER_CAPABILITIES,
  ServerStatus,
  writeAuthSwitchRequest,
  writeColumnDefinition,
  writeEnd,
  writeError,
  writeGreeting,
  writeOk,
  writeTextRow,
} from './packets.js';
import { splitStatements, trimStatement } from './split-statements.js';
import { PreparedStatements, readExecuteParams, writePrepareOk } from './prepared.js';
import { SqlError } from './types.js';
import { Stall } from '../control/stall.js';
import type {
  LoginIdentity,
  ProtocolBackend,
  ProtocolServerStats,
  ProtocolSession,
  ResultSet,
  StatementResult,
} from './types.js';

export interface ProtocolServerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Where internal errors go; console.error by default. */
  logger?: (msg: string) => void;
}

export interface ProtocolServer {
  /** Resolves with the bound port. */
  listen(): Promise<number>;
  /** Stops listening and destroys every client socket; resolves once all sessions are closed. */
  close(): Promise<void>;
  /**
   * Destroys every client socket now, so clients see a lost connection; returns how many.
   * With refuseMs, new connections are cut at once for that long, as while an observer restarts.
   */
  dropAllConnections(refuseMs?: number): number;
  /**
   * Freezes (true, optionally for `ms`) or thaws (false) the server: connections are accepted and
   * kept open, but nothing is read or answered until it thaws.
   */
  stall(on: boolean, ms?: number): void;
  readonly stalled: boolean;
  stats(): ProtocolServerStats;
}

/** Results are flushed to the socket in slices of about this size, so large ones stream. */
const FLUSH_BYTES = 64 * 1024;

/** The seam carries no transaction state, so every session reports autocommit. */
const STATUS = ServerStatus.AUTOCOMMIT;

const INTERNAL_ERROR = new SqlError(4016, 'HY000', 'Internal error');
const EMPTY_QUERY = new SqlError(1065, '42000', 'Query was empty');
const MULTI_STATEMENT_REFUSED = new SqlError(
  1149,
  '42000',
  'You have an error in your SQL syntax; check the manual that corresponds to your OceanBase version for the right syntax to use',
);
const UNKNOWN_COMMAND = new SqlError(1047, '08S01', 'Unknown command');
const BAD_HANDSHAKE = new SqlError(1043, '08S01', 'Bad handshake');
const PREPARED_STATEMENTS_UNSUPPORTED = new SqlError(
  1295,
  'HY000',
  'This command is not supported in the prepared statement protocol yet',
);

export function createProtocolServer(
  backend: ProtocolBackend,
  options: ProtocolServerOptions = {},
): ProtocolServer {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  const logger = options.logger ?? ((msg: string) => console.error(msg));
  const wire = createWireServer();
  const clients = new Set<ClientConnection>();
  let totalConnections = 0;
  let nextConnectionId = 1;
  let refuseUntil = 0;
  const stall = new Stall();

  // Accept errors (EMFILE and the like) would otherwise be thrown as unhandled 'error' events.
  wire._server.on('error', (err) => logger(`protocol server error: ${err.message}`));
  wire.on('connection', (connection) => {
    if (Date.now() < refuseUntil) {
      // Its close is reported as an 'error' event; unheard, that would crash the process.
      connection.on('error', () => undefined);
      connection.stream.destroy();
      return;
    }
    const held = stall.active;
    if (held) {
      // A frozen server sends no greeting: the client waits out its connect timeout.
      connection.on('error', () => undefined);
      connection.stream.on('error', () => undefined);
      connection.pause();
    }
    stall.hold(() => {
      if (connection.stream.destroyed) return;
      // Before the greeting: a paused connection would queue it and never send it.
      if (held) connection.resume();
      totalConnections++;
      const client = new ClientConnection(connection, backend, nextConnectionId++, logger, stall);
      clients.add(client);
      void client.closed.then(() => clients.delete(client));
    });
  });

  return {
    listen: () =>
      new Promise<number>((resolve, reject) => {
        const server = wire._server;
        server.once('error', reject);
        wire.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address();
          resolve(typeof address === 'object' && address !== null ? address.port : port);
        });
      }),
    close: async () => {
      stall.end();
      const stopped = new Promise<void>((resolve) => wire._server.close(() => resolve()));
      const sessionsClosed = [...clients].map((client) => {
        client.socket.destroy();
        return client.closed;
      });
      await Promise.all([stopped, ...sessionsClosed]);
    },
    dropAllConnections: (refuseMs = 0) => {
      refuseUntil = Date.now() + refuseMs;
      let dropped = 0;
      for (const client of clients) {
        if (client.socket.destroyed) continue;
        client.socket.destroy();
        dropped++;
      }
      return dropped;
    },
    stall: (on, ms) => {
      if (!on) return stall.end();
      stall.start(ms);
      for (const client of clients) client.freeze();
    },
    get stalled() {
      return stall.active;
    },
    stats: () => ({
      openConnections: [...clients].filter((client) => !client.socket.destroyed).length,
      totalConnections,
    }),
  };
}

type Phase = 'handshake' | 'auth-switch' | 'commands' | 'closing';

/**
 * One client, from greeting to close. mysql2's connection frames the packets and hands each to
 * execute(); everything written back is built here, because mysql2's own server-side writers
 * send a blank SQLSTATE, one socket write per packet and never reset sequence ids.
 */
class ClientConnection implements WireCommand {
  readonly socket: Socket;
  /** Settles when the socket has closed and the session (if any) was told. */
  readonly closed: Promise<void>;
  private phase: Phase = 'handshake';
  private readonly scramble = generateScramble();
  private deprecateEof = false;
  private multiStatements = false;
  private identity: LoginIdentity | undefined;
  private session: ProtocolSession | undefined;
  /** A query is being answered: the connection is paused and resumes when that ends. */
  private answering = false;
  private frozen = false;
  private readonly statements = new PreparedStatements();

  constructor(
    private readonly connection: WireConnection,
    private readonly backend: ProtocolBackend,
    private readonly connectionId: number,
    private readonly logger: (msg: string) => void,
    private readonly stall: Stall,
  ) {
    this.socket = connection.stream;
    // Every response is one write; without this each one waits out Nagle + delayed ACK (~40 ms).
    this.socket.setNoDelay(true);
    // A client that disconnects (even with RST mid-result) surfaces as 'error' on the socket and,
    // through mysql2, on the connection: unheard, either would crash the process.
    this.socket.on('error', () => undefined);
    connection.on('error', () => undefined);
    this.closed = new Promise((resolve) => {
      this.socket.once('close', () => {
        this.onClose();
        resolve();
      });
    });
    connection.addCommand(this);
  }

  /** Stops reading until the stall ends (mysql2 queues what arrives meanwhile, in order). */
  freeze(): void {
    if (this.frozen) return;
    this.frozen = true;
    if (!this.answering) this.connection.pause();
    this.stall.hold(() => {
      this.frozen = false;
      if (!this.answering) this.connection.resume();
    });
  }

  execute(packet: WirePacket | undefined): boolean {
    try {
      if (packet === undefined) this.sendGreeting();
      else if (this.phase === 'handshake') this.onHandshakeResponse(packet);
      else if (this.phase === 'auth-switch') this.authenticate(packet.readBuffer());
      else if (this.phase === 'commands') this.onCommand(packet);
    } catch (err) {
      // Only a malformed packet gets here (the backend's errors are caught where it is called).
      this.logger(`malformed packet on connection ${this.connectionId}: ${describe(err)}`);
      if (this.phase === 'commands') this.reply((w) => writeError(w, INTERNAL_ERROR));
      else this.refuse(BAD_HANDSHAKE);
    }
    // Never done: this command owns the connection until the socket closes.
    return false;
  }

  private sendGreeting(): void {
    this.reply(
      (w) =>
        writeGreeting(w, {
          serverVersion: this.backend.serverVersion,
          connectionId: this.connectionId,
          scramble: this.scramble,
        }),
      'continue',
    );
  }

  private onHandshakeResponse(packet: WirePacket): void {
    const clientFlags = packet.readInt32();
    if ((clientFlags & Capability.SSL) !== 0) {
      return this.refuse(
        new SqlError(1043, '08S01', 'Bad handshake: this server does not support SSL'),
      );
    }
    const required = Capability.PROTOCOL_41 | Capability.SECURE_CONNECTION;
    if ((clientFlags & required) !== required) {
      return this.refuse(
        new SqlError(1043, '08S01', 'Bad handshake: a MySQL 4.1 or newer client is required'),
      );
    }
    const capabilities = clientFlags & SERVER_CAPABILITIES;
    this.deprecateEof = (capabilities & Capability.DEPRECATE_EOF) !== 0;
    this.multiStatements = (capabilities & Capability.MULTI_STATEMENTS) !== 0;
    packet.skip(4 + 1 + 23); // max packet size, charset, filler
    const rawUser = packet.readNullTerminatedString('utf8');
    const tokenLength =
      (capabilities & Capability.PLUGIN_AUTH_LENENC_CLIENT_DATA) !== 0
        ? (packet.readLengthCodedNumber() ?? 0)
        : packet.readInt8();
    const token = packet.readBuffer(tokenLength);
    const database =
      (capabilities & Capability.CONNECT_WITH_DB) !== 0 && packet.haveMoreData()
        ? packet.readNullTerminatedString('utf8')
        : '';
    const plugin =
      (capabilities & Capability.PLUGIN_AUTH) !== 0 && packet.haveMoreData()
        ? packet.readNullTerminatedString('utf8')
        : NATIVE_PASSWORD_PLUGIN;

    this.identity = {
      ...parseLoginUser(rawUser),
      ...(database ? { database } : {}),
      ...(this.socket.remoteAddress
        ? { remoteAddress: stripIpv4Mapping(this.socket.remoteAddress) }
        : {}),
      connectionId: this.connectionId,
    };
    if (plugin === NATIVE_PASSWORD_PLUGIN) return this.authenticate(token);
    // The client hashed for another plugin (caching_sha2_password, say): ask for a native token.
    this.phase = 'auth-switch';
    this.reply((w) => writeAuthSwitchRequest(w, this.scramble), 'continue');
  }

  private authenticate(token: Buffer): void {
    const identity = this.identity;
    if (!identity) return this.refuse(INTERNAL_ERROR);
    let session: ProtocolSession;
    try {
      const account = this.backend.findAccount(identity);
      if (!account || !verifyNativeToken(token, this.scramble, account.passwordDoubleSha1)) {
        const host = identity.remoteAddress ?? 'localhost';
        const usingPassword = token.length > 0 ? 'YES' : 'NO';
        return this.refuse(
          // OB_PASSWORD_WRONG: ER_ACCESS_DENIED_ERROR with SQLSTATE 42000, the user without @tenant.
          new SqlError(
            1045,
            '42000',
            `Access denied for user '${identity.user}'@'${host}' (using password: ${usingPassword})`,
          ),
        );
      }
      session = this.backend.openSession(identity);
    } catch (err) {
      return this.refuse(this.toSqlError(err, `logging in as ${identity.rawUser}`));
    }
    this.session = session;
    this.phase = 'commands';
    this.reply((w) => writeOk(w, {}, STATUS));
  }

  private onCommand(packet: WirePacket): void {
    const session = this.session;
    if (!session) return;
    const code = packet.readInt8();
    switch (code) {
      case Command.QUERY:
        return this.runQuery(session, packet.readString(undefined, 'utf8'));
      case Command.PING:
        return this.reply((w) => writeOk(w, {}, STATUS));
      case Command.INIT_DB: {
        const database = packet.readString(undefined, 'utf8');
        let error: SqlError | undefined;
        try {
          session.initDb(database);
        } catch (err) {
          error = this.toSqlError(err, `COM_INIT_DB ${database}`);
        }
        return this.reply((w) => (error ? writeError(w, error) : writeOk(w, {}, STATUS)));
      }
      case Command.FIELD_LIST:
        // No column metadata to offer; an empty list is a valid answer.
        return this.reply((w) => writeEnd(w, this.deprecateEof, STATUS));
      case Command.SET_OPTION: {
        const option = packet.readInt16();
        if (option > 1) return this.reply((w) => writeError(w, UNKNOWN_COMMAND));
        this.multiStatements = option === 0;
        return this.reply((w) => writeEnd(w, this.deprecateEof, STATUS));
      }
      case Command.QUIT:
        this.phase = 'closing';
        this.socket.end();
        return;
      case Command.STMT_CLOSE:
        this.statements.close(packet.readInt32());
        // The client expects no answer.
        this.connection.sequenceId = 0;
        return;
      case Command.STMT_SEND_LONG_DATA:
        this.connection.sequenceId = 0;
        return;
      case Command.STMT_PREPARE:
        return this.prepareStatement(session, packet.readString(undefined, 'utf8'));
      case Command.STMT_EXECUTE:
        return this.executeStatement(session, packet);
      case Command.STMT_RESET: {
        const id = packet.readInt32();
        return this.reply((w) => {
          try {
            this.statements.get(id);
            writeOk(w, {}, STATUS);
          } catch (err) {
            writeError(w, this.toSqlError(err, 'COM_STMT_RESET'));
          }
        });
      }
      case Command.STMT_FETCH:
        return this.reply((w) => writeError(w, PREPARED_STATEMENTS_UNSUPPORTED));
      default:
        return this.reply((w) => writeError(w, UNKNOWN_COMMAND));
    }
  }

  private prepareStatement(session: ProtocolSession, sql: string): void {
    this.reply((w) => {
      try {
        writePrepareOk(w, this.statements.prepare(session, sql), this.deprecateEof, STATUS);
      } catch (err) {
        writeError(w, this.toSqlError(err, `preparing ${sql}`));
      }
    });
  }

  /** COM_STMT_EXECUTE, answered in order like a query (later packets wait). */
  private executeStatement(session: ProtocolSession, packet: WirePacket): void {
    this.connection.pause();
    const w = new PacketWriter(this.connection.sequenceId);
    const run = async (): Promise<void> => {
      try {
        const stmt = this.statements.get(packet.readInt32());
        const params = readExecuteParams(packet, stmt);
        await this.statements.execute(session, stmt, params, w, this.deprecateEof, STATUS);
      } catch (err) {
        writeError(w, this.toSqlError(err, 'COM_STMT_EXECUTE'));
      }
      this.write(w.take());
    };
    void run().then(() => {
      this.connection.sequenceId = 0;
      this.connection.resume();
    });
  }

  /**
   * Incoming packets wait (mysql2 queues them while paused) until the whole answer is written,
   * so a pipelining client still gets its results in order.
   */
  private runQuery(session: ProtocolSession, sql: string): void {
    this.connection.pause();
    this.answering = true;
    void this.answerQuery(session, sql)
      .catch((err: unknown) => {
        // The answer broke off midway: the client cannot be resynchronised, only told.
        this.logger(
          `answer to ${sql} broke off on connection ${this.connectionId}: ${describe(err)}`,
        );
        this.socket.destroy();
      })
      .then(() => {
        this.connection.sequenceId = 0;
        this.answering = false;
        // Frozen meanwhile: the stall's end resumes reading.
        if (!this.frozen) this.connection.resume();
      });
  }

  private async answerQuery(session: ProtocolSession, sql: string): Promise<void> {
    const split = splitStatements(sql);
    const statements = this.multiStatements ? split : [trimStatement(sql)].filter(Boolean);
    const w = new PacketWriter(this.connection.sequenceId);
    if (!this.multiStatements && split.length > 1) {
      // Several statements without CLIENT_MULTI_STATEMENTS: OB_ERR_PARSER_SYNTAX (ER_SYNTAX_ERROR).
      writeError(w, session.sessionError?.(MULTI_STATEMENT_REFUSED) ?? MULTI_STATEMENT_REFUSED);
      this.write(w.take());
      return;
    }
    if (statements.length === 0) writeError(w, session.sessionError?.(EMPTY_QUERY) ?? EMPTY_QUERY);
    for (const [i, statement] of statements.entries()) {
      const status = STATUS | (i < statements.length - 1 ? ServerStatus.MORE_RESULTS_EXISTS : 0);
      let result: StatementResult;
      try {
        result = checkResult(await session.execute(statement));
      } catch (err) {
        writeError(w, this.toSqlError(err, `executing ${statement}`));
        break;
      }
      if (this.socket.destroyed) return;
      if (result.kind === 'ok') writeOk(w, result, status);
      else if (!(await this.writeResultSet(w, result, status))) return;
    }
    this.write(w.take());
  }

  /** Returns false when the client went away mid-result. */
  private async writeResultSet(
    w: PacketWriter,
    result: ResultSet,
    status: number,
  ): Promise<boolean> {
    const width = result.columns.length;
    if (width === 0) {
      writeOk(w, {}, status);
      return true;
    }
    w.begin().lenencInt(width).end();
    for (const column of result.columns) writeColumnDefinition(w, column);
    if (!this.deprecateEof) writeEnd(w, false, status);
    for (const row of result.rows) {
      writeTextRow(w, row, width);
      if (w.length >= FLUSH_BYTES && !this.write(w.take())) {
        await drainOrClose(this.socket);
        if (this.socket.destroyed) return false;
      }
    }
    writeEnd(w, this.deprecateEof, status);
    return true;
  }

  /**
   * Sends what `build` writes, numbered on from the packet just received. After a command the
   * client starts over at 0; during the handshake it continues the numbering.
   */
  private reply(build: (w: PacketWriter) => void, next: 'command' | 'continue' = 'command'): void {
    const w = new PacketWriter(this.connection.sequenceId, 256);
    build(w);
    this.write(w.take());
    this.connection.sequenceId = next === 'command' ? 0 : w.sequenceId;
  }

  /** Refuses the login: the error, then a graceful close. */
  private refuse(error: SqlError): void {
    this.reply((w) => writeError(w, error));
    this.phase = 'closing';
    this.socket.end();
  }

  /** False when the socket is gone or wants draining. */
  private write(chunk: Buffer): boolean {
    if (this.socket.destroyed || !this.socket.writable) return false;
    return chunk.length === 0 || this.socket.write(chunk);
  }

  private toSqlError(err: unknown, context: string): SqlError {
    if (err instanceof SqlError) return err;
    this.logger(`internal error on connection ${this.connectionId} (${context}): ${describe(err)}`);
    return INTERNAL_ERROR;
  }

  private onClose(): void {
    this.phase = 'closing';
    const session = this.session;
    this.session = undefined;
    if (!session) return;
    try {
      session.close();
    } catch (err) {
      this.logger(`session.close() failed on connection ${this.connectionId}: ${describe(err)}`);
    }
  }
}

/** `user@tenant#cluster`: the tenant is `sys` when there is no `@`. */
function parseLoginUser(
  rawUser: string,
): Pick<LoginIdentity, 'rawUser' | 'user' | 'tenant' | 'cluster'> {
  const hash = rawUser.indexOf('#');
  const userAndTenant = hash === -1 ? rawUser : rawUser.slice(0, hash);
  const cluster = hash === -1 ? '' : rawUser.slice(hash + 1);
  const at = userAndTenant.lastIndexOf('@');
  return {
    rawUser,
    user: at === -1 ? userAndTenant : userAndTenant.slice(0, at),
    tenant: at === -1 ? 'sys' : userAndTenant.slice(at + 1),
    ...(cluster ? { cluster } : {}),
  };
}

function stripIpv4Mapping(address: string): string {
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}

/** Rejects what the backend returns when it is not a StatementResult, before any byte of it is sent. */
function checkResult(result: unknown): StatementResult {
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

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
