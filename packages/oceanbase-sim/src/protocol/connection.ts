import type { Socket } from 'node:net';
import type { WireCommand, WireConnection, WirePacket } from './mysql2-server.js';
import { generateScramble, verifyNativeToken } from './native-password.js';
import {
  Command,
  NATIVE_PASSWORD_PLUGIN,
  PacketWriter,
  ServerStatus,
  writeAuthSwitchRequest,
  writeEnd,
  writeError,
  writeGreeting,
  writeOk,
} from './packets.js';
import { PreparedStatements, readExecuteParams, writePrepareOk } from './prepared.js';
import { accessDenied, readHandshakeResponse } from './login.js';
import { answerStatements, writeTo } from './results.js';
import { SqlError } from './types.js';
import type { LoginIdentity, ProtocolBackend, ProtocolSession } from './types.js';
import type { Stall } from '../control/stall.js';
import {
  BAD_HANDSHAKE,
  INTERNAL_ERROR,
  PREPARED_STATEMENTS_UNSUPPORTED,
  UNKNOWN_COMMAND,
  describe,
} from './wire-errors.js';

/** The seam carries no transaction state, so every session reports autocommit. */
const STATUS = ServerStatus.AUTOCOMMIT;

type Phase = 'handshake' | 'auth-switch' | 'commands' | 'closing';

/**
 * One client, from greeting to close. mysql2's connection frames the packets and hands each to
 * execute(); everything written back is built here, because mysql2's own server-side writers
 * send a blank SQLSTATE, one socket write per packet and never reset sequence ids.
 */
export class ClientConnection implements WireCommand {
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
    const request = readHandshakeResponse(packet, this.socket.remoteAddress, this.connectionId);
    if (request instanceof SqlError) return this.refuse(request);
    this.deprecateEof = request.deprecateEof;
    this.multiStatements = request.multiStatements;
    this.identity = request.identity;
    if (request.plugin === NATIVE_PASSWORD_PLUGIN) return this.authenticate(request.token);
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
        return this.refuse(accessDenied(identity, token));
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
    const w = new PacketWriter(this.connection.sequenceId);
    const complete = await answerStatements(w, session, sql, {
      multiStatements: this.multiStatements,
      deprecateEof: this.deprecateEof,
      status: STATUS,
      socket: this.socket,
      toSqlError: (err, context) => this.toSqlError(err, context),
    });
    if (complete) this.write(w.take());
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
    return writeTo(this.socket, chunk);
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
