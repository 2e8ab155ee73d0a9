import { createConnection } from 'mysql2/promise';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { startSimulator } from '../simulator.js';
import type { Simulator, SimulatorOptions } from '../simulator.js';

export async function startTestSim(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({ port: 0, controlPort: 0, manualClock: true, seed: 7, ...options });
}

export async function connect(
  sim: Simulator,
  user = 'root@sys',
  password = 'oceanbase',
  database?: string,
): Promise<Connection> {
  return createConnection({
    host: '127.0.0.1',
    port: sim.sqlPort,
    user,
    password,
    ...(database ? { database } : {}),
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
    multipleStatements: true,
  });
}

export async function rows(conn: Connection, sql: string): Promise<Record<string, unknown>[]> {
  const [result] = await conn.query<RowDataPacket[]>(sql);
  return result;
}

export interface CaughtError {
  errno: number;
  sqlState: string;
  sqlMessage: string;
}

/** The error a statement fails with (fails the test when it succeeds). */
export async function sqlError(conn: Connection, sql: string): Promise<CaughtError> {
  try {
    await conn.query(sql);
  } catch (e) {
    const err = e as CaughtError;
    return { errno: err.errno, sqlState: err.sqlState, sqlMessage: err.sqlMessage };
  }
  throw new Error(`expected an error from: ${sql}`);
}
