import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startMariaDb, type MariaDbInfo } from './mariadb.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mariadb: MariaDbInfo;
  }
}

/** One MariaDB server for the whole run; each test file creates its own databases in it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startMariaDb();
  project.provide('mariadb', { host: server.host, port: server.port, socket: server.socket });
  return () => server.stop();
}
