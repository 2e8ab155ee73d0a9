/**
 * The seam between the wire (protocol/) and the simulated cluster (everything else).
 * The protocol layer knows packets, handshakes and types; it knows nothing about OceanBase.
 * The cluster knows OceanBase; it never sees a packet.
 */

/** Column types the simulator sends. Names follow MySQL's field types. */
export type ColumnType =
  | 'LONGLONG' // bigint(20); set unsigned for SCNs
  | 'LONG' // int
  | 'NEWDECIMAL' // decimal(p,s): value sent as exact text
  | 'DOUBLE'
  | 'VAR_STRING' // varchar
  | 'BLOB' // text / longtext
  | 'TIMESTAMP' // timestamp(6): value sent as 'YYYY-MM-DD HH:MM:SS.ffffff'
  | 'DATETIME'
  | 'NULL';

export interface ColumnDef {
  name: string;
  type: ColumnType;
  unsigned?: boolean;
  /** Fractional digits: 6 for timestamp(6), the scale for decimals. */
  decimals?: number;
  /** Display length; a sensible default per type when absent. */
  length?: number;
  /** The table (view) name the column came from, when known. */
  table?: string;
  schema?: string;
  nullable?: boolean;
}

/**
 * A cell of a text-protocol row. Integers beyond 2^53 (SCNs) travel as bigint or as decimal
 * strings; timestamps are already formatted strings; null is SQL NULL.
 */
export type CellValue = string | number | bigint | null;

export interface ResultSet {
  kind: 'resultset';
  columns: ColumnDef[];
  rows: CellValue[][];
}

export interface OkResult {
  kind: 'ok';
  affectedRows?: number;
  insertId?: number;
  warningCount?: number;
  info?: string;
}

export type StatementResult = ResultSet | OkResult;

/** An error the client sees as `ERROR errno (sqlState): message`. */
export class SqlError extends Error {
  constructor(
    readonly errno: number,
    readonly sqlState: string,
    message: string,
  ) {
    super(message);
    this.name = 'SqlError';
  }
}

/** What the client asked to log in as. `root@mysql_tenant#demo` → user root, tenant mysql_tenant, cluster demo. */
export interface LoginIdentity {
  /** The user name exactly as sent in the handshake, e.g. `root@sys`. */
  rawUser: string;
  user: string;
  /** `sys` when the login has no `@tenant`. */
  tenant: string;
  /** The part after `#`, when present. */
  cluster?: string;
  database?: string;
  remoteAddress?: string;
  connectionId: number;
}

export interface AccountCredentials {
  /** SHA1(SHA1(password)): what mysql_native_password verifies against. */
  passwordDoubleSha1: Buffer;
}

/** Implemented by the cluster; called by the protocol layer. */
export interface ProtocolBackend {
  /** Sent in the handshake and answered by SELECT VERSION(). */
  readonly serverVersion: string;
  /**
   * The stored credentials for this login, or null when there is no such account (the
   * protocol layer then answers 1045 exactly as for a wrong password). May throw SqlError
   * to refuse the login with another error.
   */
  findAccount(identity: LoginIdentity): AccountCredentials | null;
  /** Called once the password is verified. */
  openSession(identity: LoginIdentity): ProtocolSession;
}

/** One client connection's view of the cluster. */
/** A COM_STMT_EXECUTE parameter as decoded from the binary protocol. */
export type ParamValue = string | number | bigint | null;

export interface ProtocolSession {
  /**
   * Executes exactly one statement (the protocol layer splits multi-statement strings when the
   * client asked for CLIENT_MULTI_STATEMENTS). Throws SqlError for errors the client should see.
   */
  execute(sql: string): StatementResult | Promise<StatementResult>;
  /** COM_INIT_DB (`USE db` arrives as a query and goes to execute()). */
  initDb(database: string): void;
  /**
   * COM_STMT_PREPARE: the number of `?` placeholders (throws SqlError for a statement that cannot
   * be prepared). A session without it answers prepared statements with 1295.
   */
  prepare?(sql: string): { params: number };
  /** COM_STMT_EXECUTE: runs the prepared text with its placeholders bound, in order. */
  executePrepared?(
    sql: string,
    params: readonly ParamValue[],
  ): StatementResult | Promise<StatementResult>;
  /**
   * The form of a protocol-level refusal (several statements without CLIENT_MULTI_STATEMENTS, an
   * empty query) for this session: an Oracle-mode tenant answers with its ORA- number and text.
   */
  sessionError?(err: SqlError): SqlError;
  /** The connection ended, for whatever reason. Called exactly once. */
  close(): void;
}

export interface ProtocolServerStats {
  openConnections: number;
  totalConnections: number;
}
