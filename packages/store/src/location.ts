import path from 'node:path';
import type { Dialect } from './dialect.js';

export type StoreLocation =
  | { dialect: 'sqlite'; file: string }
  | {
      dialect: 'mysql';
      host: string;
      port: number;
      user: string;
      database: string;
    };

/** What went wrong in STORE_URL, and how to write it. */
export class StoreConfigError extends Error {
  override name = 'StoreConfigError';
}

const MYSQL_EXAMPLE = 'mysql://user@host:3306/database';

/**
 * No url: the embedded SQLite file `<dataDir>/console.sqlite`. `mysql://user@host:port/db`: a
 * MySQL-compatible server (MySQL, MariaDB, an OceanBase MySQL-mode tenant: `user@tenant` is
 * written `user%40tenant`). `sqlite:<path>`: a SQLite file elsewhere.
 */
export function parseStoreUrl(url: string | undefined, dataDir: string): StoreLocation {
  const raw = url?.trim() ?? '';
  if (raw === '') return { dialect: 'sqlite', file: path.resolve(dataDir, 'console.sqlite') };
  if (raw.startsWith('sqlite:')) {
    const file = raw.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (file === '')
      throw new StoreConfigError(
        'STORE_URL sqlite: needs a file, e.g. sqlite:/var/lib/console/console.sqlite',
      );
    return { dialect: 'sqlite', file: path.resolve(dataDir, file) };
  }
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new StoreConfigError(`STORE_URL is not a URL: write it as ${MYSQL_EXAMPLE}`);
  }
  if (u.protocol !== 'mysql:')
    throw new StoreConfigError(
      `STORE_URL must start with mysql:// (or be unset for the embedded SQLite file), e.g. ${MYSQL_EXAMPLE}`,
    );
  // A password in the URL ends up in process lists, shell history and logs.
  if (u.password !== '')
    throw new StoreConfigError(
      'STORE_URL must not contain a password: put it in the file named by STORE_PASSWORD_FILE (or in STORE_PASSWORD)',
    );
  const user = decodeURIComponent(u.username);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (user === '') throw new StoreConfigError(`STORE_URL needs a user: ${MYSQL_EXAMPLE}`);
  if (database === '' || database.includes('/'))
    throw new StoreConfigError(
      `STORE_URL needs one database name after the host: ${MYSQL_EXAMPLE}`,
    );
  if (u.hostname === '') throw new StoreConfigError(`STORE_URL needs a host: ${MYSQL_EXAMPLE}`);
  return {
    dialect: 'mysql',
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port === '' ? 3306 : Number(u.port),
    user,
    database,
  };
}

/** Where the store is, without any secret: for logs and error messages. */
export function describeLocation(l: StoreLocation): string {
  return l.dialect === 'sqlite'
    ? `sqlite:${l.file}`
    : `mysql://${encodeURIComponent(l.user)}@${l.host}:${l.port}/${l.database}`;
}

export function dialectOf(l: StoreLocation): Dialect {
  return l.dialect;
}
