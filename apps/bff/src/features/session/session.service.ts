import { createConnection, type RowDataPacket } from 'mysql2/promise';
import type { LoginRequest, SessionInfo } from '@obconsole/contracts';
import type { z } from 'zod';
import {
  Db,
  connectionOptions,
  isDriverError,
  isUnavailable,
  type DbSettings,
  type DbTarget,
  type Row,
} from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import { redactSql } from '../../lib/redact.js';
import { remainingMs } from '../../lib/deadline.js';
import { Secret } from '../../lib/secret.js';
import {
  selectCanAlterSystemMysql,
  selectCanAlterSystemOracle,
  selectCompatibilityMode,
  selectOwnTenant,
  selectVersion,
} from './session.sql.js';

type LoginInput = z.output<typeof LoginRequest>;

const LOGIN_FAILED = 'Login failed: check the tenant, user and password.';

/** The login page names the address it could not reach: the operator's first question. */
function unreachable(target: DbTarget): AppError {
  const host = `${target.host}:${target.port}`;
  return new AppError(
    'DATABASE_UNAVAILABLE',
    `The database at ${host} cannot be reached right now. Try again in a moment.`,
    undefined,
    { variant: 'host', host },
  );
}

/**
 * Connects as user@tenant, learns what the server is and what this account may do, and only
 * then hands back a pool for the session. Wrong credentials of any kind read the same.
 */
export async function login(
  target: DbTarget,
  input: LoginInput,
  settings: DbSettings,
  log: Logger,
): Promise<{ profile: SessionInfo; db: Db }> {
  const account = {
    target,
    user: input.user,
    tenant: input.tenant,
    password: new Secret(input.password),
  };
  let conn;
  try {
    conn = await createConnection({
      ...connectionOptions(account, settings),
      connectTimeout: Math.min(settings.connectTimeoutMs, remainingMs(settings.queryTimeoutMs)),
    });
  } catch (e) {
    if (isUnavailable(e)) throw unreachable(target);
    log.info(
      { user: input.user, tenant: input.tenant, errno: isDriverError(e) ? e.errno : undefined },
      'login refused',
    );
    throw new AppError('LOGIN_FAILED', LOGIN_FAILED);
  }
  conn.on('error', () => undefined);
  const run = async (name: string, sql: string): Promise<Row[]> => {
    const started = performance.now();
    const timeout = remainingMs(settings.queryTimeoutMs);
    const [rows] = await conn.query<RowDataPacket[]>({ sql, timeout });
    log.info(
      {
        sqlName: name,
        sql: redactSql(sql),
        ms: Math.round((performance.now() - started) * 100) / 100,
      },
      'sql',
    );
    return rows;
  };
  try {
    const mode = (await selectCompatibilityMode(run)) === 'ORACLE' ? 'ORACLE' : 'MYSQL';
    const serverVersion = await selectVersion(run);
    const isSys = input.tenant.toLowerCase() === 'sys';
    const own = isSys ? { tenantId: 1, name: 'sys' } : await selectOwnTenant(run, mode);
    if (!own) throw new AppError('LOGIN_FAILED', LOGIN_FAILED);
    const canBackup =
      mode === 'ORACLE'
        ? await selectCanAlterSystemOracle(run)
        : await selectCanAlterSystemMysql(run);
    const profile: SessionInfo = {
      user: input.user,
      tenant: own.name,
      tenantId: own.tenantId,
      mode,
      isSys,
      canBackup,
      serverVersion,
    };
    return { profile, db: new Db(account, mode, settings, log) };
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (isUnavailable(e)) throw unreachable(target);
    log.warn(
      {
        errno: isDriverError(e) ? e.errno : undefined,
        message: isDriverError(e) ? e.sqlMessage : String(e),
      },
      'login probe failed',
    );
    throw new AppError('LOGIN_FAILED', LOGIN_FAILED);
  } finally {
    conn.destroy();
  }
}
