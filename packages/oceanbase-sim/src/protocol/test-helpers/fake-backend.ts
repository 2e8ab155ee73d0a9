import { doubleSha1 } from '../native-password.js';
import { SqlError } from '../types.js';
import type {
  AccountCredentials,
  LoginIdentity,
  ProtocolBackend,
  ProtocolSession,
  ResultSet,
  StatementResult,
} from '../types.js';

export const SERVER_VERSION = '5.7.25-OceanBase_CE-v4.3.5.0';
export const VERSION_COMMENT = 'OceanBase_CE 4.3.5.0 (simulated)';

/** Accounts by `user@tenant`. */
const ACCOUNTS: Record<string, string> = {
  'root@sys': 'secret',
  'admin@obtenant': 'pw2',
  'nopw@sys': '',
};

const TYPES_RESULT: ResultSet = {
  kind: 'resultset',
  columns: [
    {
      name: 'scn',
      type: 'LONGLONG',
      unsigned: true,
      nullable: false,
      table: 'v',
      schema: 'oceanbase',
    },
    { name: 'amount', type: 'NEWDECIMAL', decimals: 9, length: 40 },
    { name: 'ts', type: 'TIMESTAMP', decimals: 6 },
    { name: 'name', type: 'VAR_STRING', length: 64 },
    { name: 'note', type: 'BLOB' },
    { name: 'ratio', type: 'DOUBLE' },
    { name: 'n', type: 'LONG' },
    { name: 'nothing', type: 'NULL' },
    { name: 'dt', type: 'DATETIME' },
  ],
  rows: [
    [
      1700000000000000001n,
      '12345678901234567890.123456789',
      '2024-05-06 07:08:09.123456',
      'héllo ✓',
      'long text',
      0.5,
      -42,
      null,
      '2024-05-06 07:08:09',
    ],
    ['18446744073709551615', null, null, null, null, null, null, null, null],
  ],
};

/**
 * A stand-in cluster: a few accounts and a handful of canned statements; anything else is
 * echoed back as a one-cell result, so tests can see exactly what reached execute().
 */
export class FakeBackend implements ProtocolBackend {
  readonly serverVersion = SERVER_VERSION;
  readonly logins: LoginIdentity[] = [];
  readonly sessions: FakeSession[] = [];

  findAccount(identity: LoginIdentity): AccountCredentials | null {
    this.logins.push(identity);
    if (identity.user === 'locked') {
      throw new SqlError(
        3118,
        'HY000',
        `Access denied for user '${identity.user}'. Account is locked.`,
      );
    }
    if (identity.user === 'crash') throw new Error('account store unavailable');
    const password = ACCOUNTS[`${identity.user}@${identity.tenant}`];
    return password === undefined ? null : { passwordDoubleSha1: doubleSha1(password) };
  }

  openSession(identity: LoginIdentity): ProtocolSession {
    const session = new FakeSession(identity);
    this.sessions.push(session);
    return session;
  }
}

export class FakeSession implements ProtocolSession {
  readonly executed: string[] = [];
  readonly databases: string[] = [];
  closeCount = 0;

  constructor(readonly identity: LoginIdentity) {}

  execute(sql: string): StatementResult | Promise<StatementResult> {
    this.executed.push(sql);
    let match: RegExpMatchArray | null;
    if (/^select @@version_comment limit 1$/i.test(sql)) {
      return oneCell('@@version_comment', VERSION_COMMENT);
    }
    if (/^select 1$/i.test(sql)) {
      return {
        kind: 'resultset',
        columns: [{ name: '1', type: 'LONGLONG', nullable: false }],
        rows: [[1]],
      };
    }
    if (sql === 'select types') return TYPES_RESULT;
    if (sql === 'select empty')
      return { kind: 'resultset', columns: [{ name: 'id', type: 'LONG' }], rows: [] };
    if (sql === 'whoami') {
      const { user, tenant, cluster, database, remoteAddress, connectionId } = this.identity;
      return {
        kind: 'resultset',
        columns: ['user', 'tenant', 'cluster', 'database', 'remote', 'id'].map((name) => ({
          name,
          type: 'VAR_STRING' as const,
        })),
        rows: [
          [user, tenant, cluster ?? null, database ?? null, remoteAddress ?? null, connectionId],
        ],
      };
    }
    if (/^insert/i.test(sql)) {
      return {
        kind: 'ok',
        affectedRows: 3,
        insertId: 42,
        warningCount: 1,
        info: 'Records: 3  Duplicates: 0  Warnings: 1',
      };
    }
    if (/^(set|prepare|execute|begin|commit)\b/i.test(sql)) return { kind: 'ok' };
    if ((match = /^select rows (\d+)$/.exec(sql))) {
      const count = Number(match[1]);
      const rows = Array.from({ length: count }, (_, i) => [
        i,
        `row-${i}`,
        1700000000000000000n + BigInt(i),
      ]);
      return {
        kind: 'resultset',
        columns: [
          { name: 'i', type: 'LONG' },
          { name: 'label', type: 'VAR_STRING' },
          { name: 'scn', type: 'LONGLONG', unsigned: true },
        ],
        rows,
      };
    }
    if ((match = /^select big (\d+)$/.exec(sql)))
      return oneCell('big', 'x'.repeat(Number(match[1])));
    if ((match = /^sleep (\d+)$/.exec(sql))) {
      const ms = Number(match[1]);
      return new Promise((resolve) => setTimeout(() => resolve(oneCell('slept', String(ms))), ms));
    }
    if ((match = /^fail (\d+) (\w{5})$/.exec(sql))) {
      throw new SqlError(Number(match[1]), match[2] ?? '', `failure ${match[1]}`);
    }
    if (sql === 'async fail') {
      return Promise.reject(
        new SqlError(1235, '0A000', 'This version of OceanBase does not yet support this'),
      );
    }
    if (sql === 'boom') throw new Error('kaboom');
    if (sql === 'bad result') return { kind: 'nonsense' } as unknown as StatementResult;
    return oneCell('sql', sql);
  }

  initDb(database: string): void {
    if (database === 'missing') throw new SqlError(1049, '42000', `Unknown database '${database}'`);
    this.databases.push(database);
  }

  close(): void {
    this.closeCount++;
  }
}

function oneCell(name: string, value: string): ResultSet {
  return { kind: 'resultset', columns: [{ name, type: 'VAR_STRING' }], rows: [[value]] };
}
